// The message bus address as oslo.messaging spells it (`transport_url` in every service's config), so an operator
// copies Keystone's own: `rabbit://user:pass@host:5672/vhost`, several `user:pass@host:port` comma-separated for a
// cluster, `?ssl=1` for TLS. Credentials are percent-encoded, as in oslo.

export interface BrokerHost {
  hostname: string;
  port: number;
  username: string;
  password: string;
}

export interface TransportUrl {
  /** In the order given: a consumer tries them in turn, as oslo's driver fails over. */
  hosts: BrokerHost[];
  /** "/" when the URL names none (RabbitMQ's default virtual host). */
  vhost: string;
  tls: boolean;
}

export class TransportUrlError extends Error {
  override readonly name = "TransportUrlError";
}

const AMQP_PORT = 5672;
const AMQPS_PORT = 5671;

export function parseTransportUrl(url: string): TransportUrl {
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)(\/[^?#]*)?(\?[^#]*)?$/i.exec(url.trim());
  if (match === null) throw new TransportUrlError("expected rabbit://user:pass@host:5672/vhost");
  const [, scheme = "", hostList = "", path = "", search = ""] = match;
  if (scheme.toLowerCase() !== "rabbit") {
    throw new TransportUrlError(`expected the rabbit:// scheme (RabbitMQ, AMQP 0-9-1), got "${scheme}://"`);
  }
  const params = new URLSearchParams(search);
  let tls = false;
  for (const [key, value] of params) {
    if (key !== "ssl") throw new TransportUrlError(`unknown query parameter "${key}" (only ssl is understood)`);
    tls = ["1", "true", "yes", "on"].includes(value.toLowerCase());
  }
  const entries = hostList.split(",").filter((entry) => entry !== "");
  if (entries.length === 0) throw new TransportUrlError("names no host");
  // oslo: a host without credentials takes those of the host before it.
  let previous: { username: string; password: string } = { username: "guest", password: "guest" };
  const hosts = entries.map((entry) => {
    const at = entry.lastIndexOf("@");
    const credentials = at === -1 ? null : entry.slice(0, at);
    const address = at === -1 ? entry : entry.slice(at + 1);
    if (credentials !== null) {
      const colon = credentials.indexOf(":");
      previous = {
        username: decode(colon === -1 ? credentials : credentials.slice(0, colon)),
        password: colon === -1 ? "" : decode(credentials.slice(colon + 1)),
      };
    }
    const hostMatch = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(address);
    const port = hostMatch?.[2] === undefined ? (tls ? AMQPS_PORT : AMQP_PORT) : Number(hostMatch[2]);
    if (hostMatch === null || port < 1 || port > 65535)
      throw new TransportUrlError(`host "${address}" is not host:port`);
    return { hostname: hostMatch[1]!.replace(/^\[|\]$/g, ""), port, ...previous };
  });
  const vhost = decode(path.replace(/^\//, ""));
  return { hosts, vhost: vhost === "" ? "/" : vhost, tls };
}

/** The URL with every password replaced, for logs and errors. */
export function redactTransportUrl(transport: TransportUrl): string {
  const hosts = transport.hosts.map((h) => `${encodeURIComponent(h.username)}:***@${hostPort(h)}`).join(",");
  const vhost = transport.vhost === "/" ? "" : encodeURIComponent(transport.vhost);
  return `rabbit://${hosts}/${vhost}${transport.tls ? "?ssl=1" : ""}`;
}

export function hostPort(host: BrokerHost): string {
  return `${host.hostname.includes(":") ? `[${host.hostname}]` : host.hostname}:${host.port}`;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new TransportUrlError("has a malformed percent-encoding");
  }
}
