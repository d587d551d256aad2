// volume-attached-to-missing-server: Cinder still records an attachment to a server Nova no longer has, so the
// volume cannot be attached elsewhere nor deleted (Cinder refuses, even with force).

import type { Check, Detection, RemediationStep } from "../check.ts";
import { stateSince } from "../../inventory/age.ts";
import { isConfirmedMissing, keyOf, neededRecords } from "../support/inventory-view.ts";
import { objects, text } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";

export const volumeAttachedToMissingServer: Check = {
  id: "volume-attached-to-missing-server",
  title: "Volume attached to a server that does not exist",
  description:
    "Volume attachments whose server is absent from the complete server list and answered 404 to GET /servers/{id} " +
    "(a server of a down cell is never counted as missing).",
  severity: "critical",
  needs: ["block-storage.volume", "compute.server"],
  thresholds: {},
  confirms: [{ type: "compute.server", idsFrom: "attachments[].server_id" }],
  remediation: [
    STEP.attachmentDelete("{attachment_id}"),
    STEP.volumeForceDetach("{attachment_id}"),
    STEP.volumeResetStatus("available", "detached"),
  ],
  run({ inventory }) {
    const detections: Detection[] = [];
    for (const volume of neededRecords(inventory, "block-storage.volume")) {
      const id = keyOf("block-storage.volume", volume);
      if (id === null) continue;
      const attachments = objects(volume, "attachments");
      const gone = attachments.filter((a) => {
        const serverId = text(a, "server_id");
        return serverId !== null && isConfirmedMissing(inventory, "compute.server", serverId);
      });
      if (gone.length === 0) continue;
      const remediation: RemediationStep[] = [];
      for (const attachment of gone) {
        const attachmentId = text(attachment, "attachment_id");
        if (attachmentId !== null)
          remediation.push(STEP.attachmentDelete(attachmentId), STEP.volumeForceDetach(attachmentId));
      }
      // Only when no live attachment remains does the volume become free; otherwise it stays in-use.
      remediation.push(
        gone.length === attachments.length
          ? STEP.volumeResetStatus("available", "detached")
          : STEP.volumeResetStatus("in-use", "attached"),
      );
      const servers = gone.map((a) => text(a, "server_id") ?? "");
      detections.push({
        resourceType: "block-storage.volume",
        resourceId: id,
        summary: `volume attached to deleted server ${servers.join(", ")}`,
        evidence: {
          status: volume["status"],
          attachments: gone.map((a) => ({ attachment_id: a["attachment_id"], server_id: a["server_id"] })),
          serverLookup: "GET /servers/{id} → 404",
        },
        since: stateSince(volume),
        remediation,
      });
    }
    return detections;
  },
};
