// The `database` entry of a `deep:` target in stacksweep.yaml. Placeholder: its keys come with the source.
import { z } from "zod";

export const databaseSettingsSchema = z.strictObject({});

export type DatabaseSettings = z.infer<typeof databaseSettingsSchema>;
