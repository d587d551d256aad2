// `stacksweep watch` against the real devcloud: Keystone (notifications on, `messagingv2`) announces a project's
// deletion on the real RabbitMQ; the orphan manager scans that project, records its orphans in the history, and with
// the purge policy (grace 0, allowed for the test's own projects only: the devcloud is shared) removes them. It loses
// nothing when killed in the middle of a deletion, and shrugs off poison messages.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect, type ChannelModel } from "amqplib";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { HistoryStore } from "../../src/store/history-store.ts";
import { DEVCLOUD_CLOUD, DEVCLOUD_CLOUDS_YAML, devcloudAdmin, openstackCliEnv } from "./support/devcloud.ts";
import { ownedResources } from "./support/owned-resources.ts";
import { ensureFlavor, ensurePublicNetwork, ProjectBuilder } from "./support/project-builder.ts";
import type { RestSession } from "./support/rest-session.ts";
import { runCommand } from "./support/run-command.ts";
import { waitFor } from "./support/wait-for.ts";

const TRANSPORT_URL = "rabbit://guest:guest@127.0.0.1:5672/";
const suffix = Date.now().toString(36);
/** The suite's own queue: other runs (and other engineers' watches) keep theirs. */
const QUEUE = `stacksweep-e2e-watch-${suffix}`;

let admin: RestSession;
let work: string;
let store: string;
let publicNetwork: string;
let flavor: string;
let bus: ChannelModel | undefined;
const builders: ProjectBuilder[] = [];
/** Every watch started, stopped in afterAll too: a test that timed out must not leave one consuming. */
const started: Watch[] = [];

/** A running `stacksweep watch`, with its log lines as they come. */
class Watch {
  readonly lines: string[] = [];
  private constructor(readonly child: ChildProcess) {
    let buffer = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      buffer += chunk.toString("utf8");
      const parts = buffer.split("\n");
      buffer = parts.pop() ?? "";
      this.lines.push(...parts);
    });
  }

  static async start(config: string): Promise<Watch> {
    const env = { ...openstackCliEnv(DEVCLOUD_CLOUDS_YAML, DEVCLOUD_CLOUD), PATH: process.env.PATH ?? "" };
    const child = spawn("npx", ["tsx", "src/cli/main.ts", "watch", "--config", config, "--store", store], {
      env,
      stdio: ["ignore", "ignore", "pipe"],
      detached: true,
    });
    const watch = new Watch(child);
    started.push(watch);
    await watch.waitForLog("consuming Keystone's notifications");
    return watch;
  }

  /** Log messages (the `msg` of pino's JSON lines), with their fields. */
  messages(): { msg: string; [key: string]: unknown }[] {
    return this.lines.flatMap((line) => {
      try {
        return [JSON.parse(line) as { msg: string }];
      } catch {
        return [];
      }
    });
  }

  async waitForLog(message: string, count = 1): Promise<void> {
    await waitFor(
      `watch to log "${message}"`,
      () => {
        if (this.child.exitCode !== null) throw new Error(`watch exited ${this.child.exitCode}:\n${this.tail()}`);
        const seen = this.messages().filter((m) => m.msg === message).length;
        return Promise.resolve(seen >= count ? { done: undefined } : { seen: this.tail() });
      },
      90_000,
      200,
    );
  }

  tail(): string {
    return this.lines.slice(-15).join("\n");
  }

  /** Stops the process group (npx, tsx and node); SIGKILL kills it in the middle of whatever it does. */
  async stop(signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null || this.child.pid === undefined) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    process.kill(-this.child.pid, signal);
    await exited;
  }
}

async function writeConfig(name: string, policy: "report" | "purge", projects: readonly string[]): Promise<string> {
  const file = join(work, `${name}.yaml`);
  const allow = projects.map((project) => `    - project: ${project}`).join("\n");
  await writeFile(
    file,
    [
      "clouds:",
      `  - cloud: ${DEVCLOUD_CLOUD}`,
      "watch:",
      `  transportUrl: ${TRANSPORT_URL}`,
      `  queue: ${QUEUE}`,
      `  policy: ${policy}`,
      "  settle: 3s",
      "remediation:",
      '  grace: "0"',
      "  maxDestructive: 60",
      `  auditFile: ${join(work, "audit.jsonl")}`,
      // The devcloud is shared: the watch sees every project other suites delete, and may purge only ours.
      ...(projects.length === 0 ? [] : ["  allow:", allow]),
      "",
    ].join("\n"),
  );
  return file;
}

