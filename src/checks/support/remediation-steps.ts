// The remediation vocabulary every check draws from: one builder per action id of the remediation registry, with
// the exact API call an operator would make. `{id}` and `{param}` are filled in by the findings stage.

import type { RemediationStep } from "../check.ts";

type Params = NonNullable<RemediationStep["params"]>;

function step(action: string, destructive: boolean, call: string, params?: Params): RemediationStep {
  return params === undefined ? { action, destructive, call } : { action, destructive, call, params };
}

const volumeAction = (body: string): string => `POST /volumes/{id}/action ${body}`;
const snapshotAction = (body: string): string => `POST /snapshots/{id}/action ${body}`;
const backupAction = (body: string): string => `POST /backups/{id}/action ${body}`;
const serverAction = (body: string): string => `POST /servers/{id}/action ${body}`;

export const STEP = {
  volumeDelete: (): RemediationStep => step("volume.delete", true, "DELETE /volumes/{id}"),
  volumeForceDelete: (): RemediationStep => step("volume.force-delete", true, volumeAction('{"os-force_delete":{}}')),
  /** Resets the status Cinder records; `then` names the call that completes the fix (e.g. the delete it unblocks). */
  volumeResetStatus: (status: string, attachStatus: "attached" | "detached" | null, then?: string): RemediationStep => {
    const body =
      attachStatus === null
        ? `{"os-reset_status":{"status":"${status}"}}`
        : `{"os-reset_status":{"status":"${status}","attach_status":"${attachStatus}"}}`;
    const params: Params = attachStatus === null ? { status } : { status, attach_status: attachStatus };
    return step(
      "volume.reset-status",
      false,
      volumeAction(body) + (then === undefined ? "" : `, then ${then}`),
      params,
    );
  },
  volumeUnreserve: (): RemediationStep => step("volume.unreserve", false, volumeAction('{"os-unreserve":{}}')),
  volumeRollDetaching: (): RemediationStep =>
    step("volume.roll-detaching", false, volumeAction('{"os-roll_detaching":{}}')),
  volumeForceDetach: (attachmentId: string): RemediationStep =>
    step("volume.force-detach", true, volumeAction('{"os-force_detach":{"attachment_id":"{attachment_id}"}}'), {
      attachment_id: attachmentId,
    }),
  attachmentDelete: (attachmentId: string): RemediationStep =>
    step("attachment.delete", true, "DELETE /attachments/{attachment_id} (OpenStack-API-Version: volume 3.27)", {
      attachment_id: attachmentId,
    }),

  snapshotDelete: (): RemediationStep => step("snapshot.delete", true, "DELETE /snapshots/{id}"),
  snapshotResetStatus: (status: string, then?: string): RemediationStep =>
    step(
      "snapshot.reset-status",
      false,
      snapshotAction(`{"os-reset_status":{"status":"${status}"}}`) + (then === undefined ? "" : `, then ${then}`),
      { status },
    ),
  snapshotForceDelete: (): RemediationStep =>
    step("snapshot.force-delete", true, snapshotAction('{"os-force_delete":{}}')),

  backupDelete: (): RemediationStep => step("backup.delete", true, "DELETE /backups/{id}"),
  backupResetStatus: (status: string, then?: string): RemediationStep =>
    step(
      "backup.reset-status",
      false,
      backupAction(`{"os-reset_status":{"status":"${status}"}}`) + (then === undefined ? "" : `, then ${then}`),
      { status },
    ),
  backupForceDelete: (): RemediationStep => step("backup.force-delete", true, backupAction('{"os-force_delete":{}}')),

  serverDelete: (): RemediationStep => step("server.delete", true, "DELETE /servers/{id}"),
  serverForceDelete: (): RemediationStep => step("server.force-delete", true, serverAction('{"forceDelete":null}')),
  serverResetState: (state: "active" | "error", then?: string): RemediationStep =>
    step(
      "server.reset-state",
      false,
      serverAction(`{"os-resetState":{"state":"${state}"}}`) + (then === undefined ? "" : `, then ${then}`),
      { state },
    ),
  loadbalancerFailover: (): RemediationStep =>
    step("loadbalancer.failover", false, "PUT /v2/lbaas/loadbalancers/{id}/failover"),
  /** Failover of the load balancer an amphora serves (the finding is about the amphora). */
  loadbalancerFailoverOf: (loadbalancerId: string): RemediationStep =>
    step("loadbalancer.failover", false, "PUT /v2/lbaas/loadbalancers/{loadbalancer_id}/failover", {
      loadbalancer_id: loadbalancerId,
    }),
  loadbalancerDeleteCascade: (): RemediationStep =>
    step("loadbalancer.delete-cascade", true, "DELETE /v2/lbaas/loadbalancers/{id}?cascade=true"),
  /** The opt-in database fix for a load balancer Octavia's API refuses to touch (409 in PENDING_*). */
  loadbalancerDbSetError: (provisioningStatus: string): RemediationStep =>
    step(
      "loadbalancer.db-set-error",
      false,
      "UPDATE load_balancer SET provisioning_status='ERROR' WHERE id='{id}' AND provisioning_status='{provisioning_status}'",
      { provisioning_status: provisioningStatus },
    ),

  amphoraFailover: (loadbalancerId: string | null): RemediationStep =>
    step("amphora.failover", false, "PUT /v2/octavia/amphorae/{id}/failover", { loadbalancer_id: loadbalancerId }),
  amphoraDelete: (): RemediationStep => step("amphora.delete", true, "DELETE /v2/octavia/amphorae/{id}"),

  portDelete: (): RemediationStep => step("port.delete", true, "DELETE /v2.0/ports/{id}"),
  floatingipDelete: (): RemediationStep => step("floatingip.delete", true, "DELETE /v2.0/floatingips/{id}"),
  routerDelete: (): RemediationStep => step("router.delete", true, "DELETE /v2.0/routers/{id}"),
  /** A router interface port is removed through its router, never with DELETE on the port (Neutron answers 409). */
  routerRemoveInterface: (routerId: string): RemediationStep =>
    step("router.remove-interface", true, 'PUT /v2.0/routers/{router_id}/remove_router_interface {"port_id":"{id}"}', {
      router_id: routerId,
    }),
  networkDelete: (): RemediationStep => step("network.delete", true, "DELETE /v2.0/networks/{id}"),
  subnetDelete: (): RemediationStep => step("subnet.delete", true, "DELETE /v2.0/subnets/{id}"),
  securityGroupDelete: (): RemediationStep => step("security-group.delete", true, "DELETE /v2.0/security-groups/{id}"),
  securityGroupRuleDelete: (): RemediationStep =>
    step("security-group-rule.delete", true, "DELETE /v2.0/security-group-rules/{id}"),
  rbacPolicyDelete: (): RemediationStep => step("rbac-policy.delete", true, "DELETE /v2.0/rbac-policies/{id}"),

  imageDelete: (): RemediationStep => step("image.delete", true, "DELETE /v2/images/{id}"),
  imageMemberDelete: (imageId: string, memberId: string): RemediationStep =>
    step("image.member-delete", true, "DELETE /v2/images/{image_id}/members/{member_id}", {
      image_id: imageId,
      member_id: memberId,
    }),

  allocationDelete: (consumerUuid: string): RemediationStep =>
    step("allocation.delete", true, "DELETE /allocations/{consumer_uuid}", { consumer_uuid: consumerUuid }),

  /** Nothing to call: tell someone. `who` says whom and why ("the project's owner: the tenant's decision"). */
  shareDelete: (): RemediationStep => step("share.delete", true, "DELETE /shares/{id}"),
  shareForceDelete: (): RemediationStep =>
    step("share.force-delete", true, 'POST /shares/{id}/action {"force_delete":null}'),
  shareResetStatus: (status: string, then?: string): RemediationStep =>
    step(
      "share.reset-status",
      false,
      `POST /shares/{id}/action {"reset_status":{"status":"${status}"}}` + (then === undefined ? "" : `, then ${then}`),
      { status },
    ),
  shareSnapshotDelete: (): RemediationStep => step("share-snapshot.delete", true, "DELETE /snapshots/{id}"),
  shareReplicaDelete: (): RemediationStep => step("share-replica.delete", true, "DELETE /share-replicas/{id}"),
  shareNetworkDelete: (): RemediationStep => step("share-network.delete", true, "DELETE /share-networks/{id}"),

  report: (who: string): RemediationStep => step("report", false, `none: report to ${who}`),
} as const;
