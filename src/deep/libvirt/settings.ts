// The `libvirt` entry of a `deep:` target in stacksweep.yaml. Placeholder: its keys come with the source.
import { z } from "zod";

export const libvirtSettingsSchema = z.strictObject({});

export type LibvirtSettings = z.infer<typeof libvirtSettingsSchema>;