async function history<T>(read: (history: HistoryStore) => Promise<T>): Promise<T> {
  const opened = await HistoryStore.open({ location: store });
  try {
    return await read(opened);
  } finally {
    await opened.close();
  }
}

/** Waits until the history holds the orphans of the project; resolves with their "type id" keys. */
async function orphansInHistory(projectId: string, atLeast: number): Promise<string[]> {
  return waitFor(
    `orphans of project ${projectId} in the history`,
    async () => {
      const mine = await history((h) =>
        h.listFindings({ state: "open", check: ["orphaned-resource"], project: projectId }),
      );
      return mine.length >= atLeast
        ? { done: mine.map((f) => `${f.resource.type} ${f.resource.id}`).sort() }
        : { seen: mine.length };
    },
    120_000,
    100,
  );
}

beforeAll(async () => {
  admin = await devcloudAdmin();
  work = await mkdtemp(join(tmpdir(), "stacksweep-watch-e2e-"));
  store = join(work, "history.sqlite");
  [publicNetwork, flavor] = await Promise.all([ensurePublicNetwork(admin), ensureFlavor(admin)]);
  bus = await connect("amqp://guest:guest@127.0.0.1:5672/");
});

afterAll(async () => {
  for (const watch of started) await watch.stop("SIGKILL");
  if (bus !== undefined) {
    const channel = await bus.createChannel();
    await channel.deleteQueue(QUEUE);
    await bus.close();
  }
  const left = (await Promise.all(builders.map((b) => b.cleanup()))).flat();
  if (left.length > 0) console.warn(`watch e2e: could not remove ${left.join(", ")}`);
  await rm(work, { recursive: true, force: true });
});

