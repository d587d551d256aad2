// `stacksweep checks`: every check with its description, severity, inputs and thresholds, so an operator can see
// what a scan looks for and which settings keys tune it.

import { Command, Option } from "@commander-js/extra-typings";
import Table from "cli-table3";
import type { Check } from "../checks/check.ts";
import { CHECKS } from "../checks/registry.ts";
import { describeStep } from "../remediation/plan/describe-step.ts";

export interface CheckListing {
  id: string;
  title: string;
  description: string;
  severity: Check["severity"];
  needs: string[];
  optional: string[];
  thresholds: Check["thresholds"];
  /** Per threshold, why its default is what it is. */
  thresholdReasons: Record<string, string>;
  remediation: { action: string; destructive: boolean; call: string }[];
}

export function listChecks(checks: Iterable<Check> = CHECKS.values()): CheckListing[] {
  return [...checks].map((check) => ({
    id: check.id,
    title: check.title,
    description: check.description,
    severity: check.severity,
    needs: [...check.needs],
    optional: [...(check.optional ?? [])],
    thresholds: check.thresholds,
    thresholdReasons: { ...check.thresholdReasons },
    remediation: check.remediation.map((step) => {
      // Before any finding the resource is `{id}`: the listing shows each call with its placeholder.
      const { action, destructive, call } = describeStep(step, { type: check.needs[0]!, id: "{id}" });
      return { action, destructive, call };
    }),
  }));
}

const shown = (value: Check["thresholds"][string]): string => (Array.isArray(value) ? value.join(", ") : String(value));

function formatThresholds(thresholds: Check["thresholds"]): string {
  const entries = Object.entries(thresholds);
  if (entries.length === 0) return "–";
  return entries.map(([key, value]) => `${key}: ${shown(value)}`).join("\n");
}

/** Below the table: every threshold as `scan --threshold` names it, its default, and why. */
export function renderThresholdReasons(listing: CheckListing[]): string {
  const lines = [
    "Thresholds: override one for a run with scan --threshold CHECK.KEY=VALUE (or thresholds: in stacksweep.yaml)",
  ];
  for (const check of listing) {
    for (const [key, value] of Object.entries(check.thresholds)) {
      lines.push(
        `  ${check.id}.${key} = ${shown(value)}`,
        `      ${check.thresholdReasons[key] ?? "(no reason given)"}`,
      );
    }
  }
  return lines.join("\n");
}

export function renderChecksTable(listing: CheckListing[], width: number): string {
  const description = Math.max(30, width - 75);
  const table = new Table({
    head: ["check", "severity", "description", "thresholds"],
    colWidths: [36, 10, description, 28],
    wordWrap: true,
    // Plain borders: the list is often piped into a pager or a ticket.
    style: { head: [], border: [] },
  });
  for (const check of listing)
    table.push([check.id, check.severity, check.description, formatThresholds(check.thresholds)]);
  return table.toString();
}

export function checksCommand() {
  return new Command("checks")
    .description("list every check with its description, severity and thresholds (their defaults and why)")
    .addOption(
      new Option("-f, --format <format>", "output format")
        .choices(["table", "json"] as const)
        .default("table" as const),
    )
    .action((options) => {
      const listing = listChecks();
      const text =
        options.format === "json"
          ? JSON.stringify({ checks: listing }, null, 2)
          : `${renderChecksTable(listing, process.stdout.columns ?? 160)}\n\n${renderThresholdReasons(listing)}`;
      process.stdout.write(`${text}\n`);
    });
}
