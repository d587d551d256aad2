// The `ceph` entry of a `deep:` target in stacksweep.yaml. Placeholder: its keys come with the source.
import { z } from "zod";

export const cephSettingsSchema = z.strictObject({});

export type CephSettings = z.infer<typeof cephSettingsSchema>;
