// The overview: what the open debris costs, what is critical now, the leftovers of deleted projects with the command
// that removes them; then per cloud and region the latest scan, the open findings by severity and the trend.

import type { FC } from "hono/jsx";
import { SEVERITIES, type Severity } from "../../checks/severity.ts";
import { CriticalNow, DebrisHeadline, OrphanGroups } from "../../report/html/debris-sections.tsx";
import { costOf, orphanGroups, type DebrisCost, type OrphanGroup } from "../../report/summarize-scan.ts";
import { visibleText } from "../../report/visible-text.ts";
import type { OpenFindingCount, RegionStatus } from "../../store/history-store.ts";
import type { StoredFinding } from "../../store/stored-finding.ts";
import type { TrendPoint } from "../../store/stored-scan.ts";
import type { JobStatus } from "../scan-scheduler.ts";
import { RelativeTime } from "./relative-time.tsx";
import { TrendChart } from "./trend-chart.tsx";

export interface OverviewData {
  regions: { status: RegionStatus; counts: Record<Severity, number>; trend: TrendPoint[] }[];
  jobs: JobStatus[];
  /** What the open findings' resources hold, the critical ones, and the leftovers of deleted projects. */
  cost: DebrisCost;
  critical: StoredFinding[];
  orphans: OrphanGroup[];
}

export function overviewData(
  statuses: RegionStatus[],
  counts: OpenFindingCount[],
  trends: TrendPoint[][],
  jobs: JobStatus[],
  open: StoredFinding[],
): OverviewData {
  return {
    jobs,
    cost: costOf(open),
    critical: open.filter((finding) => finding.severity === "critical"),
    orphans: orphanGroups(open),
    regions: statuses.map((status, i) => {
      const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
      for (const c of counts)
        if (c.cloud === status.cloud && c.region === status.region) bySeverity[c.severity] += c.count;
      return { status, counts: bySeverity, trend: trends[i] ?? [] };
    }),
  };
}

const findingsLink = (cloud: string, region: string, severity?: Severity) =>
  `/findings?${new URLSearchParams({ cloud, region, ...(severity === undefined ? {} : { severity }) }).toString()}`;

export const OverviewPage: FC<{ data: OverviewData; now: Date }> = ({ data, now }) => (
  <>
    {data.regions.length === 0 ? <p class="muted">No scan recorded yet.</p> : <DebrisHeadline cost={data.cost} />}
    {data.regions.some(({ status }) => status.lastScan.error !== null || status.lastScan.coverageIncomplete > 0) ? (
      <p class="alert">
        Incomplete: the latest scan of{" "}
        {data.regions
          .filter(({ status }) => status.lastScan.error !== null || status.lastScan.coverageIncomplete > 0)
          .map(({ status }) => `${visibleText(status.cloud)}/${visibleText(status.region)}`)
          .join(", ")}{" "}
        failed or could not list everything; its checks report nothing there (see <a href="/scans">Scans</a>).
      </p>
    ) : null}
    <CriticalNow findings={data.critical} href={(finding) => `/findings/${encodeURIComponent(finding.id)}`} />
    <OrphanGroups groups={data.orphans} />
    <h2>Clouds and regions</h2>
    <div class="regions">
      {data.regions.map(({ status, counts, trend }) => {
        const name = `${visibleText(status.cloud)} / ${visibleText(status.region)}`;
        return (
          <section class="region" data-region={`${status.cloud}/${status.region}`}>
            <h3>
              <a href={findingsLink(status.cloud, status.region)}>{name}</a>
            </h3>
            <p class="meta">
              last scan <RelativeTime at={status.lastScan.startedAt} now={now} />
              {status.lastScan.error === null ? null : (
                <span class="failed"> failed: {visibleText(status.lastScan.error)}</span>
              )}
              {status.lastScan.coverageIncomplete > 0 ? (
                <span> · {status.lastScan.coverageIncomplete} listings incomplete</span>
              ) : null}
              <br />
              last successful scan <RelativeTime at={status.lastSuccessAt} now={now} />
            </p>
            <div class="counts">
              {(["critical", "warning", "info"] as const).map((severity) => (
                <a class="count" href={findingsLink(status.cloud, status.region, severity)}>
                  <strong>{counts[severity]}</strong>
                  <span class={`sev sev-${severity}`}>{severity}</span>
                </a>
              ))}
            </div>
            <TrendChart points={trend} label={`Findings per scan in ${name}`} />
          </section>
        );
      })}
    </div>
    {data.jobs.length > 0 ? (
      <>
        <h2>Schedule</h2>
        <table>
          <thead>
            <tr>
              <th>job</th>
              <th>next run</th>
              <th>last started</th>
              <th>last finished</th>
              <th>state</th>
            </tr>
          </thead>
          <tbody>
            {data.jobs.map((job) => (
              <tr>
                <td>{visibleText(job.key)}</td>
                <td>
                  <RelativeTime at={job.nextRun} now={now} />
                </td>
                <td>
                  <RelativeTime at={job.lastStarted} now={now} />
                </td>
                <td>
                  <RelativeTime at={job.lastFinished} now={now} />
                </td>
                <td>
                  {job.running ? (
                    "running"
                  ) : job.lastError === null ? (
                    "idle"
                  ) : (
                    <span class="failed">{visibleText(job.lastError)}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </>
    ) : null}
  </>
);
