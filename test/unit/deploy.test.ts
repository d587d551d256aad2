// The files of deploy/ as an operator installs them: the systemd units verified by systemd itself, the sysusers
// entry applied in a dry run, the alert rules checked by promtool, the Kubernetes manifests and the Grafana dashboard
// read against schemas of what they must say, and every metric they name exported by stacksweep.

import { execFile } from "node:child_process";
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAllDocuments, parse as parseYaml } from "yaml";
import * as z from "zod";
import { ServiceMetrics } from "../../src/service/service-metrics.ts";
import { testStore } from "../support/store/test-stores.ts";

const run = promisify(execFile);
const DEPLOY = fileURLToPath(new URL("../../deploy/", import.meta.url));

async function has(tool: string): Promise<boolean> {
  try {
    await run("sh", ["-c", `command -v ${tool}`]);
    return true;
  } catch {
    return false;
  }
}

const systemd = await has("systemd-analyze");
const promtool = await has("promtool");

describe("deploy/systemd", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "stacksweep-deploy-"));
    // Rendered as installed, with the command pointing at a stand-in (verify wants an executable there).
    const command = join(dir, "stacksweep");
    await writeFile(command, "#!/bin/sh\nexit 0\n");
    await chmod(command, 0o755);
    for (const name of await readdir(join(DEPLOY, "systemd"))) {
      const text = await readFile(join(DEPLOY, "systemd", name), "utf8");
      await writeFile(join(dir, name), text.replaceAll("/usr/bin/stacksweep", command));
    }
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it.skipIf(!systemd)("has units systemd-analyze verify accepts without a warning (needs systemd)", async () => {
    const units = ["stacksweep-scan.service", "stacksweep-scan.timer", "stacksweep.service"].map((u) => join(dir, u));
    const { stderr } = await run("systemd-analyze", ["verify", ...units]);
    // verify exits 0 on unknown keys and bad values; it says so on stderr.
    expect(stderr).toBe("");
  });

  it.skipIf(!systemd)("creates the stacksweep user the units run as (needs systemd-sysusers)", async () => {
    const root = join(dir, "root");
    await mkdir(join(root, "etc"), { recursive: true });
    const { stdout, stderr } = await run("systemd-sysusers", [
      "--dry-run",
      `--root=${root}`,
      join(dir, "stacksweep.sysusers.conf"),
    ]);
    expect(`${stdout}${stderr}`).toMatch(/Creating user 'stacksweep'/u);
    for (const unit of ["stacksweep-scan.service", "stacksweep.service"]) {
      expect(await readFile(join(dir, unit), "utf8")).toMatch(/^User=stacksweep$/mu);
    }
  });

  it("writes the textfile into Debian's node exporter directory, which the tmpfiles entry opens to the user", async () => {
    const scan = await readFile(join(dir, "stacksweep-scan.service"), "utf8");
    expect(scan).toMatch(/ -f prometheus -o \/var\/lib\/prometheus\/node-exporter\/stacksweep\.prom$/mu);
    expect(scan).toMatch(/ --store /u);
    expect(scan).toMatch(/^ReadWritePaths=\/var\/lib\/prometheus\/node-exporter$/mu);
    const tmpfiles = (await readFile(join(dir, "stacksweep.tmpfiles.conf"), "utf8"))
      .split("\n")
      .filter((line) => line !== "" && !line.startsWith("#"));
    expect(tmpfiles).toEqual(["a+ /var/lib/prometheus/node-exporter - - - - user:stacksweep:rwx"]);
  });
});

describe("deploy/prometheus", () => {
  it.skipIf(!promtool)("has alert rules promtool accepts (needs promtool: Debian package prometheus)", async () => {
    const { stdout } = await run("promtool", ["check", "rules", join(DEPLOY, "prometheus", "stacksweep-rules.yaml")]);
    expect(stdout).toMatch(/SUCCESS: \d+ rules found/u);
  });
});

const secretEnv = z.object({
  name: z.string(),
  value: z.string().optional(),
  valueFrom: z.object({ secretKeyRef: z.object({ name: z.string(), key: z.string() }) }).optional(),
});
const container = z.object({
  name: z.string(),
  image: z.string(),
  args: z.array(z.string()),
  env: z.array(secretEnv),
  securityContext: z.object({ readOnlyRootFilesystem: z.literal(true), allowPrivilegeEscalation: z.literal(false) }),
});
const podSpec = z.object({
  securityContext: z.object({ runAsNonRoot: z.literal(true) }),
  containers: z.array(container).min(1),
});
const cronJob = z.object({
  apiVersion: z.literal("batch/v1"),
  kind: z.literal("CronJob"),
  spec: z.object({
    schedule: z.string(),
    concurrencyPolicy: z.literal("Forbid"),
    jobTemplate: z.object({ spec: z.object({ template: z.object({ spec: podSpec }) }) }),
  }),
});
const deployment = z.object({
  apiVersion: z.literal("apps/v1"),
  kind: z.literal("Deployment"),
  spec: z.object({ replicas: z.literal(1), template: z.object({ spec: podSpec }) }),
});
const service = z.object({ apiVersion: z.literal("v1"), kind: z.literal("Service") });

