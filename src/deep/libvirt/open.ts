// Opens the `libvirt` source for one cloud region from its settings. Placeholder until the source lands.
import type { DeepSource } from "../deep-source.ts";
import type { LibvirtSettings } from "./settings.ts";

export function openLibvirtSource(_settings: LibvirtSettings, _where: { cloud: string; region: string }): DeepSource {
  throw new Error("the libvirt source is not built yet");
}
