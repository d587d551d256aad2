// The `amphora-agent` entry of a `deep:` target in stacksweep.yaml: how the controller reaches the amphorae's agents,
// named as Octavia's `[haproxy_amphora]` names it. Either octavia.conf's path (its `client_cert`, `server_ca` and
// `bind_port` are read from it) or the files themselves; a key given here wins over octavia.conf.
import { isIP } from "node:net";
import * as z from "zod";

export const amphoraAgentSettingsSchema = z
  .strictObject({
    /** An octavia.conf whose `[haproxy_amphora]` section names the controller's certificate and the agents' CA. */
    octaviaConf: z.string().min(1).optional(),
    /** The controller's client certificate: one PEM holding the certificate and its key (Octavia's `client_cert`). */
    clientCert: z.string().min(1).optional(),
    /** The CA that signed the agents' server certificates (Octavia's `server_ca`). */
    serverCa: z.string().min(1).optional(),
    /** The agents' port (Octavia's `bind_port`; 9443 unless octavia.conf says otherwise). */
    bindPort: z.number().int().min(1).max(65535).optional(),
    /** The agent API version in the path (`/1.0/details`): the one Zed's controller speaks. */
    apiVersion: z
      .string()
      .regex(/^\d+\.\d+$/, "expected an agent API version such as 1.0")
      .default("1.0"),
    /**
     * The management networks (Octavia's lb-mgmt-net, as CIDRs) this scanner reaches. An amphora whose lb_network_ip
     * is outside them is not probed and stays undecided; none = every amphora is probed.
     */
    networks: z
      .array(
        z.string().refine((cidr) => parseCidr(cidr) !== null, "expected a network in CIDR notation (172.16.0.0/12)"),
      )
      .optional(),
    /** Agents asked at once. Each agent answers one request at a time; this bounds the scanner's connections. */
    concurrency: z.number().int().min(1).max(256).default(16),
    /** The deadline of one probe (connect, TLS and answer), in seconds: an agent slower than this is unreachable. */
    timeoutSeconds: z.number().positive().max(120).default(5),
  })
  .refine((settings) => settings.octaviaConf !== undefined || (settings.clientCert && settings.serverCa), {
    message: "expected octaviaConf, or both clientCert and serverCa",
  });

export type AmphoraAgentSettings = z.infer<typeof amphoraAgentSettingsSchema>;

/** "172.16.0.0/12" as address, prefix and family, or null when it is not a network in CIDR notation. */
export function parseCidr(cidr: string): { address: string; prefix: number; family: "ipv4" | "ipv6" } | null {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(cidr);
  if (match === null) return null;
  const [, address, bits] = match as unknown as [string, string, string];
  const family = isIP(address) === 4 ? "ipv4" : isIP(address) === 6 ? "ipv6" : null;
  const prefix = Number(bits);
  if (family === null || prefix > (family === "ipv4" ? 32 : 128)) return null;
  return { address, prefix, family };
}
