// The sections every HTML page leads with (the report and the dashboard): what the debris costs, what is critical
// now, and the leftovers of each deleted project with the command that removes them.

import type { FC } from "hono/jsx";
import type { Finding } from "../../findings/finding.ts";
import { formatAge } from "../format-age.ts";
import { formatHoldings, formatResources } from "../format-cost.ts";
import type { DebrisCost, OrphanGroup } from "../summarize-scan.ts";
import { visibleText } from "../visible-text.ts";

/** The headline figure: how many resources the findings name and what they hold. */
export const DebrisHeadline: FC<{ cost: DebrisCost }> = ({ cost }) => (
  <p class="headline" id="debris">
    What the debris costs: <strong>{cost.resources.toLocaleString("en-US")} resources</strong> holding{" "}
    <strong>{formatHoldings(cost)}</strong>
    {cost.byType.length === 0 ? null : <span class="muted"> ({formatResources(cost).join(", ")})</span>}
  </p>
);

/** "acme-web (customers)" above the id, and "project deleted" when Keystone confirmed it gone. */
export const ProjectCell: FC<{ finding: Finding }> = ({ finding }) => {
  const { projectId, projectExists, projectName, domainName } = finding.resource;
  if (projectId === null) return <span class="muted">–</span>;
  return (
    <>
      {projectName === undefined ? null : (
        <div>
          {visibleText(projectName)}
          {domainName === undefined ? null : <span class="muted"> ({visibleText(domainName)})</span>}
        </div>
      )}
      <span class="id">{visibleText(projectId)}</span>
      {projectExists === false ? <div class="deleted">project deleted</div> : null}
    </>
  );
};

/** The critical findings, one line each; `href` links each to its page where there is one (the dashboard). */
export const CriticalNow: FC<{ findings: Finding[]; href?: (finding: Finding) => string }> = ({ findings, href }) =>
  findings.length === 0 ? null : (
    <section id="critical">
      <h2 class="sev-critical">Critical now: {String(findings.length)}</h2>
      <table>
        <thead>
          <tr>
            <th>check</th>
            <th>resource</th>
            <th>project</th>
            <th>cloud/region</th>
            <th class="num">age</th>
          </tr>
        </thead>
        <tbody>
          {findings.map((finding) => {
            const name =
              finding.resource.name === null || finding.resource.name === ""
                ? "(no name)"
                : visibleText(finding.resource.name);
            return (
              <tr>
                <td>{visibleText(finding.check)}</td>
                <td>
                  {href === undefined ? <span class="name">{name}</span> : <a href={href(finding)}>{name}</a>}
                  <div class="id">
                    {finding.resource.type} {visibleText(finding.resource.id)}
                  </div>
                </td>
                <td>
                  <ProjectCell finding={finding} />
                </td>
                <td>
                  {visibleText(finding.resource.cloud)}/{visibleText(finding.resource.region)}
                </td>
                <td class="num">{formatAge(finding.ageSeconds)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );

/** Per deleted project: what its leftovers hold and the one command that removes them. */
export const OrphanGroups: FC<{ groups: OrphanGroup[] }> = ({ groups }) =>
  groups.length === 0 ? null : (
    <section id="orphans">
      <h2>Left by deleted projects: {String(groups.length)}</h2>
      <table>
        <thead>
          <tr>
            <th>project</th>
            <th>cloud/region</th>
            <th class="num">oldest</th>
            <th>holds</th>
            <th>resources</th>
            <th>removed by</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((group) => (
            <tr>
              <td class="id">{visibleText(group.projectId)}</td>
              <td>
                {visibleText(group.cloud)}/{visibleText(group.region)}
              </td>
              <td class="num">{formatAge(group.oldestAgeSeconds)}</td>
              <td>{formatHoldings(group.cost)}</td>
              <td>{formatResources(group.cost).join(", ")}</td>
              <td>
                <code class="command">{visibleText(group.purge)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted">The purge command is a dry run: it prints the plan; add --execute to carry it out.</p>
    </section>
  );

/** What each check's (or each cloud's) resources hold, so the cost can be traced to its source. */
export const CostTable: FC<{
  id: string;
  title: string;
  label: string;
  rows: { label: string; findings: number; cost: DebrisCost }[];
}> = ({ id, title, label, rows }) =>
  rows.length === 0 ? null : (
    <section id={id}>
      <h3>{title}</h3>
      <table>
        <thead>
          <tr>
            <th>{label}</th>
            <th class="num">findings</th>
            <th class="num">resources</th>
            <th>holds</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr>
              <td>{visibleText(row.label)}</td>
              <td class="num">{row.findings.toLocaleString("en-US")}</td>
              <td class="num">{row.cost.resources.toLocaleString("en-US")}</td>
              <td>{formatHoldings(row.cost)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
