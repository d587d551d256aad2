// A Matrix room message through the client-server API:
// PUT /_matrix/client/v3/rooms/{roomId}/send/m.room.message/{txnId}, as an `m.notice` (bots' messages) with HTML.

import { createHash } from "node:crypto";
import type { Finding } from "../../findings/finding.ts";
import type { DeliveryRequest } from "./deliver.ts";
import { describeTarget, type NotificationTarget } from "./notification-target.ts";
import { digestHeadline, findingLine, incompleteNotice, type ScanDigest } from "./scan-digest.ts";

const LISTED = 25;

function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

function listed(findings: Finding[]): string[] {
  const lines = findings.slice(0, LISTED).map(findingLine);
  if (findings.length > LISTED) lines.push(`… and ${findings.length - LISTED} more`);
  return lines;
}

export function matrixRequest(
  digest: ScanDigest,
  target: Extract<NotificationTarget, { type: "matrix" }>,
): DeliveryRequest {
  const headline = digestHeadline(digest);
  const notice = incompleteNotice(digest);
  const sections = [
    { title: `New (${digest.newFindings.length})`, lines: listed(digest.newFindings) },
    { title: `Resolved (${digest.resolvedFindings.length})`, lines: listed(digest.resolvedFindings) },
  ].filter((section) => section.lines.length > 0);

  const plain = [
    headline,
    notice,
    ...sections.flatMap((section) => ["", `${section.title}:`, ...section.lines.map((line) => `- ${line}`)]),
  ]
    .filter((line, index) => line !== "" || index > 1)
    .join("\n");
  const html = [
    `<p><strong>${escapeHtml(headline)}</strong></p>`,
    notice === "" ? "" : `<p>⚠️ ${escapeHtml(notice)}</p>`,
    ...sections.map(
      (section) =>
        `<p>${escapeHtml(section.title)}</p><ul>${section.lines.map((line) => `<li>${escapeHtml(line)}</li>`).join("")}</ul>`,
    ),
  ].join("");
  const body = JSON.stringify({
    msgtype: "m.notice",
    body: plain,
    format: "org.matrix.custom.html",
    formatted_body: html,
  });

  // The transaction id makes the PUT idempotent: a retry of the same message is not posted twice.
  const txnId = `stacksweep-${createHash("sha256").update(`${target.roomId}\0${body}`).digest("hex").slice(0, 32)}`;
  const base = target.homeserver.replace(/\/+$/u, "");
  return {
    method: "PUT",
    url: `${base}/_matrix/client/v3/rooms/${encodeURIComponent(target.roomId)}/send/m.room.message/${txnId}`,
    // The header, not the deprecated `access_token` query parameter, which would put the token in access logs.
    headers: { "content-type": "application/json", authorization: `Bearer ${target.accessToken}` },
    body,
    target: describeTarget(target),
  };
}
