// A Slack-compatible incoming webhook message (Slack, Mattermost, Rocket.Chat): `text` for notifications and
// clients without blocks, and Block Kit sections within Slack's limits.

import type { Finding } from "../../findings/finding.ts";
import type { DeliveryRequest } from "./deliver.ts";
import { describeTarget, type NotificationTarget } from "./notification-target.ts";
import { digestHeadline, findingLine, incompleteNotice, type ScanDigest } from "./scan-digest.ts";

// Block Kit: a section's text is at most 3000 characters, a message at most 50 blocks.
const SECTION_LIMIT = 3000;
const LISTED = 15;

/**
 * Slack's mrkdwn turns `<...>` into links and mentions (`<!channel>`, `<https://x|click>`) and `&` into entities;
 * escaping these three is what Slack documents. `*`, `_`, `~` and backticks at worst change the emphasis.
 */
function mrkdwn(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

function listSection(title: string, findings: Finding[]): object[] {
  if (findings.length === 0) return [];
  const lines = findings.slice(0, LISTED).map((finding) => `• ${mrkdwn(findingLine(finding))}`);
  if (findings.length > LISTED) lines.push(`… and ${findings.length - LISTED} more`);
  let text = `*${title}*\n${lines.join("\n")}`;
  if (text.length > SECTION_LIMIT) text = `${text.slice(0, SECTION_LIMIT - 1)}…`;
  return [{ type: "section", text: { type: "mrkdwn", text } }];
}

export function slackRequest(
  digest: ScanDigest,
  target: Extract<NotificationTarget, { type: "slack" }>,
): DeliveryRequest {
  const headline = digestHeadline(digest);
  const notice = incompleteNotice(digest);
  const blocks = [
    { type: "section", text: { type: "mrkdwn", text: mrkdwn(headline) } },
    ...(notice === ""
      ? []
      : [{ type: "context", elements: [{ type: "mrkdwn", text: `:warning: ${mrkdwn(notice)}` }] }]),
    ...listSection(`New (${digest.newFindings.length})`, digest.newFindings),
    ...listSection(`Resolved (${digest.resolvedFindings.length})`, digest.resolvedFindings),
  ];
  return {
    method: "POST",
    url: target.url,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ text: mrkdwn(notice === "" ? headline : `${headline}. ${notice}`), blocks }),
    target: describeTarget(target),
  };
}
