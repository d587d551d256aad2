// `stacksweep scan --store`: two scans of a fakecloud recorded in a SQLite history, a volume repaired in between;
// the history then shows it resolved, the summary line says what changed, and the configured webhook gets the
// digest. Real parts throughout: loopback HTTP, a SQLite file, a local HTTP receiver.
import { once } from "node:events";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fetch } from "undici";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startFakeCloud, type FakeCloud } from "@stacksweep/fakecloud";
import { passwordToken } from "../../test/support/fakecloud/admin-token.ts";
import { EXIT } from "./exit-codes.ts";
import { fakeCloudEnvironment } from "./fake-cloud-environment.ts";
import { historyCommand } from "./history.ts";
import { scanCommand } from "./scan.ts";

interface Report {
  findings: { id: string; resource: { id: string; name: string; projectId: string } }[];
  requests: { service: string; errors: number }[];
}

interface Run {
  code: number | undefined;
  stdout: string;
  stderr: string;
}

/** Runs one stacksweep command in this process against `cloud`, capturing stdout and stderr. */
async function run(command: typeof scanCommand | typeof historyCommand, args: string[]): Promise<Run> {
  const env = { HOME: dir, NO_COLOR: "1", ...fakeCloudEnvironment(cloud.cloudsYamlEntry()) };
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  let stdout = "";
  let stderr = "";
  const text = (chunk: string | Uint8Array) => (typeof chunk === "string" ? chunk : Buffer.from(chunk).toString());
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    stdout += text(chunk);
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    stderr += text(chunk);
    return true;
  });
  process.exitCode = undefined;
  try {
    await command().exitOverride().parseAsync(args, { from: "user" });
  } finally {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  }
  const code = typeof process.exitCode === "number" ? process.exitCode : undefined;
  process.exitCode = undefined;
  return { code, stdout, stderr };
}

let dir: string;
let cloud: FakeCloud;
let receiver: Server;
const received: { body: unknown }[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "stacksweep-scan-store-"));
  cloud = await startFakeCloud({
    scenario: {
      projects: [{ name: "tenant-a" }],
      resources: {
        "block-storage.volume": [
          { name: "broken-a", status: "error", "os-vol-tenant-attr:tenant_id": "@project/tenant-a", updated_at: "-2d" },
          { name: "broken-b", status: "error", "os-vol-tenant-attr:tenant_id": "@project/tenant-a", updated_at: "-2d" },
          { name: "fine", status: "available", "os-vol-tenant-attr:tenant_id": "@project/tenant-a" },
        ],
      },
    },
  });
  receiver = createServer((request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown });
      response.writeHead(204).end();
    });
  });
  receiver.listen(0, "127.0.0.1");
  await once(receiver, "listening");
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});
afterAll(async () => {
  await cloud.close();
  receiver.close();
  await rm(dir, { recursive: true, force: true });
});

describe("stacksweep scan --store", () => {
  it("records each scan; after a repair the history shows the finding resolved and the webhook hears of it", async () => {
    const store = join(dir, "history.sqlite");
    const config = join(dir, "stacksweep.yaml");
    const port = (receiver.address() as AddressInfo).port;
    await writeFile(
      config,
      `notifications:\n  - type: webhook\n    name: ops\n    url: http://127.0.0.1:${port}/hook\n`,
    );
    const args = ["-f", "json", "--checks", "volume-error", "--config", config, "--store", store];

    const first = await run(scanCommand, args);
    expect(first.code).toBe(EXIT.ok);
    const report = JSON.parse(first.stdout) as Report;
    expect(report.findings.map((f) => f.resource.name).sort()).toEqual(["broken-a", "broken-b"]);
    // A healthy listing makes no failing request (version discovery included).
    expect(report.requests.filter((r) => r.errors > 0)).toEqual([]);
    expect(first.stderr).toContain(`history ${store}: 2 new, 0 still open, 0 resolved`);
    expect(first.stderr).toContain('notification to webhook "ops" (127.0.0.1:');

    // The operator repairs broken-a, as an admin would: reset its status.
    const repaired = report.findings.find((f) => f.resource.name === "broken-a")!;
    const token = await passwordToken(cloud);
    // Cinder's URL names the token's own project (admin), which may act on every project's volumes.
    const validated = await fetch(`${cloud.authUrl}/auth/tokens`, {
      headers: { "x-auth-token": token, "x-subject-token": token },
    });
    const { project } = ((await validated.json()) as { token: { project: { id: string } } }).token;
    const reset = await fetch(`${cloud.url}/volume/v3/${project.id}/volumes/${repaired.resource.id}/action`, {
      method: "POST",
      headers: { "x-auth-token": token, "content-type": "application/json" },
      body: JSON.stringify({ "os-reset_status": { status: "available" } }),
    });
    expect(reset.status).toBe(202);

    const second = await run(scanCommand, args);
    expect(second.code).toBe(EXIT.ok);
    expect(second.stderr).toContain(`history ${store}: 0 new, 1 still open, 1 resolved`);

    const history = await run(historyCommand, ["--store", store, "-f", "json"]);
    const recorded = JSON.parse(history.stdout) as {
      resolvedFindings: { id: string; resource: { name: string } }[];
      newFindings: { resource: { name: string }; timesSeen: number; state: string }[];
      stillOpen: { resource: { name: string }; timesSeen: number; state: string }[];
    };
    expect(recorded.resolvedFindings.map((f) => [f.id, f.resource.name])).toEqual([[repaired.id, "broken-a"]]);
    // history counts as the scan's summary above does: broken-b, seen by both scans, is still open, not new.
    expect(recorded.newFindings).toEqual([]);
    expect(recorded.stillOpen.map((f) => [f.resource.name, f.state, f.timesSeen])).toEqual([["broken-b", "open", 2]]);

    // One digest per scan: the two new findings, then the resolved one.
    const digests = received.map((r) => JSON.stringify(r.body));
    expect(digests).toHaveLength(2);
    expect(digests[0]).toContain("broken-a");
    expect(digests[0]).toContain("broken-b");
    expect(digests[1]).toContain(repaired.id);
  });

  it("writes the textfile with what only the history knows: new findings, the last successful scan", async () => {
    const store = join(dir, "history-prom.sqlite");
    const prom = join(dir, "stacksweep.prom");
    const args = ["--checks", "volume-error", "--store", store, "-f", "prometheus", "-o", prom];
    const newCount = async (): Promise<string | undefined> =>
      /^stacksweep_findings_new\{[^}]*severity="warning"\} (\d+)$/mu.exec(await readFile(prom, "utf8"))?.[1];
    expect((await run(scanCommand, args)).code).toBe(EXIT.ok);
    // broken-b (broken-a was repaired above), first seen by this store.
    expect(await newCount()).toBe("1");
    expect(await readFile(prom, "utf8")).toMatch(/^stacksweep_last_successful_scan_timestamp_seconds\{/mu);
    expect((await run(scanCommand, args)).code).toBe(EXIT.ok);
    expect(await newCount()).toBe("0");
  });
});
