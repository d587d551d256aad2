// Opens the `amphora-agent` source for one cloud region from its settings. Placeholder until the source lands.
import type { DeepSource } from "../deep-source.ts";
import type { AmphoraAgentSettings } from "./settings.ts";

export function openAmphoraAgentSource(
  _settings: AmphoraAgentSettings,
  _where: { cloud: string; region: string },
): DeepSource {
  throw new Error("the amphora-agent source is not built yet");
}
