// Where digests go, as written in stacksweep.yaml under `notifications:`. The settings schema embeds this one.

import * as z from "zod";

const httpUrl = z.url({ protocol: /^https?$/u, error: "expected an http:// or https:// URL" });

const common = {
  /** A label for logs; the URL itself is never logged (webhook URLs carry tokens). */
  name: z.string().min(1).exactOptional(),
  /** Send even when a scan brought nothing new and nothing resolved (a daily "still alive"). */
  sendWhenUnchanged: z.boolean().default(false),
};

export const notificationTargetSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("webhook"),
    url: httpUrl,
    /** Key of the `X-Stacksweep-Signature: sha256=<HMAC-SHA256 of the body>` header; no header without it. */
    secret: z.string().min(16, "expected a secret of at least 16 characters").exactOptional(),
    ...common,
  }),
  z.strictObject({ type: z.literal("slack"), url: httpUrl, ...common }),
  z.strictObject({
    type: z.literal("matrix"),
    homeserver: httpUrl,
    roomId: z.string().regex(/^!.+:.+$/u, "expected a room id like !abcdef:example.org"),
    accessToken: z.string().min(1),
    ...common,
  }),
]);

export type NotificationTarget = z.output<typeof notificationTargetSchema>;

/** How a target appears in logs and outcomes: its kind, name and host, never a path, token or secret. */
export function describeTarget(target: NotificationTarget): string {
  const url = target.type === "matrix" ? target.homeserver : target.url;
  const host = URL.canParse(url) ? new URL(url).host : "invalid-url";
  return `${target.type}${target.name === undefined ? "" : ` "${target.name}"`} (${host})`;
}
