// End to end through the `scan` command (its options, the scan over loopback HTTP, the renderers, stdout and the
// exit code), in this process so that seven formats do not cost seven Node start-ups.
// A resource name crafted to attack the reader (HTML, a forged line, terminal escapes, a bidi override, a
// spreadsheet formula) must come out harmless in every format; a saved inventory must replay to the same findings.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { parse as parseYaml } from "yaml";
import { startFakeCloud, type FakeCloud } from "@stacksweep/fakecloud";
import { demoScenario } from "./scenarios/demo.ts";
import { REPORT_FORMATS } from "../report/report-format.ts";
import { EXIT } from "./exit-codes.ts";
import { fakeCloudEnvironment } from "./fake-cloud-environment.ts";
import { scanCommand } from "./scan.ts";

const HOSTILE = "<script>alert(1)</script>\n\u001b[31mFAKE: all clear\u001b[0m\r\u202ereversed";
const FORMULA = '=HYPERLINK("http://attacker.example/","click")';

interface ReportShape {
  findings: { check: string; resource: { type: string; id: string; name: string | null } }[];
}

/** Runs `stacksweep scan ARGS` against `cloud` (or no cloud), capturing stdout; stderr (progress) is dropped. */
async function scan(args: string[], cloud?: FakeCloud): Promise<{ code: number | undefined; stdout: string }> {
  const env = {
    HOME: dir,
    NO_COLOR: "1",
    ...(cloud === undefined ? {} : fakeCloudEnvironment(cloud.cloudsYamlEntry())),
  };
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  let stdout = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    stdout += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  process.exitCode = undefined;
  try {
    await scanCommand().exitOverride().parseAsync(args, { from: "user" });
  } finally {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  }
  const code = typeof process.exitCode === "number" ? process.exitCode : undefined;
  process.exitCode = undefined;
  return { code, stdout };
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "stacksweep-cli-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("stacksweep scan on the command line", () => {
  let cloud: FakeCloud;
  beforeAll(async () => {
    cloud = await startFakeCloud({
      scenario: {
        projects: [{ name: "tenant-a" }],
        resources: {
          "block-storage.volume": [
            { name: HOSTILE, status: "error", "os-vol-tenant-attr:tenant_id": "@project/tenant-a", updated_at: "-2d" },
            { name: FORMULA, status: "error", "os-vol-tenant-attr:tenant_id": "@project/tenant-a", updated_at: "-2d" },
          ],
        },
      },
    });
  });
  afterAll(async () => cloud.close());

  it("renders a hostile resource name harmless in every format", async () => {
    const runs = [];
    for (const format of REPORT_FORMATS) {
      runs.push({ format, run: await scan(["-f", format, "--checks", "volume-error"], cloud) });
    }
    for (const { format, run } of runs) {
      expect(run.code, format).toBe(EXIT.ok);
      const out = run.stdout;
      // Nothing from the data acts on a terminal: no ESC, no carriage return (but CSV's own CRLF record ends).
      expect(out, format).not.toContain("\u001b");
      expect(out.replaceAll("\r\n", "\n"), format).not.toContain("\r");
      if (format === "json" || format === "yaml") {
        // Data formats keep the name exactly (escaped by the syntax), so a tool reading them sees the truth.
        const report = (format === "json" ? JSON.parse(out) : parseYaml(out)) as ReportShape;
        expect(report.findings.map((f) => f.resource.name).sort(), format).toEqual([FORMULA, HOSTILE].sort());
        continue;
      }
      if (format === "prometheus") {
        // Names are not labels; every line is still a comment, one sample, or empty (which the format ignores).
        for (const line of out.trimEnd().split("\n")) {
          expect(line, format).toMatch(/^(|#.*|stacksweep_[a-z_]+(\{.*\})? [-+0-9.eEaN]+( \d+)?)$/);
        }
        continue;
      }
      // Text for people shows a bidi override as an escape instead of letting it reorder what they read.
      expect(out, format).not.toContain("\u202e");
      if (format === "table") {
        // A long name wraps within its finding's lines: the forged line never starts a line of its own.
        const lines = out.split("\n");
        const start = lines.findIndex((text) => text.includes("alert"));
        expect(
          lines
            .slice(start, start + 3)
            .join(" ")
            .replace(/\s+/gu, " "),
        ).toContain("FAKE: all clear");
        expect(lines.some((text) => text.startsWith("FAKE"))).toBe(false);
      } else if (format !== "html") {
        // The forged second line stays on the line (the table row, the CSV record) of the name it came in.
        const line = out.split("\n").find((text) => text.includes("alert"));
        expect(line, format).toContain("FAKE: all clear");
      }
      if (format === "html" || format === "markdown") expect(out, format).not.toContain("<script>alert");
      if (format === "html") expect(out).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
      if (format === "csv") expect(out).toContain(`"'=HYPERLINK(""http://attacker.example/"",""click"")"`);
    }
  });

  it("replays a saved inventory to identical findings without a cloud", async () => {
    const demo = await startFakeCloud({ scenario: demoScenario() });
    try {
      const saved = join(dir, "inventory.json");
      const live = await scan(["-f", "json", "--save-inventory", saved], demo);
      expect(live.code).toBe(EXIT.ok);
      const replay = await scan(["-f", "json", "--from-inventory", saved]);
      expect(replay.code).toBe(EXIT.ok);
      const findings = (run: { stdout: string }) => (JSON.parse(run.stdout) as ReportShape).findings;
      expect(findings(live).length).toBeGreaterThan(30);
      expect(findings(replay)).toEqual(findings(live));
    } finally {
      await demo.close();
    }
  });
});
