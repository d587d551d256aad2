// The `service` section of stacksweep.yaml: where `stacksweep serve` keeps its history, listens and when it scans.
// Dashboard credentials are never in the file: they come from STACKSWEEP_DASHBOARD_TOKEN or
// STACKSWEEP_DASHBOARD_USER / STACKSWEEP_DASHBOARD_PASSWORD.

import { Cron } from "croner";
import * as z from "zod";

const cronExpression = z.string().refine((pattern) => {
  try {
    new Cron(pattern, { paused: true }).stop();
    return true;
  } catch {
    return false;
  }
}, 'expected a cron expression like "0 2 * * *" (minute hour day-of-month month day-of-week)');

const timezone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, "expected an IANA time zone like Europe/Berlin or UTC");

export const serviceSettingsSchema = z
  .strictObject({
    /** A SQLite file or a postgres:// URL; default: the state directory's history.sqlite. */
    store: z.string().min(1).optional(),
    /** HOST:PORT of the dashboard, API and /metrics. */
    listen: z
      .string()
      .regex(/^(\[[0-9a-f:]+\]|[^:\s]+):\d{1,5}$/i, "expected HOST:PORT")
      .default("127.0.0.1:9477"),
    /** When to scan every configured cloud and region (cron syntax); default nightly at 02:00. */
    schedule: cronExpression.default("0 2 * * *"),
    timezone: timezone.optional(),
    /** Horizon's URL per cloud name, for links from the dashboard to each resource's page. */
    horizon: z
      .record(
        z.string(),
        z.url({ protocol: /^https?$/u, error: "expected Horizon's http(s) URL, e.g. https://horizon.example.org/" }),
      )
      .optional(),
  })
  .default({ listen: "127.0.0.1:9477", schedule: "0 2 * * *" });

export type ServiceSettings = z.output<typeof serviceSettingsSchema>;
