// The JSON that `rbd ... --format json` prints (Ceph 16, Pacific), parsed at the boundary: a shape unlike these is
// an error naming the command, never a guess. Fixtures recorded from a real cluster are in test/support/fixtures/ceph/.
import * as z from "zod";

const rbdTime = z.string();

export const lsOutput = z.array(z.string());

/** `rbd ls -l`: one row per image, plus one per snapshot of it (with `snapshot`, `protected` as a string). */
export const lsLongOutput = z.array(
  z.looseObject({
    image: z.string(),
    id: z.string().optional(),
    size: z.number(),
    snapshot: z.string().optional(),
    snapshot_id: z.number().optional(),
    protected: z.string().optional(),
  }),
);

export const infoOutput = z.looseObject({
  name: z.string(),
  id: z.string().optional(),
  size: z.number(),
  snapshot_count: z.number().optional(),
  features: z.array(z.string()).default([]),
  create_timestamp: rbdTime.optional(),
  parent: z.looseObject({ pool: z.string(), image: z.string(), snapshot: z.string() }).optional(),
});

export const statusOutput = z.looseObject({ watchers: z.array(z.looseObject({ address: z.string() })) });

/** `rbd du <image>`: a row per snapshot (with `snapshot`) and one for the image head. */
export const duOutput = z.looseObject({
  images: z.array(
    z.looseObject({
      name: z.string(),
      snapshot: z.string().optional(),
      provisioned_size: z.number(),
      used_size: z.number(),
    }),
  ),
});

export const snapLsOutput = z.array(
  z.looseObject({ id: z.number(), name: z.string(), size: z.number(), protected: z.string(), timestamp: rbdTime }),
);

/** `rbd children --all <image>@<snap>`: the clones of a snapshot, those in the trash too (`trash: true`). */
export const childrenOutput = z.array(
  z.looseObject({
    pool: z.string(),
    pool_namespace: z.string().default(""),
    image: z.string(),
    trash: z.boolean().default(false),
  }),
);

/** `rbd trash ls --long`: `status` is "expired at <time>" or "protected until <time>" (the deferment's end). */
export const trashLsOutput = z.array(
  z.looseObject({ id: z.string(), name: z.string(), source: z.string(), deleted_at: rbdTime, status: z.string() }),
);

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * rbd's times ("Thu Dec  3 09:49:41 2026", ctime's shape, no zone) as ISO: the source runs rbd with TZ=UTC, so
 * they are UTC. Null when the value has another shape.
 */
export function rbdTimeToIso(value: string | undefined): string | null {
  if (value === undefined) return null;
  const found = /^\w{3} (\w{3}) +(\d{1,2}) (\d\d):(\d\d):(\d\d) (\d{4})$/.exec(value.trim());
  if (found === null) return null;
  const [, month, day, hours, minutes, seconds, year] = found;
  const index = MONTHS.indexOf(month!);
  if (index < 0) return null;
  return new Date(
    Date.UTC(Number(year), index, Number(day), Number(hours), Number(minutes), Number(seconds)),
  ).toISOString();
}

/** The end of a trash entry's deferment, from its `status` ("expired at ...", "protected until ..."). */
export function defermentEnd(status: string): string | null {
  const found = /^(?:expired at|protected until) (.+)$/.exec(status.trim());
  return found === null ? null : rbdTimeToIso(found[1]);
}
