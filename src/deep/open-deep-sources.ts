// Opens, for one cloud region, the sources below the API that are both enabled (`--deep`) and configured there
// (`deep:` in stacksweep.yaml). One line per source. Each source's module is imported only when it opens: they bring
// Node's HTTPS and TLS, child processes and the services' database drivers, which a scan without them must not wait
// for before its first request.
import { deepTargetFor, type DeepTarget } from "./deep-settings.ts";
import type { DeepSource, DeepSourceId, DeepSources } from "./deep-source.ts";

export async function openDeepSources(
  targets: readonly DeepTarget[],
  enabled: ReadonlySet<DeepSourceId>,
  where: { cloud: string; region: string },
): Promise<DeepSources> {
  const target = deepTargetFor(targets, where.cloud, where.region);
  const sources = new Map<DeepSourceId, DeepSource>();
  if (target === undefined) return sources;
  if (enabled.has("database") && target.database) {
    sources.set("database", (await import("./database/open.ts")).openDatabaseSource(target.database, where));
  }
  if (enabled.has("ceph") && target.ceph) {
    sources.set("ceph", (await import("./ceph/open.ts")).openCephSource(target.ceph, where));
  }
  if (enabled.has("amphora-agent") && target["amphora-agent"]) {
    const { openAmphoraAgentSource } = await import("./amphora-agent/open.ts");
    sources.set("amphora-agent", openAmphoraAgentSource(target["amphora-agent"], where));
  }
  if (enabled.has("libvirt") && target.libvirt) {
    sources.set("libvirt", (await import("./libvirt/open.ts")).openLibvirtSource(target.libvirt, where));
  }
  return sources;
}
