// The fault battery: a scan of the demo cloud under faults an audit found mishandled, injected by fakecloud or by a
// proxy that rewrites what passes (a service ignoring `all_tenants`, a filtered project list). Each row states what
// the operator must see: the complete result when the fault is recovered from, or exactly the listings it spoils
// marked failed (never a silent under-report, never a false finding), or one line that blames the right party.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resolveCloud } from "../config/clouds.ts";
import { createLogger } from "../log/logger.ts";
import { demoScenario } from "./scenarios/demo.ts";
import { startFakeCloud, type FakeCloud } from "@stacksweep/fakecloud";
import { startRewritingProxy, type RewritingProxy } from "../../test/support/fakecloud/rewriting-proxy.ts";
import type { ResourceTypeId } from "../inventory/resource-type-id.ts";
import { EXIT } from "./exit-codes.ts";
import { fakeCloudEnvironment } from "./fake-cloud-environment.ts";
import { scanClouds, type ScanOptions } from "../scan/scan-clouds.ts";
import { scanExitCode } from "./scan-output.ts";
import {
  checks,
  expectComplete,
  expectNoFalseOrSilentlyLostFindings,
} from "../../test/support/cli/demo-scan-expectations.ts";

let cloud: FakeCloud;
let proxy: RewritingProxy | null;
beforeEach(async () => {
  cloud = await startFakeCloud({ scenario: demoScenario() });
  proxy = null;
});
afterEach(async () => {
  await proxy?.close();
  await cloud.close();
});

/** Drops `all_tenants` from every request to the services named by their fakecloud path prefixes. */
const dropAllTenants =
  (...prefixes: string[]) =>
  (_method: string, path: string): string => {
    if (!prefixes.some((prefix) => path.startsWith(prefix))) return path;
    const url = new URL(path, "http://proxy");
    url.searchParams.delete("all_tenants");
    return url.pathname + url.search;
  };

/** The project named `name`, as fakecloud stores it. */
function projectId(name: string): string {
  const project = [...cloud.state.collection("identity.project").values()].find((p) => p["name"] === name);
  if (project === undefined) throw new Error(`no project ${name}`);
  return project.id;
}

type Outcome =
  | { kind: "complete" }
  | { kind: "failed"; types: ResourceTypeId[]; reason: RegExp }
  | { kind: "error"; message: RegExp; not: RegExp };

interface FaultCase {
  fault: string;
  /** Injects the fault; returns a proxy to scan through, or null to scan fakecloud directly. */
  arrange: () => Promise<RewritingProxy | null>;
  outcome: Outcome;
  /** Transport settings other than the battery's (per-attempt timeout 2 s, 5 attempts, fast backoff). */
  session?: ScanOptions["session"];
}

