// The orphan manager's work for one project deletion: a scan of that project's resources in every region of every
// watched cloud, recorded like any scan; the same again once a cascading delete has settled; then, by policy, a purge
// plan written for review, or applied through the same rails as `apply` (grace counted from the deletion, cap,
// protect tag, allow/deny, audit).

import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { orphanedResource } from "../checks/orphaned-resource/index.ts";
import type { ScanResult } from "../findings/scan-result.ts";
import type { Inventory } from "../inventory/inventory.ts";
import type { Logger } from "../log/logger.ts";
import { buildPlan } from "../remediation/plan/build-plan.ts";
import { executePlan } from "../remediation/apply/execute-plan.ts";
import { recordPlan, writePlan } from "../remediation/plan/plan-file.ts";
import { formatPlan } from "../remediation/apply/format-plan.ts";
import type { Plan } from "../remediation/plan.ts";
import { recordLookup } from "../remediation/plan/record-lookup.ts";
import type { RemediationSettings } from "../remediation/remediation-settings.ts";
import type { HistoryStore } from "../store/history-store.ts";
import { parseDuration } from "../store/parse-duration.ts";
import type { RecordScanSummary } from "../store/record-scan-summary.ts";
import { scanClouds, type ScanOptions, type ScanTarget } from "../scan/scan-clouds.ts";
import type { ProjectDeletion } from "./notification-consumer.ts";
import type { WatchSettings } from "./watch-settings.ts";

export interface OrphanManagerOptions {
  /** Every cloud watched, each with all its regions. */
  targets: readonly ScanTarget[];
  settings: Pick<WatchSettings, "policy" | "settle" | "delay" | "planDirectory">;
  remediation: RemediationSettings;
  scan?: Pick<ScanOptions, "settings" | "exclude" | "session">;
  /** Records a scan in the history, with the notifications and metrics of any scan of this process. */
  record: (result: ScanResult) => Promise<RecordScanSummary>;
  store: HistoryStore;
  logger: Logger;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

export interface DeletionOutcome {
  projectId: string;
  /** Orphans of the settled scan, per region. */
  orphans: number;
  plans: { cloud: string; region: string; file: string | null; steps: number; done: number }[];
}

export class OrphanManager {
  private readonly now: () => Date;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: OrphanManagerOptions) {
    this.now = options.now ?? (() => new Date());
    this.sleep = options.sleep ?? ((ms) => new Promise((done) => setTimeout(done, ms)));
  }

  async handle(deletion: ProjectDeletion): Promise<DeletionOutcome> {
    const { logger, settings } = this.options;
    const log = logger.child({ projectId: deletion.projectId, messageId: deletion.messageId });
    log.info({ deletedAt: deletion.deletedAt, format: deletion.format }, "project deleted in Keystone: scanning it");
    await this.scanAndRecord(deletion, log);
    // Again once what the deletion's cascade (or a late request of the project's users) created has settled.
    const settle = parseDuration(settings.settle);
    await this.sleepUntil(deletion.deletedAt, settle);
    let { result, inventories } = await this.scanAndRecord(deletion, log);
    const delay = parseDuration(settings.delay);
    if (settings.policy === "purge" && delay > settle) {
      // The plan is made from what is there when it is applied.
      await this.sleepUntil(deletion.deletedAt, delay);
      ({ result, inventories } = await this.scanAndRecord(deletion, log));
    }
    const orphans = result.findings.length;
    if (settings.policy === "report") return { projectId: deletion.projectId, orphans, plans: [] };
    const plans: DeletionOutcome["plans"] = [];
    for (const inventory of inventories) {
      const plan = await this.plan(result, inventory, deletion);
      if (plan.steps.length === 0 && plan.reportOnly.length === 0) continue;
      plans.push(settings.policy === "plan" ? await this.writeForReview(plan, log) : await this.purge(plan, log));
    }
    return { projectId: deletion.projectId, orphans, plans };
  }

  private async scanAndRecord(
    deletion: ProjectDeletion,
    log: Logger,
  ): Promise<{ result: ScanResult; inventories: Inventory[] }> {
    const inventories: Inventory[] = [];
    const result = await scanClouds(this.options.targets, {
      ...this.options.scan,
      checks: [orphanedResource],
      projectScan: { id: deletion.projectId, deletedAt: deletion.deletedAt },
      logger: log,
      onInventory: (inventory) => inventories.push(inventory),
      now: this.now,
    });
    const summary = await this.options.record(result);
    log.info(
      {
        regions: result.clouds.length,
        orphans: result.findings.length,
        new: summary.newFindings.length,
        requests: result.requests.reduce((sum, r) => sum + r.count, 0),
        sinceDeletionMs: this.now().getTime() - Date.parse(deletion.deletedAt),
      },
      "project scan recorded",
    );
    return { result, inventories };
  }

