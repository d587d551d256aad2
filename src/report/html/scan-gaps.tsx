// What a scan could not see: regions not scanned, listings that were not complete, checks left inconclusive.
// Shown prominently, because "no findings" from an incomplete scan is not "nothing is broken". Listings complete
// within a limit (a scope, a service the catalog lacks) follow, apart: they left no check inconclusive.

import { coverageGap } from "../summarize-scan.ts";
import type { FC } from "hono/jsx";
import type { CoverageEntry, InconclusiveCheck, ScannedRegion } from "../../findings/scan-result.ts";
import { visibleText } from "../visible-text.ts";

export interface ScanGapsProps {
  failedRegions: ScannedRegion[];
  incompleteCoverage: CoverageEntry[];
  limitedCoverage: CoverageEntry[];
  inconclusive: InconclusiveCheck[];
}

/** Listings with what kept each from being the region's whole truth: its reason, or its limit. */
const CoverageTable: FC<{ title: string; why: string; entries: CoverageEntry[]; id?: string }> = ({
  title,
  why,
  entries,
  id,
}) => (
  <>
    <h3>{title}</h3>
    <table id={id}>
      <thead>
        <tr>
          <th>cloud/region</th>
          <th>resource type</th>
          <th>status</th>
          <th>{why}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
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
);

/** The first line of the section: an incomplete scan, else a complete one with or without limits. */
const Verdict: FC<ScanGapsProps> = ({ failedRegions, incompleteCoverage, limitedCoverage, inconclusive }) => {
  if (failedRegions.length + incompleteCoverage.length + inconclusive.length > 0) {
    return (
      <p class="alert">
        Incomplete scan: {String(failedRegions.length)} regions not scanned, {String(incompleteCoverage.length)}{" "}
        incomplete listings, {String(inconclusive.length)} inconclusive checks. Inconclusive checks report nothing,
        whatever the cloud holds.
      </p>
    );
  }
  if (limitedCoverage.length === 0) return <p>Every listing was complete and every check ran.</p>;
  return (
    <p>
      Every check ran. {String(limitedCoverage.length)} listing{limitedCoverage.length === 1 ? "" : "s"} had a limit
      (below): what lies beyond it was not seen.
    </p>
  );
};

export const ScanGaps: FC<ScanGapsProps> = (props) => {
  const { failedRegions, incompleteCoverage, limitedCoverage, inconclusive } = props;
  return (
    <section id="gaps">
      <h2>Coverage</h2>
      <Verdict {...props} />
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
        <CoverageTable title="Incomplete listings" why="reason" entries={incompleteCoverage} />
      )}
      {limitedCoverage.length === 0 ? null : (
        <CoverageTable title="Limits of the listings" why="limit" entries={limitedCoverage} id="limits" />
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
};
