// The allow/deny rules and the protect tag, applied to one step and what is known of its resource. At plan time the
// record may be unknown (a saved scan has no tags): apply checks again with the live record, which decides.

import { resourceType } from "../inventory/registry.ts";
import type { ResourceTypeId } from "../inventory/resource-type-id.ts";
import type { RailRule } from "./remediation-settings.ts";
import { hasLabels, labelsOf } from "./tag-support.ts";

export const PROTECT_TAG = "stacksweep:protect";

export interface RailRules {
  allow: readonly RailRule[];
  deny: readonly RailRule[];
}

export interface RailSubject {
  type: ResourceTypeId;
  id: string;
  projectId: string | null;
  name: string | null;
  /** The record as read (live at apply); null when unknown (plan from a saved scan). */
  record: Record<string, unknown> | null;
  /** The labels of the parent that protects a type without labels (null: none, or not read). */
  parentLabels: Set<string> | null;
}

/** Why the rails exclude the subject, or null when they let it through. */
export function railVerdict(rules: RailRules, subject: RailSubject): string | null {
  const labels = subjectLabels(subject);
  if (labels !== null && labels.has(PROTECT_TAG)) return `protected: ${describe(subject)} carries ${PROTECT_TAG}`;
  for (const rule of rules.deny) {
    const match = ruleMatches(rule, subject, labels);
    if (match === "unknown-tag")
      return `deny rule ${formatRule(rule)}: ${subject.type} has no tags or metadata to tell, so it is excluded`;
    if (match) return `deny rule ${formatRule(rule)} matches`;
  }
  if (rules.allow.length > 0 && !rules.allow.some((rule) => ruleMatches(rule, subject, labels) === true))
    return "no allow rule matches";
  return null;
}

/** Labels of the subject (or of its protecting parent); null when nothing is known yet. */
function subjectLabels(subject: RailSubject): Set<string> | null {
  if (hasLabels(subject.type)) return subject.record === null ? null : labelsOf(subject.type, subject.record);
  return subject.parentLabels;
}

/**
 * true/false, or "unknown-tag" when the rule names a tag and the type carries none (nor does a parent): a deny rule
 * then fails closed. A tag rule on a record not yet read is false here; apply reads it live.
 */
function ruleMatches(rule: RailRule, subject: RailSubject, labels: Set<string> | null): boolean | "unknown-tag" {
  if (rule.resourceType !== undefined && rule.resourceType !== subject.type) return false;
  if (rule.project !== undefined && rule.project !== subject.projectId) return false;
  if (rule.name !== undefined) {
    if (resourceType(subject.type).nameField === null || subject.name === null) return false;
    if (!new RegExp(rule.name).test(subject.name)) return false;
  }
  if (rule.tag !== undefined) {
    if (!hasLabels(subject.type) && subject.parentLabels === null && subject.record !== null) return "unknown-tag";
    if (labels === null || !labels.has(rule.tag)) return false;
  }
  return true;
}

function formatRule(rule: RailRule): string {
  return `{${Object.entries(rule)
    .map(([key, value]) => `${key}: ${String(value)}`)
    .join(", ")}}`;
}

function describe(subject: RailSubject): string {
  return hasLabels(subject.type) ? `the ${subject.type}` : `the parent of the ${subject.type}`;
}
