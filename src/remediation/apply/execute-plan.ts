// What `apply` and `purge --execute` share: the rails from stacksweep.yaml and the command line, the store, the
// audit file, the optional Octavia database, the operator's confirmation, and the run itself.

import { resolve } from "node:path";
import type { ResolvedCloud } from "../../config/clouds.ts";
import { OctaviaDatabase } from "./octavia-database.ts";
import { openMysqlConnection } from "../../deep/mysql-connection.ts";
import type { Logger } from "../../log/logger.ts";
import { Session } from "../../openstack/session.ts";
import { HistoryStore } from "../../store/history-store.ts";
import { lockHolder } from "./apply-lock.ts";
import { applyPlan, type ApplyReport } from "./apply-plan.ts";
import { AuditLog } from "./audit-log.ts";
import { confirmCloud } from "./confirm-cloud.ts";
import { formatApplyReport } from "./format-plan.ts";
import type { Plan } from "../plan.ts";
import type { RemediationSettings } from "../remediation-settings.ts";
import type { CephSettings } from "../../deep/ceph/settings.ts";
import { ACTIONS } from "../actions/registry.ts";
import { RbdImages } from "../rbd-images.ts";

export interface ExecutePlanOptions {
  cloud: ResolvedCloud;
  settings: RemediationSettings;
  graceSeconds: number;
  maxDestructive: number;
  allowDbWrite: boolean;
  /** The region's `deep:` ceph settings, for the steps that move RBD images to the trash. */
  ceph?: CephSettings;
  yes: boolean;
  /** `--break-lock`: take the apply lock even from a holder not known to be dead. */
  breakLock?: boolean;
  store?: string;
  auditFile?: string;
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream;
  /** Where the confirmation prompt and progress go (stderr). */
  prompt: NodeJS.WritableStream;
}

export type ExecutePlanResult = { kind: "declined"; reason: string } | { kind: "ran"; report: ApplyReport };

export async function executePlan(plan: Plan, options: ExecutePlanOptions): Promise<ExecutePlanResult> {
  const declined = await confirmCloud(plan.cloud, { yes: options.yes, input: options.input, output: options.prompt });
  if (declined !== null) return { kind: "declined", reason: declined };
  const store = await HistoryStore.open({
    ...(options.store === undefined ? {} : { location: options.store }),
    ...(options.env === undefined ? {} : { env: options.env }),
  });
  let session: Session | null = null;
  let database: OctaviaDatabase | null = null;
  try {
    const audit = await AuditLog.open(
      store,
      resolve(options.auditFile ?? options.settings.auditFile ?? "stacksweep-audit.jsonl"),
    );
    session = await Session.open(options.cloud, {
      region: plan.region,
      ...(options.logger === undefined ? {} : { logger: options.logger }),
    });
    const configured = options.settings.octaviaDatabase;
    if (
      configured !== undefined &&
      plan.steps.some((s) => s.action === "loadbalancer.db-set-error" && s.status === "planned")
    ) {
      const password =
        configured.passwordEnv === undefined ? undefined : (options.env ?? process.env)[configured.passwordEnv];
      const sql = await openMysqlConnection({ url: configured.url, ...(password === undefined ? {} : { password }) });
      database = new OctaviaDatabase(sql, { allowWrite: options.allowDbWrite });
    }
    const rbdImages = openRbdImages(plan, options);
    const report = await applyPlan(plan, {
      session,
      store,
      audit,
      rules: { allow: options.settings.allow, deny: options.settings.deny },
      graceSeconds: options.graceSeconds,
      maxDestructive: options.maxDestructive,
      context: { octaviaDatabase: database, rbdImages },
      holder: lockHolder(),
      breakLock: options.breakLock === true,
      onStep: (outcome) => {
        const [line = ""] = formatApplyReport({ planId: plan.id, refused: null, outcomes: [outcome] }).split("\n");
        options.prompt.write(`${line}\n`);
      },
    });
    options.output.write(formatApplyReport(report));
    return { kind: "ran", report };
  } finally {
    await database?.close();
    await session?.close();
    await store.close();
  }
}

/**
 * The RBD access of apply: only when a planned step writes to a pool, the operator enabled it and the region has a
 * ceph entry; with the write client of remediation.rbdTrash when given. Otherwise null, and such a step is skipped.
 */
function openRbdImages(plan: Plan, options: ExecutePlanOptions): RbdImages | null {
  const { rbdTrash } = options.settings;
  const wanted = plan.steps.some((s) => s.status === "planned" && ACTIONS.get(s.action)?.writesRbd === true);
  if (!wanted || !rbdTrash.enabled || options.ceph === undefined) return null;
  return new RbdImages({
    ...options.ceph,
    ...(rbdTrash.id === undefined ? {} : { id: rbdTrash.id }),
    ...(rbdTrash.keyring === undefined ? {} : { keyring: rbdTrash.keyring }),
  });
}
