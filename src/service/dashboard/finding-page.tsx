// One finding: what and where, its history (first and last seen, each scan that saw it), the evidence and the
// remediation steps (the HTML report's component).

import type { FC } from "hono/jsx";
import { formatAge } from "../../report/format-age.ts";
import { FindingDetails } from "../../report/html/finding-details.tsx";
import { visibleText } from "../../report/visible-text.ts";
import { ProjectCell } from "../../report/html/debris-sections.tsx";
import type { StoredFinding } from "../../store/stored-finding.ts";
import { HorizonLink, type HorizonUrls } from "./horizon-link.tsx";
import { RelativeTime } from "./relative-time.tsx";

export const FindingPage: FC<{
  finding: StoredFinding;
  sightings: { scanId: string; startedAt: string; isNew: boolean }[];
  horizon: HorizonUrls;
  now: Date;
}> = ({ finding, sightings, horizon, now }) => (
  <>
    <p class={`sev sev-${finding.severity}`}>{finding.severity}</p>
    <p>{visibleText(finding.summary)}</p>
    <dl class="facts">
      <dt>check</dt>
      <dd>{finding.check}</dd>
      <dt>resource</dt>
      <dd>
        <span class="name" id="resource-name">
          {visibleText(finding.resource.name ?? "")}
        </span>{" "}
        <span class="id">
          {finding.resource.type} {visibleText(finding.resource.id)}
        </span>{" "}
        <HorizonLink horizon={horizon} resource={finding.resource} />
      </dd>
      <dt>project</dt>
      <dd>
        <ProjectCell finding={finding} />
      </dd>
      <dt>cloud / region</dt>
      <dd>
        {visibleText(finding.resource.cloud)} / {visibleText(finding.resource.region)}
      </dd>
      <dt>age</dt>
      <dd>{formatAge(finding.ageSeconds)}</dd>
      <dt>state</dt>
      <dd>
        {finding.state === "resolved" ? (
          <>
            resolved <RelativeTime at={finding.resolvedAt} now={now} />
          </>
        ) : (
          "open"
        )}
      </dd>
      <dt>first seen</dt>
      <dd>
        <RelativeTime at={finding.firstSeen} now={now} />
      </dd>
      <dt>open since</dt>
      <dd>
        <RelativeTime at={finding.openedAt} now={now} />
      </dd>
      <dt>last seen</dt>
      <dd>
        <RelativeTime at={finding.lastSeen} now={now} /> ({finding.timesSeen} scan{finding.timesSeen === 1 ? "" : "s"})
      </dd>
    </dl>
    <h2>Evidence and remediation</h2>
    <div id="finding-details">
      <FindingDetails finding={finding} open />
    </div>
    <h2>Scans that saw it</h2>
    <ul>
      {sightings.map((s) => (
        <li>
          <RelativeTime at={s.startedAt} now={now} />
          {s.isNew ? " (new)" : ""}
        </li>
      ))}
    </ul>
  </>
);
