// The findings table with its filters (check, severity, cloud/region, project, free text) and sortable columns.
// Rows carry their sort and filter keys as data attributes; the report script reads them, never the other way.

import type { FC } from "hono/jsx";
import { SEVERITIES_WORST_FIRST } from "../summarize-scan.ts";
import { severityRank } from "../../checks/severity.ts";
import type { Finding } from "../../findings/finding.ts";
import { formatAge } from "../format-age.ts";
import { visibleText } from "../visible-text.ts";
import { ProjectCell } from "./debris-sections.tsx";
import { FindingDetails } from "./finding-details.tsx";

function place(finding: Finding): string {
  return `${visibleText(finding.resource.cloud)}/${visibleText(finding.resource.region)}`;
}

const SortHeader: FC<{ sort: string; numeric?: boolean; label: string }> = ({ sort, numeric, label }) => (
  <th data-sort={sort} data-numeric={numeric === true ? "true" : "false"}>
    <button type="button">{label}</button>
  </th>
);

const Select: FC<{ id: string; label: string; values: string[] }> = ({ id, label, values }) => (
  <label>
    {label}
    <select id={id}>
      <option value="">all</option>
      {values.map((value) => (
        <option value={value}>{value}</option>
      ))}
    </select>
  </label>
);

const FindingRow: FC<{ finding: Finding }> = ({ finding }) => {
  const { resource } = finding;
  const name = resource.name === null || resource.name === "" ? null : visibleText(resource.name);
  return (
    <tr
      class="finding"
      data-check={visibleText(finding.check)}
      data-severity={finding.severity}
      data-rank={String(severityRank(finding.severity))}
      data-place={place(finding)}
      data-project={visibleText(`${resource.projectId ?? ""} ${resource.projectName ?? ""}`.trim())}
      data-name={name ?? ""}
      data-age={finding.ageSeconds === null ? "" : String(finding.ageSeconds)}
    >
      <td>
        <span class={`sev sev-${finding.severity}`}>{finding.severity}</span>
      </td>
      <td>{visibleText(finding.check)}</td>
      <td>
        {name === null ? <span class="muted">(no name)</span> : <span class="name">{name}</span>}
        <div class="id">
          {resource.type} {visibleText(resource.id)}
        </div>
      </td>
      <td>
        <ProjectCell finding={finding} />
      </td>
      <td>{place(finding)}</td>
      <td class="num">{formatAge(finding.ageSeconds)}</td>
      <td>
        {visibleText(finding.summary)}
        <FindingDetails finding={finding} />
      </td>
    </tr>
  );
};

/** `findings` in the order to show first (worst first); the reader can re-sort and filter. */
export const FindingsTable: FC<{ findings: Finding[] }> = ({ findings }) => {
  const distinct = (values: string[]): string[] => [...new Set(values)].sort();
  return (
    <section>
      <div class="filters">
        <Select
          id="filter-check"
          label="check"
          values={distinct(findings.map((finding) => visibleText(finding.check)))}
        />
        <Select
          id="filter-severity"
          label="severity"
          values={SEVERITIES_WORST_FIRST.filter((severity) =>
            findings.some((finding) => finding.severity === severity),
          )}
        />
        <Select id="filter-place" label="cloud/region" values={distinct(findings.map(place))} />
        <label>
          project
          <input id="filter-project" type="search" placeholder="project id" />
        </label>
        <label>
          search
          <input id="filter-text" type="search" placeholder="name, id, summary…" />
        </label>
        <span class="muted">
          <span id="shown-count">{String(findings.length)}</span> of {String(findings.length)} findings shown
        </span>
      </div>
      <table id="findings">
        <thead>
          <tr>
            <SortHeader sort="rank" numeric label="severity" />
            <SortHeader sort="check" label="check" />
            <SortHeader sort="name" label="resource" />
            <SortHeader sort="project" label="project" />
            <SortHeader sort="place" label="cloud/region" />
            <SortHeader sort="age" numeric label="age" />
            <th>summary</th>
          </tr>
        </thead>
        <tbody>
          {findings.map((finding) => (
            <FindingRow finding={finding} />
          ))}
        </tbody>
      </table>
    </section>
  );
};
