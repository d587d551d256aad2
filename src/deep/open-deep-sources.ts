// Opens, for one cloud region, the sources below the API that are both enabled (`--deep`) and configured there
// (`deep:` in stacksweep.yaml). One line per source.
import { openAmphoraAgentSource } from "./amphora-agent/open.ts";
import { openCephSource } from "./ceph/open.ts";
import { openDatabaseSource } from "./database/open.ts";
import { deepTargetFor, type DeepTarget } from "./deep-settings.ts";
import type { DeepSource, DeepSourceId, DeepSources } from "./deep-source.ts";
import { openLibvirtSource } from "./libvirt/open.ts";

export function openDeepSources(
  targets: readonly DeepTarget[],
  enabled: ReadonlySet<DeepSourceId>,
  where: { cloud: string; region: string },
): DeepSources {
  const target = deepTargetFor(targets, where.cloud, where.region);
  const sources = new Map<DeepSourceId, DeepSource>();
  if (target === undefined) return sources;
  if (enabled.has("database") && target.database) sources.set("database", openDatabaseSource(target.database, where));
  if (enabled.has("ceph") && target.ceph) sources.set("ceph", openCephSource(target.ceph, where));
  if (enabled.has("amphora-agent") && target["amphora-agent"]) {
    sources.set("amphora-agent", openAmphoraAgentSource(target["amphora-agent"], where));
  }
  if (enabled.has("libvirt") && target.libvirt) sources.set("libvirt", openLibvirtSource(target.libvirt, where));
  return sources;
}
