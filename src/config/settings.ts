// The schema of stacksweep's own stacksweep.yaml. Unknown keys are errors (a typo must not silently disable
// a safety setting); each section is one entry of `settingsSchema`, so a later section is a one-line addition.

import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import * as z from "zod";
import { SEVERITIES } from "../checks/severity.ts";
import { deepSettingsSchema } from "../deep/deep-settings.ts";
import { RESOURCE_TYPE_IDS } from "../inventory/resource-type-id.ts";
import { remediationSettingsSchema } from "../remediation/remediation-settings.ts";
import { notificationTargetSchema } from "../report/notify/notification-target.ts";
import { serviceSettingsSchema } from "../service/service-settings.ts";
import { watchSettingsSchema } from "../watch/watch-settings.ts";
import { ConfigError } from "./errors.ts";
import { readYamlFile } from "./yaml-file.ts";
import { configErrorFromIssue } from "./zod-issue.ts";

const checkId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "expected a check id in kebab-case");

const regexSource = z.string().refine((source) => {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}, "expected a valid regular expression");

export const settingsSchema = z.strictObject({
  /** Which clouds to scan (names in clouds.yaml) and which of their regions; none = the selected cloud. */
  clouds: z
    .array(
      z.strictObject({
        cloud: z.string().min(1),
        regions: z.union([z.literal("all"), z.array(z.string().min(1)).min(1)]).optional(),
      }),
    )
    .default([]),
  checks: z
    .strictObject({
      /** When given, only these checks run. */
      enabled: z.array(checkId).optional(),
      disabled: z.array(checkId).default([]),
    })
    .default({ disabled: [] }),
  /** Per-check thresholds; keys and units are validated against the check registry by the checks stage. */
  thresholds: z
    .record(checkId, z.record(z.string(), z.union([z.number(), z.string(), z.array(z.string())])))
    .default({}),
  exclude: z
    .strictObject({
      projects: z.array(z.string().min(1)).default([]),
      resourceTypes: z.array(z.enum(RESOURCE_TYPE_IDS)).default([]),
      /** Regular expressions matched against resource names. */
      namePatterns: z.array(regexSource).default([]),
    })
    .default({ projects: [], resourceTypes: [], namePatterns: [] }),
  /**
   * Swift has no call that lists its accounts: a full scan reads those of the deleted projects that other resources
   * name as owner, and the accounts of the project ids given here (e.g. every project id the cloud ever had).
   */
  objectStore: z.strictObject({ projects: z.array(z.string().min(1)).default([]) }).default({ projects: [] }),
  failOn: z.enum(SEVERITIES).optional(),
  /**
   * How long stacksweep waits for the cloud: per attempt of one request, how many attempts (the first included) on a
   * 5xx, 429 or broken connection, and the most one listing may take in all (a hanging service costs this, not the
   * timeout times the attempts).
   */
  requests: z
    .strictObject({
      timeoutSeconds: z.number().positive().max(3600).default(60),
      attempts: z.number().int().min(1).max(20).default(5),
      listingDeadlineSeconds: z.number().positive().max(86_400).default(1800),
    })
    .default({ timeoutSeconds: 60, attempts: 5, listingDeadlineSeconds: 1800 }),
  remediation: remediationSettingsSchema,
  /** `stacksweep serve`: store, listen address, schedule. */
  service: serviceSettingsSchema,
  /** Sources below the API (databases, Ceph, amphora agents, libvirt) per cloud and region: off unless given here. */
  deep: deepSettingsSchema,
  /** Where the digest of new and resolved findings goes after each scan of the service. */
  notifications: z.array(notificationTargetSchema).default([]),
  /** The orphan manager: Keystone's project deletions from RabbitMQ, each answered by a scan of that project. */
  watch: watchSettingsSchema,
});

export type Settings = z.infer<typeof settingsSchema>;

/** The `requests` settings as session options. */
export function sessionTimings(requests: Settings["requests"]): {
  timeoutMs: number;
  retry: { maxAttempts: number };
  listingDeadlineMs: number;
} {
  return {
    timeoutMs: requests.timeoutSeconds * 1000,
    retry: { maxAttempts: requests.attempts },
    listingDeadlineMs: requests.listingDeadlineSeconds * 1000,
  };
}

/** Where stacksweep.yaml is looked for when no --config is given (the first that exists wins). */
export function settingsSearchPaths(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string[] {
  const home = env.HOME ?? homedir();
  const userDir = env.XDG_CONFIG_HOME ? join(env.XDG_CONFIG_HOME, "stacksweep") : join(home, ".config", "stacksweep");
  return [join(cwd, "stacksweep.yaml"), join(userDir, "stacksweep.yaml"), "/etc/stacksweep/stacksweep.yaml"];
}

export interface LoadedSettings {
  settings: Settings;
  /** The file read, or null when none exists and the defaults apply. */
  source: string | null;
}

/**
 * Reads and validates stacksweep.yaml: the given path (which must exist), else STACKSWEEP_CONFIG, else the first of
 * the search paths; with no file at all, the defaults.
 */
export function loadSettings(
  path?: string,
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
): Settings {
  return loadSettingsFile(path, env, cwd).settings;
}

/** As loadSettings, and which file was read (for `config validate` and logs). */
export function loadSettingsFile(
  path?: string,
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
): LoadedSettings {
  const explicit = path ?? (env.STACKSWEEP_CONFIG || undefined);
  const file = explicit ?? settingsSearchPaths(env, cwd).find((candidate) => existsSync(candidate));
  if (file === undefined) return { settings: settingsSchema.parse({}), source: null };
  if (!existsSync(file)) {
    throw new ConfigError({
      file,
      key: "",
      expected: `file not found${path === undefined ? " (named by STACKSWEEP_CONFIG)" : ""}`,
    });
  }
  const parsed = readYamlFile(file);
  const data = parsed.data ?? {};
  if (typeof data !== "object" || Array.isArray(data)) {
    throw new ConfigError({
      file,
      key: "",
      expected: "a mapping of sections (clouds, checks, thresholds, exclude, failOn, requests, ...)",
    });
  }
  const result = settingsSchema.safeParse(data);
  if (!result.success) throw configErrorFromIssue(result.error.issues[0]!, parsed);
  return { settings: result.data, source: file };
}
