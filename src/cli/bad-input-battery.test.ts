// The bad-input battery: stacksweep run as an operator runs it (a child process) with each bad input an audit found
// answered "internal error ... a bug" (exit 70), or answered only after the whole scan. Each must be refused before
// any work with one line naming the input and what was expected, and the documented exit code; never 70, never a
// stack trace, and the cloud is not even asked.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeCloud, type FakeCloud } from "@stacksweep/fakecloud";
import { buildScanResult } from "../report/scan-result-fixture.ts";
import { EXIT } from "./exit-codes.ts";
import { runCli } from "./run-cli.ts";

let cloud: FakeCloud;
let dir: string;
const at = (name: string): string => join(dir, name);

beforeAll(async () => {
  cloud = await startFakeCloud({
    scenario: { projects: [{ name: "acme" }], resources: { "compute.server": [{ tenant_id: "@project/acme" }] } },
  });
  dir = mkdtempSync(join(tmpdir(), "stacksweep-bad-input-"));
  const scan = JSON.parse(JSON.stringify(buildScanResult())) as Record<string, unknown> & {
    findings: Record<string, unknown>[];
  };
  const text = JSON.stringify(scan);
  writeFileSync(at("truncated.json"), text.slice(0, text.length / 2));
  writeFileSync(at("v2.json"), JSON.stringify({ ...scan, schemaVersion: 2 }));
  writeFileSync(
    at("bad-severity.json"),
    JSON.stringify({ ...scan, findings: scan.findings.map((f) => ({ ...f, severity: "apocalyptic" })) }),
  );
  writeFileSync(
    at("no-resource.json"),
    JSON.stringify({ ...scan, findings: scan.findings.map(({ resource: _resource, ...f }) => f) }),
  );
  writeFileSync(at("a-plan.json"), JSON.stringify({ schemaVersion: 1, kind: "stacksweep-plan", steps: [] }));
  writeFileSync(at("bad-thresholds.yaml"), stringify({ thresholds: { "volume-stuck": { maxAgeSeconds: -5 } } }));
  writeFileSync(at("unknown-threshold.yaml"), stringify({ thresholds: { "volume-stuck": { hours: 5 } } }));
  const entry = cloud.cloudsYamlEntry();
  writeFileSync(at("clouds.yaml"), stringify({ clouds: { fake: entry } }));
  writeFileSync(at("clouds-region-5.yaml"), `clouds:\n  fake:\n${indent(stringify({ ...entry, region_name: 5 }))}`);
  writeFileSync(
    at("empty-plan.json"),
    JSON.stringify({
      schemaVersion: 1,
      kind: "stacksweep-plan",
      id: "8e0c5d8a-5f3b-4d7e-9a55-0c3c3c1b2a10",
      createdAt: "2026-01-02T03:04:05.000Z",
      tool: { name: "stacksweep", version: "0.1.0" },
      cloud: "fake",
      region: "RegionOne",
      source: { kind: "scan", scannedAt: "2026-01-02T03:00:00.000Z", file: null, projectId: null },
      rails: { graceSeconds: 0, allowDbWrite: false },
      steps: [],
      reportOnly: [],
    }),
  );
  mkdirSync(at("folder"));
  writeFileSync(at("read-only.json"), "{}");
  chmodSync(at("read-only.json"), 0o444);
});
afterAll(async () => {
  await cloud.close();
  rmSync(dir, { recursive: true, force: true });
});

function indent(yaml: string): string {
  return yaml
    .split("\n")
    .map((line) => (line === "" ? line : `    ${line}`))
    .join("\n");
}

/** A placeholder `@name` stands for a file of the battery's folder. */
type Row = [input: string, args: string[], exit: number, line: RegExp];