describe("the orphan manager on the devcloud", () => {
  test("reports a deleted project's orphans within seconds, then purges them to a clean project", async () => {
    const project = await ProjectBuilder.create(admin, `watch-purge-${suffix}`);
    builders.push(project);
    await project.fullProject(publicNetwork, flavor, {
      cidr: "10.41.0.0/24",
      rule: { port: 22, remoteIpPrefix: "0.0.0.0/0" },
    });
    const owned = (await ownedResources(admin, project.projectId)).map((r) => `${r.type} ${r.id}`).sort();
    const watch = await Watch.start(await writeConfig("purge", "purge", [project.projectId]));
    try {
      const deletedAt = Date.now();
      await project.deleteProject();
      const orphans = await orphansInHistory(project.projectId, owned.length);
      const seconds = (Date.now() - deletedAt) / 1000;
      // Every resource the project owned in Nova, Cinder, Neutron and Glance is reported, and nothing else.
      expect(orphans).toEqual(expect.arrayContaining(owned));
      const scans = await history((h) => h.listScans({}));
      const projectScans = scans.filter((s) => s.projectId === project.projectId);
      expect(projectScans.length).toBeGreaterThan(0);
      console.info(
        `watch e2e: deletion -> orphans in the history ${seconds.toFixed(2)} s; project scan ` +
          `${projectScans.at(-1)?.requests ?? "?"} requests; ${orphans.length} orphans`,
      );

      await waitFor(
        `the purge of project ${project.projectId}`,
        async () => {
          const left = await ownedResources(admin, project.projectId);
          return left.length === 0
            ? { done: undefined }
            : {
                seen: {
                  left: left.map((r) => `${r.type} ${r.id}`),
                  watch: watch.messages().filter((m) => m.msg === "purge"),
                },
              };
        },
        240_000,
        2_000,
      );
      await watch.waitForLog("purge of the project's orphans applied");
      // Purged without resurrecting the default security group (which a filtered listing would re-create).
      expect(await ownedResources(admin, project.projectId)).toEqual([]);
    } finally {
      await watch.stop();
    }
  }, 600_000);

  test("loses no deletion when killed while handling it", async () => {
    const project = await ProjectBuilder.create(admin, `watch-restart-${suffix}`);
    builders.push(project);
    const network = await project.network(`${project.name}-net`);
    await project.volume(`${project.name}-volume`);
    const config = await writeConfig("report", "report", []);
    const first = await Watch.start(config);
    let second: Watch | null = null;
    try {
      const before = first.messages().length;
      await project.deleteProject();
      // Killed after it took the message and before its work was recorded and acknowledged.
      await first.waitForLog("project deleted in Keystone: scanning it");
      await first.stop("SIGKILL");
      const recordedBeforeKill = first
        .messages()
        .slice(before)
        .filter((m) => m.msg === "project scan recorded");
      second = await Watch.start(config);
      // The broker delivers the unacknowledged deletion again, and the new process handles it from the start.
      await waitFor(
        "the deletion handled again after the restart",
        () => {
          const again = second
            ?.messages()
            .some((m) => m.msg === "project scan recorded" && m.projectId === project.projectId);
          return Promise.resolve(again === true ? { done: undefined } : { seen: second?.tail() });
        },
        120_000,
        200,
      );
      const orphans = await orphansInHistory(project.projectId, 2);
      expect(orphans).toEqual(expect.arrayContaining([`network.network ${network}`]));
      expect(orphans.some((key) => key.startsWith("block-storage.volume "))).toBe(true);
      console.info(
        `watch e2e: killed with ${recordedBeforeKill.length} project scan(s) recorded; after the restart the ` +
          `deletion was handled again (${orphans.length} orphans)`,
      );
    } finally {
      await second?.stop();
      await first.stop("SIGKILL");
    }
  });

  test("acknowledges and counts poison messages, and goes on with the deletions behind them", async () => {
    const project = await ProjectBuilder.create(admin, `watch-poison-${suffix}`);
    builders.push(project);
    const network = await project.network(`${project.name}-net`);
    const watch = await Watch.start(await writeConfig("poison", "report", []));
    try {
      const channel = await bus!.createChannel();
      const poison = [
        "not json at all",
        JSON.stringify({ event_type: "identity.project.deleted", payload: { resource_info: project.projectId } }),
        JSON.stringify({ "oslo.version": "2.0", "oslo.message": "{truncated" }),
        JSON.stringify({
          "oslo.version": "2.0",
          "oslo.message": JSON.stringify({
            message_id: "x",
            publisher_id: "identity.vm",
            event_type: "identity.project.deleted",
            payload: { request_id: "req-1" },
            timestamp: "2026-12-03 09:06:25.703262",
          }),
        }),
      ];
      // Straight into the suite's own queue: the shared keystone exchange stays clean.
      for (const body of poison) channel.sendToQueue(QUEUE, Buffer.from(body), { contentType: "application/json" });
      await project.deleteProject();
      await watch.waitForLog("poison message acknowledged and dropped", poison.length);
      const orphans = await orphansInHistory(project.projectId, 1);
      expect(orphans).toContain(`network.network ${network}`);
      await waitFor(
        "the suite's queue to be empty",
        async () => {
          const queue = await channel.checkQueue(QUEUE);
          return queue.messageCount === 0 ? { done: undefined } : { seen: queue.messageCount };
        },
        30_000,
        500,
      );
      expect(watch.child.exitCode).toBeNull();
      await channel.close();
      console.info(`watch e2e: ${poison.length} poison messages acknowledged; the deletion behind them was handled`);
    } finally {
      await watch.stop();
    }
  });

  test("a project scan costs a fraction of a full scan's requests", async () => {
    const env = { ...openstackCliEnv(DEVCLOUD_CLOUDS_YAML, DEVCLOUD_CLOUD), PATH: process.env.PATH ?? "" };
    const full = await runCommand(
      "npx",
      ["tsx", "src/cli/main.ts", "scan", "-f", "json", "--checks", "orphaned-resource"],
      {
        env,
        timeoutMs: 600_000,
      },
    );
    const result = JSON.parse(full.stdout) as { requests: { count: number }[] };
    const fullRequests = result.requests.reduce((sum, r) => sum + r.count, 0);
    const projectScans = (await history((h) => h.listScans({}))).filter((s) => s.projectId !== null);
    const perProjectScan = Math.max(...projectScans.map((s) => s.requests));
    console.info(`watch e2e: a project scan made at most ${perProjectScan} requests; a full scan ${fullRequests}`);
    expect(perProjectScan).toBeLessThan(fullRequests);
  });
});
