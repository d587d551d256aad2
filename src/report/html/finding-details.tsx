// A finding's evidence (the API fields that prove it) and the remediation steps that would fix it: each step's
// `openstack` command where python-openstackclient has one, and its API call.

import type { FC } from "hono/jsx";
import type { RemediationStep } from "../../checks/check.ts";
import type { Finding } from "../../findings/finding.ts";
import { openstackCommand } from "../../remediation/plan/openstack-command.ts";
import { visibleText } from "../visible-text.ts";

export const FindingDetails: FC<{ finding: Finding; open?: boolean }> = ({ finding, open }) => {
  const command = (step: RemediationStep): string | null => openstackCommand(step, finding.resource.id);
  return (
    <details open={open === true}>
      <summary>evidence and remediation</summary>
      <pre>{readableJson(finding.evidence)}</pre>
      {finding.remediation.length === 0 ? (
        <p class="muted">Report only: no automatic remediation.</p>
      ) : (
        <ol>
          {finding.remediation.map((step) => (
            <li>
              <code>{visibleText(step.action)}</code>
              {step.destructive ? <span class="destructive"> destructive</span> : null}
              {command(step) === null ? null : (
                <>
                  <br />
                  <code class="command">{visibleText(command(step) ?? "")}</code>
                </>
              )}
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
};

/** Pretty JSON whose layout newlines stay newlines; JSON already escapes control characters inside strings, and
 * visibleText shows what JSON leaves raw (bidi overrides and the like) line by line. */
function readableJson(value: unknown): string {
  return JSON.stringify(value, null, 2).split("\n").map(visibleText).join("\n");
}