const FAULTS: FaultCase[] = [
  {
    fault: "Nova and Cinder ignore all_tenants (a proxy drops it)",
    arrange: () => startRewritingProxy(cloud, { request: dropAllTenants("/compute/", "/volume/") }),
    outcome: {
      kind: "failed",
      types: ["compute.server", "block-storage.volume", "block-storage.snapshot", "block-storage.backup"],
      reason: /ignores all_tenants|absent from the listing yet exists|nothing proves (compute|block-storage) answers/,
    },
  },
  {
    fault: "Keystone's project list hides a live project that owns resources",
    arrange: () => {
      const hidden = projectId("acme");
      return startRewritingProxy(cloud, {
        response: (method, path, body) => {
          if (method !== "GET" || !/^\/identity\/v3\/projects(\?|$)/.test(path)) return body;
          const list = body as { projects: { id: string }[] };
          return { ...list, projects: list.projects.filter((p) => p.id !== hidden) };
        },
      });
    },
    outcome: { kind: "failed", types: ["identity.project"], reason: /absent from the listing yet exists/ },
  },
  {
    fault: "Keystone answers 503 to the first token request",
    arrange: () => {
      cloud.faults.add({ kind: "status", status: 503, service: "identity", method: "POST", count: 1 });
      return Promise.resolve(null);
    },
    outcome: { kind: "complete" },
  },
  {
    fault: "Keystone resets the first two token requests",
    arrange: () => {
      cloud.faults.add({ kind: "reset", service: "identity", method: "POST", path: "/auth/tokens", count: 2 });
      return Promise.resolve(null);
    },
    outcome: { kind: "complete" },
  },
  {
    fault: "the amphora listing hangs: the listing's deadline ends it, not timeout x attempts",
    arrange: () => {
      cloud.faults.add({ kind: "hang", ms: 30_000, service: "load-balancer", path: "/amphorae" });
      return Promise.resolve(null);
    },
    session: { timeoutMs: 5_000, retry: { maxAttempts: 5, baseDelayMs: 1, maxDelayMs: 20 }, listingDeadlineMs: 500 },
    // One attempt, cut off at the deadline: not five of five seconds each.
    outcome: {
      kind: "failed",
      types: ["load-balancer.amphora"],
      reason: /amphorae: the listing's deadline passed \(after 1 attempt\)/,
    },
  },
  {
    fault: "Keystone answers 503 to every token request",
    arrange: () => {
      cloud.faults.add({ kind: "status", status: 503, service: "identity", method: "POST" });
      return Promise.resolve(null);
    },
    outcome: { kind: "error", message: /identity POST .*\/auth\/tokens answered 503/, not: /refused|password/ },
  },
];

describe("a scan of the demo cloud under the fault battery", () => {
  it.each(FAULTS)("$fault", async ({ arrange, outcome, session }) => {
    proxy = await arrange();
    const entry = proxy?.cloudsYamlEntry() ?? cloud.cloudsYamlEntry();
    const target = { cloud: await resolveCloud({ env: fakeCloudEnvironment(entry) }), allRegions: false };
    const result = await scanClouds([target], {
      checks,
      session: session ?? { timeoutMs: 2_000, retry: { baseDelayMs: 1, maxDelayMs: 20 } },
    });
    if (outcome.kind === "complete") return expectComplete(result);
    if (outcome.kind === "error") {
      expect(result.clouds[0]?.error).toMatch(outcome.message);
      expect(result.clouds[0]?.error).not.toMatch(outcome.not);
      expect(scanExitCode(result, undefined)).toBe(EXIT.unreachable);
      return;
    }
    for (const type of outcome.types) {
      const coverage = result.coverage.find((entry) => entry.type === type)?.coverage;
      expect(coverage?.status, type).toBe("failed");
      expect(coverage && "reason" in coverage ? coverage.reason : "", type).toMatch(outcome.reason);
    }
    expectNoFalseOrSilentlyLostFindings(result);
    expect(scanExitCode(result, undefined)).toBe(EXIT.incomplete);
  });
});

describe("secrets in URLs", () => {
  it("never shows the userinfo of an auth_url, in --debug lines or in errors", async () => {
    const lines: string[] = [];
    const logger = createLogger({ debug: true, destination: { write: (line: string) => lines.push(line) } });
    const entry = cloud.cloudsYamlEntry();
    const auth = entry["auth"] as Record<string, unknown>;
    const withUserinfo = String(auth["auth_url"]).replace("http://", "http://operator:hunter2-url@");
    const resolved = await resolveCloud({
      env: fakeCloudEnvironment({ ...entry, auth: { ...auth, auth_url: withUserinfo } }),
    });
    cloud.faults.add({ kind: "status", status: 503, service: "identity", method: "POST" });
    const result = await scanClouds([{ cloud: resolved, allRegions: false }], {
      checks,
      logger,
      session: { timeoutMs: 2_000, retry: { baseDelayMs: 1, maxDelayMs: 20 } },
    });
    const shown = [...lines, result.clouds[0]?.error ?? ""].join("\n");
    expect(lines.some((line) => line.includes("/auth/tokens"))).toBe(true);
    expect(shown).not.toContain("hunter2-url");
    expect(shown).not.toContain("operator:");
    expect(shown).toContain("http://***@127.0.0.1");
  });
});
