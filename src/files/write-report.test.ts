import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeReport } from "./write-report.ts";

describe("writeReport", () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), "stacksweep-report-"));
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it("writes the file and leaves no temporary file behind", async () => {
    const path = join(folder, "stacksweep.prom");
    await writeReport(path, "stacksweep_findings 1\n");
    expect(await readFile(path, "utf8")).toBe("stacksweep_findings 1\n");
    expect(await readdir(folder)).toEqual(["stacksweep.prom"]);
  });

  it("replaces an existing file whole and keeps its permissions", async () => {
    const path = join(folder, "report.html");
    await writeFile(path, "old report, longer than the new one");
    await chmod(path, 0o640);
    await writeReport(path, "new");
    expect(await readFile(path, "utf8")).toBe("new");
    expect((await stat(path)).mode & 0o777).toBe(0o640);
  });

  it("fails without touching anything when the folder does not exist", async () => {
    await expect(writeReport(join(folder, "missing", "report.json"), "{}")).rejects.toThrow(/ENOENT/u);
    expect(await readdir(folder)).toEqual([]);
  });

  it("writes a report that comes in pieces, one after the other", async () => {
    const path = join(folder, "report.json");
    await writeReport(path, ["{\n", '  "findings": []\n', "}\n"]);
    expect(await readFile(path, "utf8")).toBe('{\n  "findings": []\n}\n');
  });

  it("keeps the previous report whole when making the new one fails half-way", async () => {
    const path = join(folder, "report.json");
    await writeFile(path, "yesterday's report");
    function* pieces(): Generator<string> {
      yield "x".repeat(1024 * 1024);
      throw new Error("a finding outside the schema");
    }
    await expect(writeReport(path, pieces())).rejects.toThrow(/outside the schema/u);
    expect(await readFile(path, "utf8")).toBe("yesterday's report");
    expect(await readdir(folder)).toEqual(["report.json"]);
  });

  it("cleans up its temporary file when the rename fails", async () => {
    const path = join(folder, "is-a-folder");
    await mkdir(join(path, "child"), { recursive: true }); // a non-empty folder cannot be renamed over
    await expect(writeReport(path, "text")).rejects.toThrow();
    expect(await readdir(folder)).toEqual(["is-a-folder"]);
  });
});
