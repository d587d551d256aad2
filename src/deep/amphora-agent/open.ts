// Opens the `amphora-agent` source for one cloud region: it probes `GET /<version>/details` on the agent of every
// ALLOCATED amphora the complete amphora listing holds, a bounded number at a time, and yields one record per probe.
// A probe that fails is a record saying why (for amphora-agent-unreachable), never a failed listing; only what stops
// every probe (the certificate files unreadable) fails the listing.
import { BlockList, isIP } from "node:net";
import pLimit from "p-limit";
import type { DeepListContext, DeepListing, DeepRecord, DeepSource } from "../deep-source.ts";
import { readHaproxyAmphoraOptions, readNamedFile } from "./octavia-conf.ts";
import { probeAgentDetails, type AgentCredentials } from "./probe.ts";
import { parseCidr, type AmphoraAgentSettings } from "./settings.ts";

/** The resource type this source lists, and the one it reads. */
export const AMPHORA_AGENT_TYPE = "load-balancer.amphora-agent";
const AMPHORA_TYPE = "load-balancer.amphora";

interface Reach {
  credentials: AgentCredentials;
  port: number;
}

export function openAmphoraAgentSource(
  settings: AmphoraAgentSettings,
  _where: { cloud: string; region: string },
): DeepSource {
  let reach: Promise<Reach> | undefined;
  return {
    id: "amphora-agent",
    async list(type: string, context: DeepListContext): Promise<DeepListing> {
      if (type !== AMPHORA_AGENT_TYPE) throw new Error(`the amphora-agent source cannot list ${type}`);
      const amphorae = context.inputs.get(AMPHORA_TYPE);
      if (amphorae === undefined) throw new Error(`the amphora-agent source was given no ${AMPHORA_TYPE} listing`);
      reach ??= loadReach(settings);
      const { credentials, port } = await reach;
      const limit = pLimit(settings.concurrency);
      const reachable = reachableNetworks(settings);
      const allocated = amphorae.filter(isAllocated);
      let requests = 0;
      const records = await Promise.all(
        allocated.map((amphora) =>
          limit(async (): Promise<DeepRecord> => {
            const amphoraId = amphora.id as string;
            const address = amphora.lb_network_ip as string;
            const base = { id: amphoraId, lb_network_ip: address, loadbalancer_id: amphora.loadbalancer_id ?? null };
            if (!reachable(address)) {
              const reason = `lb_network_ip ${address} is outside the networks stacksweep.yaml lets it reach`;
              return { ...base, answered: false, failure: "not-probed", reason };
            }
            requests += 1;
            const answer = await probeAgentDetails(
              { amphoraId, address, port, apiVersion: settings.apiVersion },
              credentials,
              settings.timeoutSeconds * 1000,
            );
            if (!answer.answered) return { ...base, answered: false, failure: answer.failure, reason: answer.reason };
            const { disk, hostname, api_version: apiVersion } = answer.details;
            return { ...base, answered: true, disk, hostname, api_version: apiVersion };
          }),
        ),
      );
      return { records, requests };
    },
    close(): Promise<void> {
      return Promise.resolve();
    },
  };
}

/** Octavia's controller talks only to ALLOCATED amphorae: others have no agent to ask (booting, deleted, spare). */
function isAllocated(amphora: DeepRecord): boolean {
  return (
    amphora.status === "ALLOCATED" &&
    typeof amphora.id === "string" &&
    typeof amphora.lb_network_ip === "string" &&
    amphora.lb_network_ip !== ""
  );
}

/** Whether an address is in the networks the settings name (every address when they name none). */
function reachableNetworks(settings: AmphoraAgentSettings): (address: string) => boolean {
  if (settings.networks === undefined) return () => true;
  const networks = new BlockList();
  for (const cidr of settings.networks) {
    const network = parseCidr(cidr)!;
    networks.addSubnet(network.address, network.prefix, network.family);
  }
  return (address) => {
    const family = isIP(address);
    return family !== 0 && networks.check(address, family === 4 ? "ipv4" : "ipv6");
  };
}

async function loadReach(settings: AmphoraAgentSettings): Promise<Reach> {
  const conf = settings.octaviaConf === undefined ? null : await readHaproxyAmphoraOptions(settings.octaviaConf);
  const clientCert = settings.clientCert ?? conf?.clientCert;
  const serverCa = settings.serverCa ?? conf?.serverCa;
  const port = settings.bindPort ?? conf?.bindPort ?? 9443;
  if (clientCert === undefined || serverCa === undefined)
    throw new Error("no client_cert or server_ca to reach agents");
  const [pem, ca] = await Promise.all([readNamedFile(clientCert, "client_cert"), readNamedFile(serverCa, "server_ca")]);
  // Octavia's client_cert is one PEM with the certificate and its key; TLS takes each from its own blocks.
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) {
    throw new Error(`client_cert ${clientCert} holds no private key (Octavia's client_cert is certificate and key)`);
  }
  return { credentials: { cert: pem, key: pem, ca }, port };
}
