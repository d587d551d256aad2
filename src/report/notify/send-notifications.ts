// After a scan: sends the digest of new and resolved findings to every configured target, in parallel. Never
// throws: each target's outcome is returned and logged, so a dead webhook cannot fail a scan or stop the service.

import type { Logger } from "../../log/logger.ts";
import { deliver, type DeliveryOptions, type DeliveryOutcome, type DeliveryRequest } from "./deliver.ts";
import { matrixRequest } from "./matrix.ts";
import { describeTarget, type NotificationTarget } from "./notification-target.ts";
import { isUnchanged, type ScanDigest } from "./scan-digest.ts";
import { slackRequest } from "./slack.ts";
import { webhookRequest } from "./webhook.ts";

export interface SendOptions extends DeliveryOptions {
  logger?: Pick<Logger, "info" | "warn">;
}

export type NotificationOutcome = DeliveryOutcome | { target: string; ok: true; skipped: "unchanged" };

function request(digest: ScanDigest, target: NotificationTarget): DeliveryRequest {
  switch (target.type) {
    case "webhook":
      return webhookRequest(digest, target);
    case "slack":
      return slackRequest(digest, target);
    case "matrix":
      return matrixRequest(digest, target);
  }
}

export async function sendNotifications(
  digest: ScanDigest,
  targets: readonly NotificationTarget[],
  options: SendOptions = {},
): Promise<NotificationOutcome[]> {
  const unchanged = isUnchanged(digest);
  return Promise.all(
    targets.map(async (target): Promise<NotificationOutcome> => {
      const label = describeTarget(target);
      if (unchanged && !target.sendWhenUnchanged) return { target: label, ok: true, skipped: "unchanged" };
      let outcome: DeliveryOutcome;
      try {
        outcome = await deliver(request(digest, target), options);
      } catch (error) {
        // deliver() returns its failures; this is a bug of ours, still no reason to crash the caller.
        outcome = {
          target: label,
          ok: false,
          attempts: 0,
          status: null,
          error: `internal error (${error instanceof Error ? error.name : "unknown"})`,
        };
      }
      if (outcome.ok) options.logger?.info({ target: label, attempts: outcome.attempts }, "notification sent");
      else
        options.logger?.warn(
          { target: label, attempts: outcome.attempts, status: outcome.status, error: outcome.error },
          "notification failed",
        );
      return outcome;
    }),
  );
}
