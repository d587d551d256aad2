// The `amphora-agent` entry of a `deep:` target in stacksweep.yaml. Placeholder: its keys come with the source.
import { z } from "zod";

export const amphoraAgentSettingsSchema = z.strictObject({});

export type AmphoraAgentSettings = z.infer<typeof amphoraAgentSettingsSchema>;
