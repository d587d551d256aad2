// A proxy in front of fakecloud that changes what passes through, as a policy override, an API gateway or a broken
// middlebox can: it rewrites a request's URL (drop `all_tenants`) or an answer's body (hide a record) and passes
// everything else unchanged. The Host header is kept, so the catalog and next links fakecloud writes point back at
// the proxy and every request of a scan goes through it.

import { createServer, request as httpRequest, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { FakeCloud } from "@stacksweep/fakecloud";

export interface Rewrite {
  /** The path and query to send upstream instead (e.g. without `all_tenants`); return it unchanged to pass. */
  request?: (method: string, pathAndQuery: string) => string;
  /** The JSON answer to give instead; return it unchanged to pass. */
  response?: (method: string, pathAndQuery: string, body: unknown) => unknown;
}

export interface RewritingProxy {
  url: string;
  /** The fakecloud entry for clouds.yaml, its auth_url through the proxy. */
  cloudsYamlEntry(): Record<string, unknown>;
  close(): Promise<void>;
}

export async function startRewritingProxy(cloud: FakeCloud, rewrite: Rewrite): Promise<RewritingProxy> {
  const upstream = new URL(cloud.url);
  const server = createServer((incoming, outgoing) => {
    void (async () => {
      const method = incoming.method ?? "GET";
      const original = incoming.url ?? "/";
      const path = rewrite.request?.(method, original) ?? original;
      const body = await readAll(incoming);
      const answer = await forward(upstream, method, path, incoming.headers, body);
      let payload = answer.body;
      const type = String(answer.headers["content-type"] ?? "");
      if (rewrite.response !== undefined && type.includes("json") && payload.length > 0) {
        const rewritten = rewrite.response(method, original, JSON.parse(payload.toString("utf8")) as unknown);
        payload = Buffer.from(JSON.stringify(rewritten));
      }
      const { "transfer-encoding": _chunked, ...headers } = answer.headers;
      headers["content-length"] = String(payload.length);
      outgoing.writeHead(answer.status, headers);
      outgoing.end(payload);
    })().catch((error: unknown) => {
      outgoing.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    cloudsYamlEntry() {
      const entry = cloud.cloudsYamlEntry();
      const auth = entry["auth"] as Record<string, unknown>;
      return { ...entry, auth: { ...auth, auth_url: String(auth["auth_url"]).replace(cloud.url, url) } };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });
}

function forward(
  upstream: URL,
  method: string,
  path: string,
  headers: IncomingMessage["headers"],
  body: Buffer,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: upstream.hostname, port: upstream.port, method, path, headers }, (answer) => {
      readAll(answer)
        .then((bytes) => resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: bytes }))
        .catch(reject);
    });
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}