  /** The plan of one region: the deleted project's orphans, under the rails of stacksweep.yaml's remediation. */
  private async plan(result: ScanResult, inventory: Inventory, deletion: ProjectDeletion): Promise<Plan> {
    const { remediation, store } = this.options;
    return buildPlan({
      cloud: inventory.cloud,
      region: inventory.region,
      findings: result.findings.filter(
        (f) => f.resource.cloud === inventory.cloud && f.resource.region === inventory.region,
      ),
      source: { kind: "scan", scannedAt: inventory.scannedAt, file: null, projectId: deletion.projectId },
      rules: { allow: remediation.allow, deny: remediation.deny },
      graceSeconds: parseDuration(remediation.grace),
      // The orphans were opened at the deletion (see the store): the grace period counts from it.
      seenAcrossGrace: (id, grace) => store.seenAcrossGrace(id, grace),
      allowDbWrite: false,
      octaviaDatabaseConfigured: false,
      records: recordLookup(inventory),
      now: this.now(),
    });
  }

  private async writeForReview(plan: Plan, log: Logger): Promise<DeletionOutcome["plans"][number]> {
    const directory = resolve(this.options.settings.planDirectory);
    await mkdir(directory, { recursive: true });
    const file = join(directory, `orphans-${plan.source.projectId ?? "project"}-${plan.cloud}-${plan.region}.json`);
    await writePlan(file, plan);
    // Recorded as `plan` records one: `apply` runs only a plan whose digest the store knows.
    const digest = await recordPlan(this.options.store, plan);
    log.warn(
      { file, digest, steps: plan.steps.length, cloud: plan.cloud, region: plan.region },
      `purge plan written for review: stacksweep apply ${file}`,
    );
    return { cloud: plan.cloud, region: plan.region, file, steps: plan.steps.length, done: 0 };
  }

  private async purge(plan: Plan, log: Logger): Promise<DeletionOutcome["plans"][number]> {
    const { remediation, targets, store } = this.options;
    const target = targets.find((t) => t.cloud.name === plan.cloud);
    if (target === undefined) throw new Error(`no watched cloud is named ${plan.cloud}`);
    log.debug({ plan: formatPlan(plan, `orphans of project ${plan.source.projectId ?? ""}`) }, "purge plan");
    // Each step's line as it is done; the closing report says it again, and the summary below says it once.
    const progress = logStream(log);
    // The plan applied is the plan made here, recorded as any plan is: apply checks its digest as for a reviewed one.
    await recordPlan(store, plan);
    const result = await executePlan(plan, {
      cloud: target.cloud,
      settings: remediation,
      graceSeconds: parseDuration(remediation.grace),
      maxDestructive: remediation.maxDestructive,
      allowDbWrite: false,
      yes: true,
      store: store.location,
      ...(this.options.logger === undefined ? {} : { logger: log }),
      input: process.stdin,
      output: logStream(null),
      prompt: progress,
    });
    const outcomes = result.kind === "ran" ? result.report.outcomes : [];
    const done = outcomes.filter((o) => o.outcome === "done").length;
    const refused = result.kind === "declined" ? result.reason : result.report.refused;
    (refused === null ? log.info.bind(log) : log.warn.bind(log))(
      { cloud: plan.cloud, region: plan.region, steps: plan.steps.length, done, refused },
      "purge of the project's orphans applied",
    );
    return { cloud: plan.cloud, region: plan.region, file: null, steps: plan.steps.length, done };
  }

  private async sleepUntil(from: string, seconds: number): Promise<void> {
    const wait = Date.parse(from) + seconds * 1000 - this.now().getTime();
    if (wait > 0) await this.sleep(wait);
  }
}

/** The apply's own lines into the structured log, or nowhere (stdout carries no report in the watch). */
function logStream(log: Logger | null): NodeJS.WritableStream {
  const stream = {
    write(chunk: string | Uint8Array): boolean {
      const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
      for (const line of text.split("\n")) if (line.trim() !== "") log?.info({ line }, "purge");
      return true;
    },
  };
  return stream as unknown as NodeJS.WritableStream;
}
