// Opens the `database` source for one cloud region from its settings. Placeholder until the source lands.
import type { DeepSource } from "../deep-source.ts";
import type { DatabaseSettings } from "./settings.ts";

export function openDatabaseSource(_settings: DatabaseSettings, _where: { cloud: string; region: string }): DeepSource {
  throw new Error("the database source is not built yet");
}
