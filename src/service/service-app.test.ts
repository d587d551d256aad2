import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { HistoryStore } from "../store/history-store.ts";
import { testFinding, testScanResult } from "../../test/support/store/scan-result-builder.ts";
import { testStore, type TestStoreHandle } from "../../test/support/store/test-stores.ts";
import { createServiceApp } from "./service-app.tsx";
import { ServiceMetrics } from "./service-metrics.ts";

// Markup, then a terminal escape, a bell and a zero-width space: none may reach the page as it is.
const HOSTILE = `<img src=x onerror=alert(1)>"'&\u001b[31m\u0007\u200b`;

describe("service HTTP app", () => {
  let handle: TestStoreHandle;
  let store: HistoryStore;
  const critical = testFinding({ resourceId: "vol-1", severity: "critical", name: HOSTILE, projectId: "p-gone" });
  const warning = testFinding({ check: "port-orphaned", type: "network.port", resourceId: "port-1" });

  beforeEach(async () => {
    handle = testStore("sqlite");
    store = await handle.open();
    await store.recordScan(testScanResult({ at: "2025-03-01T02:00:00Z", findings: [critical, warning], requests: 12 }));
    await store.recordScan(
      testScanResult({
        at: "2025-03-02T02:00:00Z",
        findings: [critical],
        checks: [critical.check, warning.check],
        completeTypes: ["block-storage.volume", "network.port"],
      }),
    );
  });
  afterEach(() => handle.cleanup());

  const app = (auth?: Parameters<typeof createServiceApp>[0]["auth"], metricsToken?: string) =>
    createServiceApp({
      store,
      metrics: new ServiceMetrics(store),
      auth: auth ?? null,
      metricsToken: metricsToken ?? null,
      now: () => new Date("2025-03-02T12:00:00Z"),
    });

  it("answers health and readiness", async () => {
    expect((await app().request("/healthz")).status).toBe(200);
    const ready = await app().request("/readyz");
    expect(ready.status).toBe(200);
    await store.close();
    expect((await app().request("/readyz")).status).toBe(503);
  });

  it("exposes the age of the oldest orphan, from its project's deletion when Keystone announced it", async () => {
    const orphan = testFinding({ check: "orphaned-resource", resourceId: "vol-gone", projectId: "p-gone" });
    await store.recordScan({
      ...testScanResult({
        at: "2025-03-02T10:00:05Z",
        findings: [{ ...orphan, resource: { ...orphan.resource, projectExists: false } }],
      }),
      project: { id: "p-gone", deletedAt: "2025-03-02T10:00:00.000Z" },
    });
    const metrics = new ServiceMetrics(store, () => new Date("2025-03-02T12:00:00Z"));
    const response = await createServiceApp({ store, metrics }).request("/metrics");
    const text = await response.text();
    expect(text).toContain('stacksweep_orphans_oldest_age_seconds{cloud="prod",region="RegionOne"} 7200');
  });

  it("is not ready while the orphan manager cannot reach the message bus", async () => {
    let reason: string | null = "orphan manager not consuming from 127.0.0.1:5672: connect ECONNREFUSED";
    const watched = createServiceApp({ store, metrics: new ServiceMetrics(store), notReady: () => reason });
    const down = await watched.request("/readyz");
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: reason });
    reason = null;
    expect((await watched.request("/readyz")).status).toBe(200);
  });

  it("serves findings as JSON with filters, and rejects a bad filter naming it", async () => {
    const open = (await (await app().request("/api/findings")).json()) as {
      total: number;
      findings: { id: string; state: string }[];
    };
    expect(open.total).toBe(1);
    expect(open.findings.map((f) => f.id)).toEqual([critical.id]);
    const resolved = (await (await app().request("/api/findings?state=resolved")).json()) as {
      findings: { id: string }[];
    };
    expect(resolved.findings.map((f) => f.id)).toEqual([warning.id]);
    const all = (await (await app().request("/api/findings?state=all&severity=warning,critical")).json()) as {
      total: number;
    };
    expect(all.total).toBe(2);
    const bad = await app().request("/api/findings?severity=urgent");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'severity: expected one of info, warning, critical, got "urgent"' });
    const one = (await (await app().request(`/api/findings/${critical.id}`)).json()) as {
      timesSeen: number;
      sightings: unknown[];
    };
    expect(one.timesSeen).toBe(2);
    expect(one.sightings).toHaveLength(2);
    expect((await app().request("/api/findings/nope")).status).toBe(404);
    const scans = (await (await app().request("/api/scans")).json()) as { scans: { startedAt: string }[] };
    expect(scans.scans.map((s) => s.startedAt)).toEqual(["2025-03-02T02:00:00.000Z", "2025-03-01T02:00:00.000Z"]);
  });

  it("exposes open findings and scan times as Prometheus metrics", async () => {
    const response = await app().request("/metrics");
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    expect(text).toContain(
      'stacksweep_findings{cloud="prod",region="RegionOne",check="volume-stuck-in-error",severity="critical",resource_type="block-storage.volume"} 1',
    );
    expect(text).not.toContain('check="port-orphaned"'); // resolved
    expect(text).toContain(
      `stacksweep_last_successful_scan_timestamp_seconds{cloud="prod",region="RegionOne"} ${Date.parse("2025-03-02T02:00:00Z") / 1000}`,
    );
    expect(text).toContain('stacksweep_findings_new{cloud="prod",region="RegionOne",severity="critical"} 0');
    expect(text).toContain('stacksweep_region_scan_success{cloud="prod",region="RegionOne"} 1');
    // The process's own metrics, as every Prometheus client exports them.
    expect(text).toMatch(/^process_resident_memory_bytes \d+/mu);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /mu);
  });

  it("renders the dashboard with every resource name escaped and strict security headers", async () => {
    for (const path of ["/", "/findings?state=all", `/findings/${critical.id}`, "/scans"]) {
      const response = await app().request(path);
      expect(response.status, path).toBe(200);
      const html = await response.text();
      expect(html, path).not.toContain("<img src=x");
      const csp = response.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("default-src 'none'");
      expect(csp).not.toContain("script-src");
      expect(response.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    }
    const page = await (await app().request(`/findings/${critical.id}`)).text();
    expect(page).toContain("&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;");
    for (const raw of ["\u001b", "\u0007", "\u200b"]) expect(page).not.toContain(raw);
    expect(page).toMatch(/<title>[^<]*\\x1b\[31m\\x07\\u200b · stacksweep<\/title>/);
    expect(page).toMatch(/<h1>[^<]*\\x1b\[31m\\x07\\u200b<\/h1>/);
    expect(page).toContain("DELETE /volumes/vol-1");
    const table = await (await app().request("/findings?severity=critical")).text();
    expect(table).toContain('data-finding="' + critical.id + '"');
    expect(table).not.toContain('data-finding="' + warning.id + '"');
  });

  it("requires the configured bearer token or basic credentials, except for health checks", async () => {
    const bearer = app({ type: "bearer", token: "0123456789abcdef" });
    expect((await bearer.request("/api/findings")).status).toBe(401);
    // Prometheus scrapes without the dashboard's token.
    expect((await bearer.request("/metrics")).status).toBe(200);
    expect(
      (await bearer.request("/api/findings", { headers: { Authorization: "Bearer wrong-token-0000" } })).status,
    ).toBe(401);
    expect(
      (await bearer.request("/api/findings", { headers: { Authorization: "Bearer 0123456789abcdef" } })).status,
    ).toBe(200);
    expect((await bearer.request("/healthz")).status).toBe(200);

    const basic = app({ type: "basic", username: "ops", password: "pw-123" });
    expect((await basic.request("/")).status).toBe(401);
    const ok = await basic.request("/", {
      headers: { Authorization: `Basic ${Buffer.from("ops:pw-123").toString("base64")}` },
    });
    expect(ok.status).toBe(200);
  });

  it("guards /metrics with its own token when one is set, and never with the dashboard's", async () => {
    const guarded = app({ type: "bearer", token: "dashboard-token-0000" }, "metrics-token-00000");
    expect((await guarded.request("/metrics")).status).toBe(401);
    const withDashboardToken = { headers: { Authorization: "Bearer dashboard-token-0000" } };
    expect((await guarded.request("/metrics", withDashboardToken)).status).toBe(401);
    const withMetricsToken = { headers: { Authorization: "Bearer metrics-token-00000" } };
    expect((await guarded.request("/metrics", withMetricsToken)).status).toBe(200);
    expect((await guarded.request("/api/findings", withMetricsToken)).status).toBe(401);
  });
});
