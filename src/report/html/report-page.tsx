// The whole HTML report as one self-contained document. Its Content-Security-Policy allows only the report's own
// inline style and script (by hash) and no network at all, so even a missed escape could not run or fetch anything.

import { createHash } from "node:crypto";
import type { FC } from "hono/jsx";
import type { ScanResult } from "../../findings/scan-result.ts";
import { SEVERITIES_WORST_FIRST, summarizeScan } from "../summarize-scan.ts";
import { visibleText } from "../visible-text.ts";
import { CostTable, CriticalNow, DebrisHeadline, OrphanGroups } from "./debris-sections.tsx";
import { FindingsTable } from "./findings-table.tsx";
import { REPORT_SCRIPT } from "./report-script.ts";
import { REPORT_STYLES } from "./report-styles.ts";
import { RequestsTable } from "./requests-table.tsx";
import { ScanGaps } from "./scan-gaps.tsx";
import { SummaryChart } from "./summary-chart.tsx";

function sha256(text: string): string {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src ${sha256(REPORT_STYLES)}`,
  `script-src ${sha256(REPORT_SCRIPT)}`,
  "img-src data:",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

export const ReportPage: FC<{ result: ScanResult }> = ({ result }) => {
  const summary = summarizeScan(result);
  const regions = result.clouds
    .map((region) => `${visibleText(region.cloud)}/${visibleText(region.region)}`)
    .join(", ");
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta http-equiv="Content-Security-Policy" content={CONTENT_SECURITY_POLICY} />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{`stacksweep report ${result.startedAt}`}</title>
        <style dangerouslySetInnerHTML={{ __html: REPORT_STYLES }} />
      </head>
      <body>
        <h1>stacksweep scan report</h1>
        <p class="meta">
          {regions || "no region"} · started {result.startedAt} · {(result.durationMs / 1000).toFixed(1)} s · stacksweep{" "}
          {visibleText(result.tool.version)}
        </p>
        <div class="counts">
          <div class="count">
            <strong id="total-count">{String(summary.total)}</strong> findings
          </div>
          {SEVERITIES_WORST_FIRST.map((severity) => (
            <div class="count">
              <strong class={`sev-${severity}`}>{String(summary.counts[severity])}</strong> {severity}
            </div>
          ))}
          <div class="count">
            <strong>{String(result.inconclusive.length)}</strong> inconclusive checks
          </div>
        </div>
        {summary.total === 0 ? null : <DebrisHeadline cost={summary.cost} />}
        <ScanGaps
          failedRegions={summary.failedRegions}
          incompleteCoverage={summary.incompleteCoverage}
          limitedCoverage={summary.limitedCoverage}
          inconclusive={result.inconclusive}
        />
        <CriticalNow findings={summary.critical} />
        <OrphanGroups groups={summary.orphans} />
        <h2>Per check</h2>
        {summary.total === 0 ? <p>No findings.</p> : <SummaryChart checks={summary.checks} />}
        <CostTable
          id="cost-per-check"
          title="What each check's resources hold"
          label="check"
          rows={summary.checks.map((group) => ({
            label: group.check,
            findings: group.findings.length,
            cost: group.cost,
          }))}
        />
        {summary.places.length < 2 ? null : (
          <CostTable
            id="cost-per-cloud"
            title="Per cloud and region"
            label="cloud/region"
            rows={summary.places.map((entry) => ({
              label: `${entry.cloud}/${entry.region}`,
              findings: entry.findings,
              cost: entry.cost,
            }))}
          />
        )}
        <h2>Findings</h2>
        <FindingsTable findings={summary.checks.flatMap((group) => group.findings)} />
        <h2>API requests</h2>
        <p class="muted">
          {String(summary.requests.count)} requests, {String(summary.requests.errors)} failed.
        </p>
        <RequestsTable requests={result.requests} />
        <script dangerouslySetInnerHTML={{ __html: REPORT_SCRIPT }} />
      </body>
    </html>
  );
};
