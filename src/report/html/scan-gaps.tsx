// What a scan could not see: regions not scanned, listings that were not complete, checks left inconclusive.
// Shown prominently, because "no findings" from an incomplete scan is not "nothing is broken".

import { coverageGap } from "../summarize-scan.ts";
import type { FC } from "hono/jsx";
import type { CoverageEntry, InconclusiveCheck, ScannedRegion } from "../../findings/scan-result.ts";
import { visibleText } from "../visible-text.ts";

export interface ScanGapsProps {
  failedRegions: ScannedRegion[];
  incompleteCoverage: CoverageEntry[];
  inconclusive: InconclusiveCheck[];
}

export const ScanGaps: FC<ScanGapsProps> = ({ failedRegions, incompleteCoverage, inconclusive }) => (
  <section id="gaps">
    <h2>Coverage</h2>
    {failedRegions.length + incompleteCoverage.length + inconclusive.length === 0 ? (
      <p>Every listing was complete and every check ran.</p>
    ) : (
      <p class="alert">
        Incomplete scan: {String(failedRegions.length)} regions not scanned, {String(incompleteCoverage.length)}{" "}
        incomplete listings, {String(inconclusive.length)} inconclusive checks. Inconclusive checks report nothing,
        whatever the cloud holds.
      </p>
    )}
    {failedRegions.length === 0 ? null : (
      <>
        <h3>Regions not scanned</h3>
        <ul>
          {failedRegions.map((region) => (
            <li>
              {visibleText(region.cloud)}/{visibleText(region.region)}: {visibleText(region.error ?? "")}
            </li>
          ))}
        </ul>
      </>
    )}
    {incompleteCoverage.length === 0 ? null : (
      <>
        <h3>Incomplete listings</h3>
        <table>
          <thead>
            <tr>
              <th>cloud/region</th>
              <th>resource type</th>
              <th>status</th>
              <th>reason</th>
            </tr>
          </thead>
          <tbody>
            {incompleteCoverage.map((entry) => (
              <tr>
                <td>
                  {visibleText(entry.cloud)}/{visibleText(entry.region)}
                </td>
                <td>{entry.type}</td>
                <td>{entry.coverage.status}</td>
                <td>{visibleText(coverageGap(entry.coverage))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </>
    )}
    {inconclusive.length === 0 ? null : (
      <>
        <h3>Inconclusive checks</h3>
        <table id="inconclusive">
          <thead>
            <tr>
              <th>cloud/region</th>
              <th>check</th>
              <th>reason</th>
            </tr>
          </thead>
          <tbody>
            {inconclusive.map((entry) => (
              <tr>
                <td>
                  {visibleText(entry.cloud)}/{visibleText(entry.region)}
                </td>
                <td>{visibleText(entry.check)}</td>
                <td>{visibleText(entry.reason)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </>
    )}
  </section>
);
