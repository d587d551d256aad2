// The overview: per cloud and region, the latest scan, the open findings by severity and the trend.

import type { FC } from "hono/jsx";
import { SEVERITIES, type Severity } from "../../checks/severity.ts";
import { visibleText } from "../../report/visible-text.ts";
import type { OpenFindingCount, RegionStatus } from "../../store/history-store.ts";
import type { TrendPoint } from "../../store/stored-scan.ts";
import type { JobStatus } from "../scan-scheduler.ts";
import { TrendChart } from "./trend-chart.tsx";

export interface OverviewData {
  regions: { status: RegionStatus; counts: Record<Severity, number>; trend: TrendPoint[] }[];
  jobs: JobStatus[];
}

export function overviewData(
  statuses: RegionStatus[],
  counts: OpenFindingCount[],
  trends: TrendPoint[][],
  jobs: JobStatus[],
): OverviewData {
  return {
    jobs,
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

export const OverviewPage: FC<{ data: OverviewData }> = ({ data }) => (
  <>
    {data.regions.length === 0 ? <p class="muted">No scan recorded yet.</p> : null}
    <div class="regions">
      {data.regions.map(({ status, counts, trend }) => {
        const name = `${visibleText(status.cloud)} / ${visibleText(status.region)}`;
        return (
          <section class="region" data-region={`${status.cloud}/${status.region}`}>
            <h3>
              <a href={findingsLink(status.cloud, status.region)}>{name}</a>
            </h3>
            <p class="meta">
              last scan {status.lastScan.startedAt}
              {status.lastScan.error === null ? null : (
                <span class="failed"> failed: {visibleText(status.lastScan.error)}</span>
              )}
              {status.lastScan.coverageIncomplete > 0 ? (
                <span> · {status.lastScan.coverageIncomplete} listings incomplete</span>
              ) : null}
              <br />
              last successful scan {status.lastSuccessAt ?? "never"}
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
                <td>{job.nextRun ?? "–"}</td>
                <td>{job.lastStarted ?? "–"}</td>
                <td>{job.lastFinished ?? "–"}</td>
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
