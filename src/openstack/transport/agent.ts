// One undici Agent per cloud: TLS from clouds.yaml (verify, cacert, cert, key), bounded connections per origin,
// and header/body timeouts so a hung API fails instead of stalling a scan.

import { readFileSync } from "node:fs";
import { Agent } from "undici";
import type { ResolvedCloud } from "../../config/clouds.ts";
import { ConfigError } from "../../config/errors.ts";

export interface AgentOptions {
  timeoutMs: number;
  connectionsPerOrigin: number;
}

export function createAgent(cloud: ResolvedCloud, options: AgentOptions): Agent {
  const read = (key: "cacert" | "cert" | "key"): string | undefined => {
    const path = cloud[key];
    if (path === undefined) return undefined;
    try {
      return readFileSync(path, "utf8");
    } catch {
      throw new ConfigError({
        file: cloud.source,
        key: `clouds.${cloud.name}.${key}`,
        expected: `a readable PEM file at ${path}`,
      });
    }
  };
  const ca = read("cacert");
  const cert = read("cert");
  const key = read("key");
  return new Agent({
    connections: options.connectionsPerOrigin,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    connectTimeout: Math.min(options.timeoutMs, 10_000),
    keepAliveTimeout: 4_000,
    connect: {
      rejectUnauthorized: cloud.verify,
      ...(ca === undefined ? {} : { ca }),
      ...(cert === undefined ? {} : { cert }),
      ...(key === undefined ? {} : { key }),
    },
  });
}
