import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CHECKS } from "../checks/registry.ts";
import { listChecks, renderChecksTable, renderThresholdReasons } from "./checks.ts";

describe("stacksweep checks", () => {
  it("lists every registered check in catalog order with severity, thresholds and remediation", () => {
    const listing = listChecks();
    expect(listing.map((c) => c.id)).toEqual([...CHECKS.keys()]);
    expect(listing[0]).toMatchObject({ id: "orphaned-resource", severity: "warning", needs: ["identity.project"] });
    const stuck = listing.find((c) => c.id === "volume-stuck");
    expect(stuck?.thresholds).toEqual({ maxAgeSeconds: 3600, deletingMaxAgeSeconds: 1800 });
    expect(listing.find((c) => c.id === "security-group-rule-open")?.remediation).toEqual([
      expect.objectContaining({ action: "report", destructive: false }),
    ]);
  });

  it("renders a table naming each check and its thresholds", () => {
    const table = renderChecksTable(listChecks(), 160);
    expect(table).toContain("loadbalancer-stuck-pending");
    expect(table).toContain("maxAgeSeconds: 1800");
    expect(table).toMatch(/sensitivePorts: 22, 3389/);
  });

  it("names every threshold as scan --threshold takes it, with its default and why", () => {
    const text = renderThresholdReasons(listChecks());
    expect(text).toContain("  loadbalancer-stuck-pending.maxAgeSeconds = 1800\n      Octavia's flows give up");
    expect(text).toContain("  volume-attach-status-mismatch.minAgeSeconds = 600\n      an age window, since no lookup");
    expect(text).not.toContain("(no reason given)");
    expect(listChecks().find((c) => c.id === "clock-skew")?.thresholdReasons).toHaveProperty("maxSkewSeconds");
  });

  it("prints valid JSON from the command line", () => {
    const root = fileURLToPath(new URL("../..", import.meta.url));
    const out = execFileSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", "checks", "-f", "json"], {
      cwd: root,
      encoding: "utf8",
    });
    const parsed = JSON.parse(out) as { checks: { id: string }[] };
    expect(parsed.checks.map((c) => c.id)).toContain("clock-skew");
  });
});
