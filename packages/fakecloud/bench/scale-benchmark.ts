// Measures fakecloud at scale (not a test): seeding N servers, serving full pages of 1000, and the heap they
// take. Run: node --expose-gc --import tsx packages/fakecloud/bench/scale-benchmark.ts [N]  (default 100000).
// CPU time is reported beside wall time: on a shared, loaded machine wall time mostly measures the others.

import { fetch } from "undici";
import { startFakeCloud } from "@stacksweep/fakecloud";
import { passwordToken } from "../../../test/support/fakecloud/admin-token.ts";

const count = Number(process.argv[2] ?? 100_000);

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

function stats(values: number[]): { median: number; p95: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (value: number | undefined): number => Math.round((value ?? 0) * 10) / 10;
  return { median: round(sorted[Math.floor(sorted.length / 2)]), p95: round(sorted[Math.floor(sorted.length * 0.95)]) };
}

type Page = { servers: unknown[]; servers_links?: { href: string }[] };

/** Walks every page of the server list; returns per-page wall times (the first page builds the sorted view). */
async function walk(get: (url: string) => Promise<Page>, firstUrl: string): Promise<number[]> {
  const times: number[] = [];
  let url: string | undefined = firstUrl;
  while (url !== undefined) {
    const started = performance.now();
    const body = await get(url);
    times.push(performance.now() - started);
    url = body.servers.length > 0 ? body.servers_links?.[0]?.href : undefined;
  }
  return times;
}

globalThis.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const cloud = await startFakeCloud();
const rssMbEmpty = Math.round(process.memoryUsage().rss / 2 ** 20);
/** Built and dropped inside a function, so the input records are garbage once seeded (only the state stays). */
function seedServers(): { wallMs: number; cpuMs: number } {
  const scenario = {
    projects: Array.from({ length: 100 }, (_, index) => ({ name: `project-${index}` })),
    resources: {
      "compute.server": Array.from({ length: count }, (_, index) => ({
        name: `vm-${index}`,
        tenant_id: `@project/project-${index % 100}`,
        created: `-${(index % 5000) + 1}m`,
      })),
    },
  };
  const cpu = process.cpuUsage();
  const started = performance.now();
  cloud.seed(scenario);
  return { wallMs: Math.round(performance.now() - started), cpuMs: Math.round(cpuMs(cpu)) };
}
const seed = seedServers();
globalThis.gc?.();
const heapMbForState = Math.round((process.memoryUsage().heapUsed - heapBefore) / 2 ** 20);
const rssMbAfterSeed = Math.round(process.memoryUsage().rss / 2 ** 20);

const token = await passwordToken(cloud);
const headers = { "x-auth-token": token, "OpenStack-API-Version": "compute 2.96" };
const firstUrl = `${cloud.url}/compute/v2.1/servers/detail?all_tenants=1`;

// In process (the Hono app without sockets): routing, auth, paging, rendering and JSON serialization.
const inProcessCpu = process.cpuUsage();
// The body is read as bytes and only its end (where the next link is) decoded: neither client-side JSON parsing
// nor decoding the whole body is counted (Node 20 decodes a 1.7 MB body to text slower than fakecloud answers it).
const inProcess = await walk(async (url) => {
  const bytes = Buffer.from(await (await cloud.fetch(new Request(url, { headers }))).arrayBuffer());
  const tail = bytes.subarray(-4096).toString("utf8");
  const next = /"servers_links":\[\{"rel":"next","href":"([^"]+)"/.exec(tail)?.[1];
  const empty = bytes.subarray(0, 13).toString("utf8") === '{"servers":[]';
  return { servers: empty ? [] : [null], ...(next === undefined ? {} : { servers_links: [{ href: next }] }) };
}, firstUrl);
const inProcessCpuPerPage = cpuMs(inProcessCpu) / inProcess.length;

// Over loopback HTTP with undici, client parsing included.
const overHttp = await walk(async (url) => (await (await fetch(url, { headers })).json()) as Page, firstUrl);

console.log(
  JSON.stringify(
    {
      servers: count,
      seed,
      heapMbForState,
      rssMbEmpty,
      rssMbAfterSeed,
      rssMbAfterListing: Math.round(process.memoryUsage().rss / 2 ** 20),
      pages: inProcess.length,
      firstPageMs: Math.round(inProcess[0] ?? 0),
      inProcessPageWallMs: stats(inProcess.slice(1)),
      inProcessPageCpuMs: Math.round(inProcessCpuPerPage * 10) / 10,
      httpRoundTripPageWallMs: stats(overHttp.slice(1)),
      loadAverage: (await import("node:os")).loadavg()[0],
    },
    null,
    2,
  ),
);
await cloud.close();
