// A finding's evidence (the API fields that prove it) and the remediation steps that would fix it.

import type { FC } from "hono/jsx";
import type { Finding } from "../../findings/finding.ts";
import { visibleText } from "../visible-text.ts";

export const FindingDetails: FC<{ finding: Finding }> = ({ finding }) => (
  <details>
    <summary>evidence and remediation</summary>
    <pre>{visibleText(JSON.stringify(finding.evidence, null, 2))}</pre>
    {finding.remediation.length === 0 ? (
      <p class="muted">Report only: no automatic remediation.</p>
    ) : (
      <ol>
        {finding.remediation.map((step) => (
          <li>
            <code>{visibleText(step.action)}</code>
            {step.destructive ? <span class="destructive"> destructive</span> : null}
            <br />
            <code>{visibleText(step.call)}</code>
            {step.params === undefined ? null : <pre>{visibleText(JSON.stringify(step.params))}</pre>}
          </li>
        ))}
      </ol>
    )}
    <p class="id">finding {finding.id}</p>
  </details>
);
