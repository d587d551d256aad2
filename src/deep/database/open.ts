// Opens the `database` source for one cloud region from its settings. Nothing is connected until a listing asks.
import type { DeepSource } from "../deep-source.ts";
import { DatabaseSource } from "./database-source.ts";
import type { DatabaseSettings } from "./settings.ts";

export function openDatabaseSource(settings: DatabaseSettings, where: { cloud: string; region: string }): DeepSource {
  return new DatabaseSource(settings, where);
}