async function manifests(): Promise<{ file: string; doc: unknown }[]> {
  const out: { file: string; doc: unknown }[] = [];
  for (const file of await readdir(join(DEPLOY, "kubernetes"))) {
    for (const doc of parseAllDocuments(await readFile(join(DEPLOY, "kubernetes", file), "utf8"))) {
      expect(doc.errors, file).toEqual([]);
      out.push({ file, doc: doc.toJS() });
    }
  }
  return out;
}

function containersOf(doc: unknown): z.infer<typeof container>[] {
  const parsed = z.discriminatedUnion("kind", [cronJob, deployment, service]).parse(doc);
  if (parsed.kind === "CronJob") return parsed.spec.jobTemplate.spec.template.spec.containers;
  if (parsed.kind === "Deployment") return parsed.spec.template.spec.containers;
  return [];
}

describe("deploy/kubernetes", () => {
  it("are a CronJob, a Deployment and a Service of the expected shape", async () => {
    const kinds = (await manifests()).map(({ doc }) => {
      containersOf(doc);
      return (doc as { kind: string }).kind;
    });
    expect(kinds.sort()).toEqual(["CronJob", "Deployment", "Service"]);
  });

  it("never put a password in the arguments: secrets come from secretKeyRef into the environment", async () => {
    for (const { file, doc } of await manifests()) {
      for (const c of containersOf(doc)) {
        for (const arg of c.args) {
          expect(arg, file).not.toMatch(/:\/\/[^/@\s]*:[^/@\s]*@/u); // user:password@ in a URL
          expect(arg, file).not.toMatch(/\$\(/u); // an environment variable expanded into argv
        }
        for (const variable of c.env) {
          if (/PASSWORD|TOKEN|SECRET/u.test(variable.name)) {
            expect(variable.value, `${file} ${variable.name}`).toBeUndefined();
            expect(variable.valueFrom?.secretKeyRef, `${file} ${variable.name}`).toBeDefined();
          }
        }
      }
    }
  });

  it("keeps what the CronJob's scan found in the history store, which outlives the pod", async () => {
    const [job] = (await manifests()).filter(({ doc }) => (doc as { kind: string }).kind === "CronJob");
    const [scan] = containersOf(job!.doc);
    expect(scan!.args[0]).toBe("scan");
    const store = scan!.args[scan!.args.indexOf("--store") + 1];
    expect(store).toMatch(/^postgres:\/\//u);
    expect(scan!.env.map((variable) => variable.name)).toContain("PGPASSWORD");
    expect(scan!.args).not.toContain("-o"); // nothing written inside the pod that would vanish with it
  });
});

describe("the metrics deploy/ names", () => {
  it("are all exported by stacksweep (serve's /metrics and the textfile share them)", async () => {
    const handle = testStore("sqlite");
    const metrics = new ServiceMetrics(await handle.open());
    const exported = new Set((await metrics.registry.getMetricsAsJSON()).map((metric) => metric.name));
    await handle.cleanup();
    const dashboard = z
      .object({
        panels: z.array(z.object({ title: z.string(), targets: z.array(z.object({ expr: z.string() })).optional() })),
      })
      .parse(JSON.parse(await readFile(join(DEPLOY, "grafana", "stacksweep-dashboard.json"), "utf8")));
    const rules = z
      .object({ groups: z.array(z.object({ rules: z.array(z.object({ alert: z.string(), expr: z.string() })) })) })
      .parse(parseYaml(await readFile(join(DEPLOY, "prometheus", "stacksweep-rules.yaml"), "utf8")));
    const expressions = [
      ...dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr)),
      ...rules.groups.flatMap((group) => group.rules.map((rule) => rule.expr)),
    ];
    expect(expressions.length).toBeGreaterThan(5);
    for (const expr of expressions) {
      for (const [name] of expr.matchAll(/stacksweep_[a-z_]+/gu)) expect(exported, expr).toContain(name);
    }
  });
});
