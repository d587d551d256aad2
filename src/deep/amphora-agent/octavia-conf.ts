// Octavia's own configuration (oslo.config's INI dialect), read for the few `[haproxy_amphora]` options the
// controller uses to reach the agents, so an operator points stacksweep at octavia.conf instead of copying paths.
import { readFile } from "node:fs/promises";

/** The options of one section, last value of a repeated key winning as oslo.config does. */
export function iniSection(text: string, section: string): Map<string, string> {
  const options = new Map<string, string>();
  let current: string | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      current = header[1]!.trim();
      continue;
    }
    if (current !== section) continue;
    const separator = line.search(/[=:]/);
    if (separator <= 0) continue;
    options.set(line.slice(0, separator).trim(), line.slice(separator + 1).trim());
  }
  return options;
}

export interface HaproxyAmphoraOptions {
  clientCert: string;
  serverCa: string;
  bindPort: number;
}

/** Octavia's defaults for the options it leaves unset (octavia/common/config.py, `haproxy_amphora_opts`). */
const DEFAULTS: HaproxyAmphoraOptions = {
  clientCert: "/etc/octavia/certs/client.pem",
  serverCa: "/etc/octavia/certs/server_ca.pem",
  bindPort: 9443,
};

export async function readHaproxyAmphoraOptions(path: string): Promise<HaproxyAmphoraOptions> {
  const text = await readNamedFile(path, "octavia.conf");
  const options = iniSection(text, "haproxy_amphora");
  const port = options.get("bind_port");
  const bindPort = port === undefined ? DEFAULTS.bindPort : Number(port);
  if (!Number.isInteger(bindPort) || bindPort < 1 || bindPort > 65535) {
    throw new Error(`${path}: [haproxy_amphora] bind_port is ${port ?? ""}, expected a port number`);
  }
  return {
    clientCert: options.get("client_cert") ?? DEFAULTS.clientCert,
    serverCa: options.get("server_ca") ?? DEFAULTS.serverCa,
    bindPort,
  };
}

/** A file's text, or an error naming what the file is for, its path and the system's code (never its content). */
export async function readNamedFile(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new Error(`cannot read ${what} ${path}: ${code}`, { cause: error });
  }
}
