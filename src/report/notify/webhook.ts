// The generic webhook: the digest as JSON, signed with HMAC-SHA256 so the receiver can tell it came from us.

import { createHmac, randomUUID } from "node:crypto";
import type { DeliveryRequest } from "./deliver.ts";
import { describeTarget, type NotificationTarget } from "./notification-target.ts";
import { countBySeverity, type ScanDigest } from "./scan-digest.ts";

export const WEBHOOK_EVENT = "scan.digest";

/** `sha256=<hex>` over the exact body bytes, as GitHub-style receivers verify it. */
export function webhookSignature(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

export function webhookRequest(
  digest: ScanDigest,
  target: Extract<NotificationTarget, { type: "webhook" }>,
): DeliveryRequest {
  const { result } = digest;
  const body = JSON.stringify({
    event: WEBHOOK_EVENT,
    schemaVersion: 1,
    tool: result.tool,
    scan: {
      startedAt: result.startedAt,
      durationMs: result.durationMs,
      clouds: result.clouds,
      openFindings: result.findings.length,
      inconclusive: result.inconclusive,
    },
    counts: { new: countBySeverity(digest.newFindings), resolved: countBySeverity(digest.resolvedFindings) },
    newFindings: digest.newFindings,
    resolvedFindings: digest.resolvedFindings,
  });
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": `stacksweep/${result.tool.version}`,
    "x-stacksweep-event": WEBHOOK_EVENT,
    // The same id on every retry of this delivery, so a receiver can drop duplicates.
    "x-stacksweep-delivery": randomUUID(),
  };
  if (target.secret !== undefined) headers["x-stacksweep-signature"] = webhookSignature(target.secret, body);
  return { method: "POST", url: target.url, headers, body, target: describeTarget(target) };
}
