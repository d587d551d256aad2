// One undici Agent per cloud: TLS from clouds.yaml (verify, cacert, cert, key), bounded connections per origin,
// and header/body timeouts so a hung API fails instead of stalling a scan.

import { readFileSync } from "node:fs";
import type { Agent } from "undici";
// undici's Agent and its request API, loaded alone: undici's index also loads fetch, WebSocket, EventSource, its
// caches and mocks, three times the start-up of these two, before a scan can send its first request. The package has
// no exports map; `agent.test.ts` fails if a release moves these files. Imported statically, so that the bundle holds
// them (one file instead of sixty).
import UndiciAgent from "undici/lib/dispatcher/agent.js";
import requestApi from "undici/lib/api/index.js";
import Dispatcher from "undici/lib/dispatcher/dispatcher.js";
import type { ResolvedCloud } from "../../config/clouds.ts";
import { ConfigError } from "../../config/errors.ts";

// What undici's index does for every dispatcher (`Object.assign(Dispatcher.prototype, api)`).
if (!("request" in Dispatcher.prototype)) Object.assign(Dispatcher.prototype, requestApi);

/** The Agent class the sessions use. */
export function undiciAgent(): typeof Agent {
  return UndiciAgent;
}

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
  return new UndiciAgent({
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
