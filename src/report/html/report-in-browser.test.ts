// The HTML report in a real browser (Debian's chromium through playwright-core): its script runs under its own
// Content-Security-Policy, filters and sorts the findings, and shows a hostile name as text.

import { mkdir } from "node:fs/promises";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildScanResult, HOSTILE_NAME } from "../scan-result-fixture.ts";
import { visibleText } from "../visible-text.ts";
import { renderHtml } from "./render-html.tsx";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

describe("the HTML report in a browser", () => {
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"], headless: true });
    page = await browser.newPage();
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(message.text());
    });
    page.on("pageerror", (error) => problems.push(error.message));
    page.on("dialog", (dialog) => {
      problems.push(`dialog opened: ${dialog.message()}`);
      void dialog.dismiss();
    });
    // The fixture scan has seven findings, one of them on a volume named HOSTILE_NAME.
    await page.setContent(renderHtml(buildScanResult()));
  });

  afterAll(async () => {
    await browser.close();
  });

  const visibleRows = (): Promise<number> => page.locator("tr.finding:visible").count();

  it("runs its script without a CSP violation or error, and no dialog opens", async () => {
    await expect.poll(() => page.locator("#shown-count").textContent()).toBe("7");
    expect(problems).toEqual([]);
  });

  it("shows the hostile name as text", async () => {
    const name = page.locator("tr.finding .name", { hasText: "calc" });
    expect(await name.textContent()).toBe(visibleText(HOSTILE_NAME));
    expect(await page.locator("tr.finding script").count()).toBe(0);
  });

  it("filters by severity, check, cloud/region, project and free text", async () => {
    await page.selectOption("#filter-severity", "critical");
    expect(await visibleRows()).toBe(2);
    await page.selectOption("#filter-severity", "");
    await page.selectOption("#filter-check", "orphaned-resource");
    expect(await visibleRows()).toBe(2);
    await page.selectOption("#filter-check", "");
    await page.selectOption("#filter-place", "edge/fra1");
    expect(await visibleRows()).toBe(2);
    await page.selectOption("#filter-place", "");
    await page.fill("#filter-project", "0d5e9f3c");
    expect(await visibleRows()).toBe(2);
    await page.fill("#filter-project", "");
    await page.fill("#filter-text", "ci-runner");
    expect(await visibleRows()).toBe(1);
    expect(await page.locator("#shown-count").textContent()).toBe("1");
    await page.fill("#filter-text", "");
    expect(await visibleRows()).toBe(7);
  });

  it("sorts by age when the column header is clicked, then reverses", async () => {
    const ages = async (): Promise<string[]> =>
      Promise.all(
        (await page.locator("tr.finding").all()).map(async (row) => (await row.getAttribute("data-age")) ?? ""),
      );
    await page.click('th[data-sort="age"] button');
    const ascending = (await ages()).filter((age) => age !== "").map(Number);
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    expect(await page.getAttribute('th[data-sort="age"]', "aria-sort")).toBe("ascending");
    await page.click('th[data-sort="age"] button');
    const descending = (await ages()).filter((age) => age !== "").map(Number);
    expect(descending).toEqual([...descending].sort((a, b) => b - a));
    await mkdir("test-results", { recursive: true });
    await page.screenshot({ path: "test-results/report-html.png", fullPage: true });
  });
});
