// One undici Agent per cloud: TLS from clouds.yaml (verify, cacert, cert, key), bounded connections per origin,
// and header/body timeouts so a hung API fails instead of stalling a scan.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Agent } from "undici";
import type { ResolvedCloud } from "../../config/clouds.ts";
import { ConfigError } from "../../config/errors.ts";

/**
 * undici's Agent and its request API, loaded alone: undici's index also loads fetch, WebSocket, EventSource, its
 * caches and mocks, three times the start-up of these two, before a scan can send its first request. The index adds
 * the request API to every dispatcher exactly so (`Object.assign(Dispatcher.prototype, api)`); the package has no
 * exports map, and `agent.test.ts` fails if a release moves either file.
 */
export function undiciAgent(): typeof Agent {
  const require = createRequire(import.meta.url);
  const dispatcher = require("undici/lib/dispatcher/dispatcher.js") as { prototype: object };
  if (!("request" in dispatcher.prototype)) Object.assign(dispatcher.prototype, require("undici/lib/api/index.js"));
  return require("undici/lib/dispatcher/agent.js") as typeof Agent;
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
  const UndiciAgent = undiciAgent();
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
