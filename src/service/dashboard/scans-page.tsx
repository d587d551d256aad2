// Scan history: every recorded scan of every region, with its coverage gaps, inconclusive checks and errors.

import type { FC } from "hono/jsx";
import { visibleText } from "../../report/visible-text.ts";
import type { StoredScan } from "../../store/stored-scan.ts";
import { RelativeTime } from "./relative-time.tsx";

export const ScansPage: FC<{ scans: StoredScan[]; now: Date }> = ({ scans, now }) => (
  <table id="scans">
    <thead>
      <tr>
        <th>started</th>
        <th>cloud / region</th>
        <th class="num">duration</th>
        <th class="num">findings</th>
        <th class="num">API requests</th>
        <th>coverage</th>
        <th>result</th>
      </tr>
    </thead>
    <tbody>
      {scans.map((s) => (
        <tr>
          <td>
            <RelativeTime at={s.startedAt} now={now} />
          </td>
          <td>
            {visibleText(s.cloud)} / {visibleText(s.region)}
          </td>
          <td class="num">{(s.durationMs / 1000).toFixed(1)} s</td>
          <td class="num">{s.findingsCount}</td>
          <td class="num">
            {s.requests}
            {s.requestErrors > 0 ? ` (${s.requestErrors} failed)` : ""}
          </td>
          <td>
            {s.coverageComplete} complete
            {s.coverageProblems.map((p) => (
              <div class="muted">
                {p.type}: {p.status} ({visibleText(p.reason)})
              </div>
            ))}
            {s.inconclusive.map((i) => (
              <div class="muted">
                {i.check} inconclusive: {visibleText(i.reason)}
              </div>
            ))}
          </td>
          <td>{s.error === null ? "ok" : <span class="failed">{visibleText(s.error)}</span>}</td>
        </tr>
      ))}
    </tbody>
  </table>
);
