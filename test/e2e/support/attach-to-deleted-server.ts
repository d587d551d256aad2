// The state a volume is left in when Nova deleted its server while Cinder was unreachable: the server goes away
// through Nova, then Cinder is given an attachment to it by SQL, as the missed detach would have left it.

import { devcloudSql } from "./devcloud.ts";
import type { RestSession } from "./rest-session.ts";
import { waitFor } from "./wait-for.ts";

export async function attachToDeletedServer(admin: RestSession, serverId: string, volumeId: string): Promise<void> {
  await admin.expect(204, "DELETE", "compute", `/servers/${serverId}`);
  await waitFor(`server ${serverId} deleted`, async () => {
    const show = await admin.request("GET", "compute", `/servers/${serverId}`);
    return show.status === 404 ? { done: true } : { seen: show.status };
  });
  await devcloudSql(
    "INSERT INTO cinder.volume_attachment (created_at, updated_at, deleted, id, volume_id, instance_uuid, " +
      "attached_host, mountpoint, attach_time, attach_mode, attach_status) VALUES (NOW(), NOW(), 0, UUID(), " +
      `'${volumeId}', '${serverId}', 'devcloud', '/dev/vdb', NOW(), 'rw', 'attached'); ` +
      `UPDATE cinder.volumes SET status='in-use', attach_status='attached' WHERE id='${volumeId}';`,
  );
}
