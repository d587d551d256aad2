// The dashboard in a real browser (Debian's chromium through playwright-core), served over real HTTP from a
// history recorded from a scan of fakecloud's demo cloud, in which one planted server has a hostile name.

import { serve, type ServerType } from "@hono/node-server";
import { mkdir } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHECKS } from "../checks/registry.ts";
import { resolveCloud } from "../config/clouds.ts";
import { fakeCloudEnvironment } from "../cli/fake-cloud-environment.ts";
import { scanClouds } from "../scan/scan-clouds.ts";
import { startFakeCloud } from "@stacksweep/fakecloud";
import { NAMED_SCENARIOS } from "../cli/scenarios/scenario-library.ts";
import type { HistoryStore } from "../store/history-store.ts";
import { testStore, type TestStoreHandle } from "../../test/support/store/test-stores.ts";
import { createServiceApp } from "./service-app.tsx";
import { ServiceMetrics } from "./service-metrics.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const HOSTILE = `<img src=x onerror="window.pwned=1">planted <script>window.pwned=2</script>`;

describe("the dashboard in a browser", () => {
  let handle: TestStoreHandle;
  let store: HistoryStore;
  let server: ServerType;
  let base: string;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    const scenario = NAMED_SCENARIOS.get("demo")!();
    const broken = scenario.resources?.["compute.server"]?.find((s) => s.name === "planted: server-error");
    if (broken === undefined) throw new Error("the demo scenario has no server named 'planted: server-error'");
    broken.name = HOSTILE;
    const cloud = await startFakeCloud({ scenario });
    handle = testStore("sqlite");
    store = await handle.open();
    try {
      const resolved = await resolveCloud({ env: fakeCloudEnvironment(cloud.cloudsYamlEntry()) });
      const result = await scanClouds([{ cloud: { ...resolved, name: "demo" }, allRegions: false }], {
        checks: [...CHECKS.values()],
      });
      await store.recordScan(result);
    } finally {
      await cloud.close();
    }
    const app = createServiceApp({
      store,
      metrics: new ServiceMetrics(store),
      horizon: { demo: "https://horizon.example.org/" },
    });
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"], headless: true });
    page = await browser.newPage();
    page.on("pageerror", (error) => problems.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(message.text());
    });
    page.on("dialog", (dialog) => {
      problems.push(`dialog opened: ${dialog.message()}`);
      void dialog.dismiss();
    });
  });

  afterAll(async () => {
    await browser.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await handle.cleanup();
  });

  it("leads the overview with what the debris costs, the critical findings and the deleted projects", async () => {
    await page.goto(`${base}/`);
    expect(await page.locator("#debris").textContent()).toMatch(
      /What the debris costs: \d+ resources holding \d+ GiB/u,
    );
    expect(await page.locator("#critical tbody tr").count()).toBeGreaterThan(0);
    const orphans = page.locator("#orphans tbody tr");
    expect(await orphans.count()).toBe(1);
    expect(await orphans.locator("code.command").textContent()).toMatch(
      /^stacksweep purge --project \S+ --os-cloud demo --os-region-name RegionOne$/u,
    );
    const region = page.locator('section.region[data-region="demo/RegionOne"]');
    await expect.poll(() => region.count()).toBe(1);
    const critical = Number(await region.locator(".count", { hasText: "critical" }).locator("strong").textContent());
    expect(critical).toBeGreaterThan(0);
    // The trend: bars on a labelled axis, new findings of the scan, a legend; times relative with the exact one on hover.
    expect(await region.locator("svg.chart g.scan rect").count()).toBeGreaterThan(0);
    expect(await region.locator("svg.chart rect.new").count()).toBe(1);
    expect(await region.locator("svg.chart g.tick text").allTextContents()).toContain("0");
    expect(await region.locator("figcaption.legend").textContent()).toMatch(/critical.*warning.*info.*new.*resolved/su);
    const time = region.locator("time").first();
    expect(await time.textContent()).toMatch(/ago$|^just now$/u);
    expect(await time.getAttribute("title")).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/u);
    await mkdir("test-results", { recursive: true });
    await page.screenshot({ path: "test-results/dashboard-overview.png", fullPage: true });
    expect(problems).toEqual([]);
  });

  it("shows the scan history and the findings with project names and Horizon links", async () => {
    await page.goto(`${base}/scans`);
    expect(await page.locator("#scans tbody tr").count()).toBe(1);
    await page.screenshot({ path: "test-results/dashboard-scans.png", fullPage: true });
    await page.goto(`${base}/findings`);
    const volume = page.locator("#findings tbody tr", { hasText: "planted: volume-error" });
    expect(await volume.locator("a.horizon").getAttribute("href")).toMatch(
      /^https:\/\/horizon\.example\.org\/admin\/volumes\/[0-9a-f-]+\/$/u,
    );
    await page.screenshot({ path: "test-results/dashboard-findings.png", fullPage: true });
    expect(problems).toEqual([]);
  });

  it("filters the findings table, opens the hostile-named finding and shows its name as text", async () => {
    await page.goto(`${base}/findings`);
    const allRows = await page.locator("#findings tbody tr").count();
    expect(allRows).toBeGreaterThan(5);

    await page.selectOption('select[name="check"]', "server-error");
    await page.click('button[type="submit"]');
    await page.waitForURL(/check=server-error/);
    const rows = page.locator("#findings tbody tr");
    expect(await rows.count()).toBe(1);

    await rows.locator("a.name").click();
    await page.waitForURL(/\/findings\/[0-9a-f]+$/);
    expect(await page.locator("#resource-name").textContent()).toBe(HOSTILE);
    expect(await page.locator("#resource-name img, #resource-name script").count()).toBe(0);
    expect(await page.evaluate("typeof window.pwned")).toBe("undefined");
    // Open on the finding's own page: the fix as an `openstack` command beside the API call.
    expect(await page.locator("#finding-details code.command").first().textContent()).toMatch(/^openstack server /u);

    await mkdir("test-results", { recursive: true });
    await page.screenshot({ path: "test-results/dashboard-finding.png", fullPage: true });
    expect(problems).toEqual([]);
  });
});
