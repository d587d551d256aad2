// Opens the `libvirt` source for one cloud region: for each compute host of Nova's complete hypervisor listing, asks
// that host's libvirt (the settings' URI with `{host}` filled in) for its domains, read-only, a bounded number of hosts
// at a time. One record per domain; a host whose libvirt does not answer is one record with `error` and no uuid, so
// its instances are undecided, never "missing", and the other hosts still count.
import pLimit from "p-limit";
import type { DeepListContext, DeepListing, DeepRecord, DeepSource } from "../deep-source.ts";
import type { LibvirtSettings } from "./settings.ts";
import { listDomains } from "./virsh.ts";

/** The resource type this source lists, and the one it reads. */
export const HYPERVISOR_DOMAIN_TYPE = "compute.hypervisor-domain";
const HYPERVISOR_TYPE = "compute.hypervisor";
const PLAIN_HOST = /^[A-Za-z0-9]([A-Za-z0-9._-]{0,252})$/;

export function openLibvirtSource(settings: LibvirtSettings, _where: { cloud: string; region: string }): DeepSource {
  return {
    id: "libvirt",
    async list(type: string, context: DeepListContext): Promise<DeepListing> {
      if (type !== HYPERVISOR_DOMAIN_TYPE) throw new Error(`the libvirt source cannot list ${type}`);
      const hypervisors = context.inputs.get(HYPERVISOR_TYPE);
      if (hypervisors === undefined) throw new Error(`the libvirt source was given no ${HYPERVISOR_TYPE} listing`);
      const hosts = [...new Set(hypervisors.map(computeHost).filter((host): host is string => host !== null))];
      const limit = pLimit(settings.concurrency);
      let requests = 0;
      const onCall = (): void => void (requests += 1);
      const perHost = await Promise.all(
        hosts.map((host) =>
          limit(async (): Promise<DeepRecord[]> => {
            // The name goes into a URI whose parameters can name commands (qemu+ssh's `command=`): only a plain
            // host name is ever put there.
            if (!PLAIN_HOST.test(host)) return [{ host, error: `${JSON.stringify(host)} is not a plain host name` }];
            const uri = settings.uri.replaceAll("{host}", host);
            try {
              const domains = await listDomains(uri, {
                virsh: settings.virsh,
                timeoutMs: settings.timeoutSeconds * 1000,
                onCall,
              });
              return domains.map((domain) => ({ host, ...domain }));
            } catch (error) {
              return [{ host, error: error instanceof Error ? error.message : String(error) }];
            }
          }),
        ),
      );
      return { records: perHost.flat(), requests };
    },
    close(): Promise<void> {
      return Promise.resolve();
    },
  };
}

/** The compute service's host (what a server's `OS-EXT-SRV-ATTR:host` names), which is also where libvirt runs. */
function computeHost(hypervisor: DeepRecord): string | null {
  const service = hypervisor.service;
  if (typeof service === "object" && service !== null && "host" in service && typeof service.host === "string") {
    return service.host === "" ? null : service.host;
  }
  return null;
}
