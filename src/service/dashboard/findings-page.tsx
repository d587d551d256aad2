// The findings table with its filters (check, severity, project, cloud, region, age, new/open/resolved, text),
// as a GET form so every filtered view is a link an operator can share.

import type { FC } from "hono/jsx";
import { SEVERITIES } from "../../checks/severity.ts";
import { formatAge } from "../../report/format-age.ts";
import { visibleText } from "../../report/visible-text.ts";
import { ProjectCell } from "../../report/html/debris-sections.tsx";
import type { StoredFinding } from "../../store/stored-finding.ts";
import { HorizonLink, type HorizonUrls } from "./horizon-link.tsx";
import { RelativeTime } from "./relative-time.tsx";

export interface FindingsPageProps {
  findings: StoredFinding[];
  total: number;
  checks: string[];
  /** The query as given, to refill the form and build the pager links. */
  query: URLSearchParams;
  offset: number;
  limit: number;
  horizon: HorizonUrls;
  now: Date;
}

export const FindingsPage: FC<FindingsPageProps> = ({
  findings,
  total,
  checks,
  query,
  offset,
  limit,
  horizon,
  now,
}) => {
  const value = (name: string) => query.get(name) ?? "";
  const state = query.get("state") ?? "open";
  const page = (to: number) => {
    const next = new URLSearchParams(query);
    next.set("offset", String(to));
    return `/findings?${next.toString()}`;
  };
  return (
    <>
      <form class="filters" method="get" action="/findings">
        <label>
          check
          <select name="check">
            <option value="">any</option>
            {checks.map((c) => (
              <option value={c} selected={value("check") === c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label>
          severity
          <select name="severity">
            <option value="">any</option>
            {SEVERITIES.map((s) => (
              <option value={s} selected={value("severity") === s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          state
          <select name="state">
            {(["open", "new", "resolved", "all"] as const).map((s) => (
              <option value={s} selected={state === s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          project
          <input name="project" value={value("project")} size={12} />
        </label>
        <label>
          cloud
          <input name="cloud" value={value("cloud")} size={8} />
        </label>
        <label>
          region
          <input name="region" value={value("region")} size={8} />
        </label>
        <label>
          min age
          <input name="minAge" value={value("minAge")} placeholder="7d" size={5} />
        </label>
        <label>
          since
          <input name="since" value={value("since")} placeholder="24h" size={5} />
        </label>
        <label>
          text
          <input name="q" value={value("q")} type="search" />
        </label>
        <button type="submit">Filter</button>
      </form>
      <p class="meta" id="findings-count">
        {total} finding{total === 1 ? "" : "s"}
        {total > findings.length ? `, showing ${offset + 1}–${offset + findings.length}` : ""}
      </p>
      <table id="findings">
        <thead>
          <tr>
            <th>severity</th>
            <th>check</th>
            <th>resource</th>
            <th>project</th>
            <th>cloud / region</th>
            <th>age</th>
            <th>first seen</th>
            <th>last seen</th>
            <th>state</th>
          </tr>
        </thead>
        <tbody>
          {findings.map((f) => (
            <tr data-finding={f.id}>
              <td class={`sev sev-${f.severity}`}>{f.severity}</td>
              <td>{f.check}</td>
              <td>
                <a class="name" href={`/findings/${encodeURIComponent(f.id)}`}>
                  {visibleText(f.resource.name ?? f.resource.id)}
                </a>
                <div class="id">
                  {f.resource.type} {visibleText(f.resource.id)}
                </div>
                <div>{visibleText(f.summary)}</div>
                <HorizonLink horizon={horizon} resource={f.resource} />
              </td>
              <td>
                <ProjectCell finding={f} />
              </td>
              <td>
                {visibleText(f.resource.cloud)} / {visibleText(f.resource.region)}
              </td>
              <td class="num">{formatAge(f.ageSeconds)}</td>
              <td>
                <RelativeTime at={f.openedAt} now={now} />
              </td>
              <td>
                <RelativeTime at={f.lastSeen} now={now} />
              </td>
              <td>
                {f.state === "resolved" ? (
                  <>
                    resolved <RelativeTime at={f.resolvedAt} now={now} />
                  </>
                ) : f.openedAt === f.lastSeen ? (
                  "new"
                ) : (
                  "open"
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="pager">
        {offset > 0 ? <a href={page(Math.max(0, offset - limit))}>previous</a> : null}
        {offset + findings.length < total ? <a href={page(offset + limit)}>next</a> : null}
      </div>
    </>
  );
};
