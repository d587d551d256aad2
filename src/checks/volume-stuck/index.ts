// volume-stuck: volumes in a transitional status for longer than any healthy operation takes, usually because the
// cinder-volume service that owned the operation died or lost the RPC message.

import type { ApiRecord } from "../../inventory/record-field.ts";
import type { Check, Detection, RemediationStep } from "../check.ts";
import { formatDuration, secondsSince, stateSince } from "../../inventory/age.ts";
import { completeRecords, keyOf, neededRecords } from "../support/inventory-view.ts";
import { objects, pick, text } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";
import { numberThreshold } from "../support/threshold.ts";

/** Cinder's transitional volume statuses (`cinder.objects.fields.VolumeStatus`) that a healthy operation leaves. */
export const VOLUME_TRANSITIONAL_STATUSES: readonly string[] = [
  "creating",
  "attaching",
  "detaching",
  "deleting",
  "reserved",
  "extending",
  "downloading",
  "uploading",
  "retyping",
  "backing-up",
  "restoring-backup",
];

/** The fix depends on what was interrupted: roll back where Cinder can, otherwise reset to what is provable. */
function remediationFor(status: string, attached: boolean): RemediationStep[] {
  const settled = attached
    ? STEP.volumeResetStatus("in-use", "attached")
    : STEP.volumeResetStatus("available", "detached");
  switch (status) {
    case "attaching":
      return [STEP.volumeUnreserve(), STEP.volumeResetStatus("available", "detached")];
    case "reserved":
      // Cinder's unreserve only moves a volume out of `attaching` (cinder/volume/api.py unreserve_volume).
      return [STEP.volumeResetStatus("available", "detached")];
    case "detaching":
      return [STEP.volumeRollDetaching()];
    case "deleting":
      return [
        STEP.volumeResetStatus("error", null, 'POST /volumes/{id}/action {"os-force_delete":{}}'),
        STEP.volumeForceDelete(),
      ];
    case "creating":
    case "downloading":
    case "restoring-backup":
      // The volume never got (all of) its data: nothing on it is worth keeping.
      return [STEP.volumeResetStatus("error", null, "volume.delete")];
    default:
      // extending, uploading, retyping, backing-up: the data is intact; only the status is stale.
      return [settled];
  }
}

/** The cinder-volume service's host is `host@backend`; a volume's host is `host@backend#pool`. */
function serviceHost(volumeHost: string): string {
  const hash = volumeHost.indexOf("#");
  return hash === -1 ? volumeHost : volumeHost.slice(0, hash);
}

export const volumeStuck: Check = {
  id: "volume-stuck",
  title: "Volume stuck in a transitional status",
  description:
    "Volumes creating, attaching, detaching, deleting, reserved, extending, downloading, uploading, retyping, " +
    "backing-up or restoring-backup for longer than the threshold (deleting: a shorter one).",
  severity: "warning",
  needs: ["block-storage.volume"],
  optional: ["block-storage.service"],
  thresholds: { maxAgeSeconds: 3600, deletingMaxAgeSeconds: 1800 },
  thresholdReasons: {
    maxAgeSeconds:
      "Cinder sets no timeout on these states; a create from a large image or a migration takes minutes, and Nova gives an attach at most long_rpc_timeout 1800 s: an hour is stuck",
    deletingMaxAgeSeconds: "a delete on the backend takes seconds to minutes: 30 min is stuck",
  },
  remediation: [
    STEP.volumeUnreserve(),
    STEP.volumeRollDetaching(),
    STEP.volumeResetStatus("error", null),
    STEP.volumeForceDelete(),
  ],
  run(context) {
    const { inventory, now } = context;
    const maxAge = numberThreshold(context, "maxAgeSeconds");
    const deletingMaxAge = numberThreshold(context, "deletingMaxAgeSeconds");
    const services = new Map<string, ApiRecord>();
    for (const service of completeRecords(inventory, "block-storage.service") ?? []) {
      const host = text(service, "host");
      if (host !== null && text(service, "binary") === "cinder-volume") services.set(host, service);
    }
    const detections: Detection[] = [];
    for (const volume of neededRecords(inventory, "block-storage.volume")) {
      const status = text(volume, "status");
      const id = keyOf("block-storage.volume", volume);
      if (id === null || status === null || !VOLUME_TRANSITIONAL_STATUSES.includes(status)) continue;
      const since = stateSince(volume);
      const age = secondsSince(since, now);
      // Unknown age: the volume may have entered the status a second ago.
      if (age === null || age <= (status === "deleting" ? deletingMaxAge : maxAge)) continue;
      const evidence = pick(volume, ["status", "updated_at", "created_at", "os-vol-host-attr:host", "attachments"]);
      const host = text(volume, "os-vol-host-attr:host");
      const service = host === null ? undefined : services.get(serviceHost(host));
      if (service !== undefined) evidence.volumeService = pick(service, ["host", "state", "status", "updated_at"]);
      const down = service !== undefined && text(service, "state") === "down";
      detections.push({
        resourceType: "block-storage.volume",
        resourceId: id,
        summary: `volume stuck in ${status} for ${formatDuration(age)}${down ? ` (its cinder-volume ${text(service, "host") ?? ""} is down)` : ""}`,
        evidence,
        since,
        remediation: remediationFor(status, objects(volume, "attachments").length > 0),
      });
    }
    return detections;
  },
};
