// The `watch` section of stacksweep.yaml: where Keystone's notifications arrive, and what the orphan manager does
// when a project is deleted. The transport URL holds the bus password: STACKSWEEP_TRANSPORT_URL overrides the file's.

import * as z from "zod";
import { parseDuration } from "../store/parse-duration.ts";
import { parseTransportUrl, TransportUrlError } from "./transport-url.ts";

export const WATCH_POLICIES = ["report", "plan", "purge"] as const;
export type WatchPolicy = (typeof WATCH_POLICIES)[number];

/**
 * A deletion is acknowledged only once its work is done, and RabbitMQ closes a channel whose delivery stays
 * unacknowledged past its consumer timeout (30 min by default): the waits must stay well below it.
 */
export const MAX_WAIT_SECONDS = 600;

const duration = (what: string) =>
  z.string().refine(
    (value) => {
      try {
        return parseDuration(value) <= MAX_WAIT_SECONDS;
      } catch {
        return false;
      }
    },
    `expected a duration like 10s or 5m, at most ${MAX_WAIT_SECONDS / 60} minutes (${what})`,
  );

const transportUrl = z.string().superRefine((value, context) => {
  try {
    parseTransportUrl(value);
  } catch (error) {
    if (!(error instanceof TransportUrlError)) throw error;
    context.addIssue({ code: "custom", message: `expected rabbit://user:pass@host:5672/vhost: ${error.message}` });
  }
});

export const watchSettingsSchema = z
  .strictObject({
    /** `stacksweep serve` runs the orphan manager too (`stacksweep watch` runs it regardless). */
    enabled: z.boolean().default(false),
    /** oslo.messaging's transport_url of the bus Keystone notifies on (STACKSWEEP_TRANSPORT_URL overrides it). */
    transportUrl: transportUrl.optional(),
    /** Keystone's `control_exchange`. */
    exchange: z.string().min(1).default("keystone"),
    /** stacksweep's own durable queue, bound to `notifications.info`: deletions wait in it while stacksweep is down. */
    queue: z.string().min(1).default("stacksweep-orphan-manager"),
    /** TLS towards the bus (with `?ssl=1` in the URL): the CA bundle, a client certificate and key, verification. */
    tls: z
      .strictObject({
        ca: z.string().min(1).optional(),
        cert: z.string().min(1).optional(),
        key: z.string().min(1).optional(),
        verify: z.boolean().default(true),
      })
      .default({ verify: true }),
    /** report: record the project's orphans; plan: also write a purge plan to review; purge: also apply it. */
    policy: z.enum(WATCH_POLICIES).default("report"),
    /** The project is scanned again this long after the event: what a cascading delete created meanwhile. */
    settle: duration("watch.settle").default("10s"),
    /** purge: how long after the deletion the plan is applied (the grace period still counts from the deletion). */
    delay: duration("watch.delay").default("0s"),
    /** plan: where the plans are written. */
    planDirectory: z.string().min(1).default("."),
  })
  .default({
    enabled: false,
    exchange: "keystone",
    queue: "stacksweep-orphan-manager",
    tls: { verify: true },
    policy: "report",
    settle: "10s",
    delay: "0s",
    planDirectory: ".",
  });

export type WatchSettings = z.output<typeof watchSettingsSchema>;
