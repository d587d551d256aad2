// A time as people read it on a dashboard: "3h ago" (or "in 5m" for the schedule), the exact UTC time on hover.

import type { FC } from "hono/jsx";
import { formatAge } from "../../report/format-age.ts";

export const RelativeTime: FC<{ at: string | null; now: Date }> = ({ at, now }) => {
  if (at === null) return <span class="muted">never</span>;
  const time = Date.parse(at);
  if (Number.isNaN(time)) return <span>{at}</span>;
  const seconds = Math.round((now.getTime() - time) / 1000);
  const exact = new Date(time)
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/u, " UTC");
  const text =
    Math.abs(seconds) < 60 ? "just now" : seconds > 0 ? `${formatAge(seconds)} ago` : `in ${formatAge(-seconds)}`;
  return (
    <time datetime={new Date(time).toISOString()} title={exact}>
      {text}
    </time>
  );
};
