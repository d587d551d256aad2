// Opens the `ceph` source for one cloud region from its settings. Placeholder until the source lands.
import type { DeepSource } from "../deep-source.ts";
import type { CephSettings } from "./settings.ts";

export function openCephSource(_settings: CephSettings, _where: { cloud: string; region: string }): DeepSource {
  throw new Error("the ceph source is not built yet");
}