const SCAN = ["scan", "--os-cloud", "fake"];
const ROWS: Row[] = [
  [
    "plan --from-scan: a truncated file",
    ["plan", "--from-scan", "@truncated.json", "-o", "@p.json"],
    EXIT.usage,
    /truncated\.json: not a JSON or YAML scan report/,
  ],
  [
    "plan --from-scan: another schema version",
    ["plan", "--from-scan", "@v2.json", "-o", "@p.json"],
    EXIT.usage,
    /v2\.json: schemaVersion: 2 is not supported/,
  ],
  [
    "plan --from-scan: a bad severity",
    ["plan", "--from-scan", "@bad-severity.json", "-o", "@p.json"],
    EXIT.usage,
    /bad-severity\.json: findings\[0\]\.severity/,
  ],
  [
    "plan --from-scan: a finding without a resource",
    ["plan", "--from-scan", "@no-resource.json", "-o", "@p.json"],
    EXIT.usage,
    /no-resource\.json: findings\[0\]\.resource/,
  ],
  [
    "plan --from-scan: a plan file",
    ["plan", "--from-scan", "@a-plan.json", "-o", "@p.json"],
    EXIT.usage,
    /a-plan\.json: .*plan/,
  ],
  [
    "plan --from-scan: a missing file",
    ["plan", "--from-scan", "@nothing.json", "-o", "@p.json"],
    EXIT.usage,
    /nothing\.json: cannot read/,
  ],
  [
    "plan --grace -1h",
    ["plan", "--os-cloud", "fake", "--grace", "-1h", "-o", "@p.json"],
    EXIT.usage,
    /--grace: expected a duration .* got "-1h"/,
  ],
  [
    "plan --grace 1y2",
    ["plan", "--os-cloud", "fake", "--grace", "1y2", "-o", "@p.json"],
    EXIT.usage,
    /--grace: expected a duration .* got "1y2"/,
  ],
  [
    "plan --grace without a unit",
    ["plan", "--os-cloud", "fake", "--grace", "86400", "-o", "@p.json"],
    EXIT.usage,
    /--grace: .* a unit/,
  ],
  [
    "plan --grace beyond a year",
    ["plan", "--os-cloud", "fake", "--grace", "500d", "-o", "@p.json"],
    EXIT.usage,
    /--grace: .* at most 365d/,
  ],
  [
    "plan -o into a missing folder",
    ["plan", "--os-cloud", "fake", "-o", "@missing/p.json"],
    EXIT.usage,
    /-o: .*missing.* does not exist/,
  ],
  ["scan -o a folder", [...SCAN, "-o", "@folder"], EXIT.usage, /-o: .*folder is a folder, expected a file/],
  [
    "scan -o into a missing folder",
    [...SCAN, "-o", "@missing/report.json"],
    EXIT.usage,
    /-o: .*missing.* does not exist/,
  ],
  [
    "scan -o into a folder that cannot be written",
    [...SCAN, "-o", "/proc/report.json"],
    EXIT.usage,
    /-o: cannot write in \/proc/,
  ],
  ["scan -o a file that cannot be written", [...SCAN, "-o", "/proc/version"], EXIT.usage, /-o: .*\/proc/],
  [
    "scan -o with an unknown extension",
    [...SCAN, "-o", "@report.docx"],
    EXIT.usage,
    /-o: .*report\.docx.* \.docx is not a report format .*-f/,
  ],
  [
    "scan --save-inventory into a missing folder",
    [...SCAN, "--save-inventory", "@missing/inventory.json"],
    EXIT.usage,
    /--save-inventory: .*missing.* does not exist/,
  ],
  [
    "scan --save-inventory into a folder that cannot be written",
    [...SCAN, "--save-inventory", "/proc/inventory.json"],
    EXIT.usage,
    /--save-inventory: cannot write in \/proc/,
  ],
  ["scan --store under /proc", [...SCAN, "--store", "/proc/nope/h.sqlite"], EXIT.usage, /\/proc\/nope/],
  [
    "scan --store with a URL of another scheme",
    [...SCAN, "--store", "mysql://u@h/db"],
    EXIT.usage,
    /command line: store: a SQLite file path or a postgres:\/\/ URL, got "mysql:\/\/u@h\/db"/,
  ],
  [
    "apply --grace 1y2 --execute",
    ["apply", "@empty-plan.json", "--grace", "1y2", "--execute", "--yes"],
    EXIT.usage,
    /--grace: expected a duration .* got "1y2"/,
  ],
  ["apply --grace -1h", ["apply", "@empty-plan.json", "--grace", "-1h"], EXIT.usage, /--grace: expected .* got "-1h"/],
  [
    "apply --execute --store under /proc",
    ["apply", "@empty-plan.json", "--execute", "--yes", "--store", "/proc/nope/h.sqlite"],
    EXIT.usage,
    /--store: ENOENT: cannot create the folder \/proc\/nope/,
  ],
  ["history --store under /proc", ["history", "--store", "/proc/nope/h.sqlite"], EXIT.usage, /\/proc\/nope/],
  [
    "stacksweep.yaml: a negative threshold",
    [...SCAN, "--config", "@bad-thresholds.yaml"],
    EXIT.usage,
    /bad-thresholds\.yaml: thresholds\.volume-stuck\.maxAgeSeconds: a number, 0 or more/,
  ],
  [
    "stacksweep.yaml: an unknown threshold",
    [...SCAN, "--config", "@unknown-threshold.yaml"],
    EXIT.usage,
    /thresholds\.volume-stuck\.hours: a threshold of volume-stuck/,
  ],
  [
    "clouds.yaml: region_name: 5",
    SCAN,
    EXIT.usage,
    /clouds-region-5\.yaml:\d+:\d+: clouds\.fake\.region_name: expected a region name/,
  ],
];

describe("bad input is refused before any work, in one line, with the documented exit code", () => {
  it.each(ROWS)("%s", async (input, args, exit, line) => {
    const clouds = at(input.startsWith("clouds.yaml") ? "clouds-region-5.yaml" : "clouds.yaml");
    const env = { HOME: dir, STACKSWEEP_CONFIG: "", XDG_STATE_HOME: at("state"), OS_CLIENT_CONFIG_FILE: clouds };
    cloud.requestLog.reset();
    const run = await runCli(
      args.map((arg) => (arg.startsWith("@") ? at(arg.slice(1)) : arg)),
      { env },
    );
    expect(run.stderr).toMatch(line);
    expect(run.stderr.trim().split("\n"), run.stderr).toHaveLength(1);
    expect(run.code, run.stderr).toBe(exit);
    expect(run.stdout).toBe("");
    // Refused before any work: no token was even asked for.
    expect(cloud.requestLog.list(), input).toEqual([]);
  });

  it("STACKSWEEP_LOG_LEVEL: a level the logger does not have", async () => {
    const env = {
      HOME: dir,
      STACKSWEEP_CONFIG: "",
      XDG_STATE_HOME: at("state"),
      OS_CLIENT_CONFIG_FILE: at("clouds.yaml"),
    };
    cloud.requestLog.reset();
    const run = await runCli(SCAN, { env: { ...env, STACKSWEEP_LOG_LEVEL: "verbose" } });
    expect(run.stderr.trim()).toBe(
      'stacksweep: environment: STACKSWEEP_LOG_LEVEL: one of trace, debug, info, warn, error, fatal, silent, got "verbose"',
    );
    expect(run.code, run.stderr).toBe(EXIT.usage);
    expect(cloud.requestLog.list()).toEqual([]);
  });
});
