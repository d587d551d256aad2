// The `remediation` section of stacksweep.yaml: the grace period, the cap on destructive steps, allow and deny
// rules, the audit file, the opt-in Octavia database and the opt-in RBD trash. A rule naming a property its resource type does not have
// (a tag on a type without tags, a name on a type without names) is a configuration error, never a silent pass.

import * as z from "zod";
import { resourceType } from "../inventory/registry.ts";
import { RESOURCE_TYPE_IDS } from "../inventory/resource-type-id.ts";
import { hasLabels, PROTECTING_PARENT } from "./tag-support.ts";

const duration = z.string().regex(/^(\d+|(\d+[smhdw])+)$/i, "expected a duration like 90s, 30m, 24h, 7d or 1d12h");

const regexSource = z.string().refine((source) => {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}, "expected a valid regular expression");

/** Every condition given must hold for the rule to match a resource. */
export const railRuleSchema = z
  .strictObject({
    project: z.string().min(1).optional(),
    resourceType: z.enum(RESOURCE_TYPE_IDS).optional(),
    /** A regular expression matched against the resource's name. */
    name: regexSource.optional(),
    /** A tag, a metadata key, or `key=value` of metadata. */
    tag: z.string().min(1).optional(),
  })
  .refine((rule) => Object.keys(rule).length > 0, "expected at least one of project, resourceType, name, tag")
  .superRefine((rule, context) => {
    const type = rule.resourceType;
    if (type === undefined) return;
    if (rule.tag !== undefined && !hasLabels(type) && PROTECTING_PARENT[type] === undefined)
      context.addIssue({
        code: "custom",
        path: ["tag"],
        message: `${type} has no tags or metadata: a tag rule cannot apply to it`,
      });
    if (rule.name !== undefined && resourceType(type).nameField === null)
      context.addIssue({
        code: "custom",
        path: ["name"],
        message: `${type} has no name: a name rule cannot apply to it`,
      });
  });

export type RailRule = z.infer<typeof railRuleSchema>;

export const remediationSettingsSchema = z
  .strictObject({
    /** How long a finding must be seen before a destructive step may act on it (two scans this far apart). */
    grace: duration.default("24h"),
    maxDestructive: z.number().int().nonnegative().default(25),
    /** When non-empty, a step must match one of these rules. */
    allow: z.array(railRuleSchema).default([]),
    /** A step matching any of these rules is excluded. */
    deny: z.array(railRuleSchema).default([]),
    /** The JSONL copy of the audit log; default `stacksweep-audit.jsonl` in the working directory. */
    auditFile: z.string().min(1).optional(),
    /** The opt-in database fix of load balancers stuck in PENDING_* (also needs --allow-db-write). */
    octaviaDatabase: z
      .strictObject({
        /** mysql://user@host:3306/octavia (put the password in the variable named by passwordEnv). */
        url: z.string().regex(/^mysql:\/\//, "expected mysql://user@host:port/database"),
        passwordEnv: z.string().min(1).optional(),
      })
      .optional(),
    /**
     * The opt-in move of RBD images no service owns (rbd-image-orphaned) to their pool's trash, recoverable with
     * `rbd trash restore`; the cluster is the region's `deep:` ceph entry. Off: such steps are excluded from plans.
     */
    rbdTrash: z
      .strictObject({
        enabled: z.boolean().default(false),
        /** The cephx client that may write (`osd 'profile rbd'`), when the scan's is read-only; default: the scan's. */
        id: z.string().min(1).optional(),
        /** Its keyring, when the conf's `[client] keyring` does not find it. */
        keyring: z.string().min(1).optional(),
      })
      .default({ enabled: false }),
  })
  .default({ grace: "24h", maxDestructive: 25, allow: [], deny: [], rbdTrash: { enabled: false } });

export type RemediationSettings = z.infer<typeof remediationSettingsSchema>;
