// The remediation vocabulary every check draws from: one builder per action of the remediation registry
// (src/remediation/actions/), naming the action by id with its parameters. The call and whether it is destructive
// are the action's own facts, added when findings are built; `{param}` values are filled in there too.

import type { RemediationStep } from "../check.ts";

type Params = NonNullable<RemediationStep["params"]>;

/** A step of `action`; `then` names, by id, the action that completes it on the same resource. */
export function step(action: string, params?: Params, then?: string): RemediationStep {
  return {
    action,
    ...(params === undefined ? {} : { params }),
    ...(then === undefined ? {} : { then }),
  };
}

export const STEP = {
  volumeDelete: (): RemediationStep => step("volume.delete"),
  volumeForceDelete: (): RemediationStep => step("volume.force-delete"),
  /** Resets the status Cinder records; `then` names the action that completes the fix (e.g. "volume.delete"). */
  volumeResetStatus: (status: string, attachStatus: "attached" | "detached" | null, then?: string): RemediationStep =>
    step("volume.reset-status", attachStatus === null ? { status } : { status, attach_status: attachStatus }, then),
  volumeUnreserve: (): RemediationStep => step("volume.unreserve"),
  volumeRollDetaching: (): RemediationStep => step("volume.roll-detaching"),
  volumeForceDetach: (attachmentId: string): RemediationStep =>
    step("volume.force-detach", { attachment_id: attachmentId }),
  attachmentDelete: (attachmentId: string): RemediationStep =>
    step("attachment.delete", { attachment_id: attachmentId }),

  snapshotDelete: (): RemediationStep => step("snapshot.delete"),
  /** `then`: the action that completes the fix, e.g. "snapshot.delete". */
  snapshotResetStatus: (status: string, then?: string): RemediationStep =>
    step("snapshot.reset-status", { status }, then),
  snapshotForceDelete: (): RemediationStep => step("snapshot.force-delete"),

  backupDelete: (): RemediationStep => step("backup.delete"),
  /** `then`: the action that completes the fix, e.g. "backup.delete". */
  backupResetStatus: (status: string, then?: string): RemediationStep => step("backup.reset-status", { status }, then),
  backupForceDelete: (): RemediationStep => step("backup.force-delete"),

  serverDelete: (): RemediationStep => step("server.delete"),
  serverForceDelete: (): RemediationStep => step("server.force-delete"),
  /** `then`: the action that completes the fix, e.g. "server.delete". */
  serverResetState: (state: "active" | "error", then?: string): RemediationStep =>
    step("server.reset-state", { state }, then),
  loadbalancerFailover: (): RemediationStep => step("loadbalancer.failover"),
  /** Failover of the load balancer an amphora serves (the finding is about the amphora). */
  loadbalancerFailoverOf: (loadbalancerId: string): RemediationStep =>
    step("loadbalancer.failover", { loadbalancer_id: loadbalancerId }),
  loadbalancerDeleteCascade: (): RemediationStep => step("loadbalancer.delete-cascade"),
  /** The opt-in database fix for a load balancer Octavia's API refuses to touch (409 in PENDING_*). */
  loadbalancerDbSetError: (provisioningStatus: string): RemediationStep =>
    step("loadbalancer.db-set-error", { provisioning_status: provisioningStatus }),

  amphoraFailover: (loadbalancerId: string | null): RemediationStep =>
    step("amphora.failover", { loadbalancer_id: loadbalancerId }),
  amphoraDelete: (): RemediationStep => step("amphora.delete"),

  portDelete: (): RemediationStep => step("port.delete"),
  floatingipDelete: (): RemediationStep => step("floatingip.delete"),
  routerDelete: (): RemediationStep => step("router.delete"),
  /** A router interface port is removed through its router, never with DELETE on the port (Neutron answers 409). */
  routerRemoveInterface: (routerId: string): RemediationStep =>
    step("router.remove-interface", { router_id: routerId }),
  networkDelete: (): RemediationStep => step("network.delete"),
  subnetDelete: (): RemediationStep => step("subnet.delete"),
  securityGroupDelete: (): RemediationStep => step("security-group.delete"),
  securityGroupRuleDelete: (): RemediationStep => step("security-group-rule.delete"),
  rbacPolicyDelete: (): RemediationStep => step("rbac-policy.delete"),

  /** Empties a Swift container with bulk delete and deletes it: the plan states what goes (objects and bytes). */
  /** The container's objects and bytes, stated in the plan; null (shown as `{objects}`) in a check's declaration. */
  containerDelete: (
    projectId: string | null,
    container: string | null,
    objects: number | null,
    bytes: number | null,
  ): RemediationStep => step("container.delete", { project_id: projectId, container, objects, bytes }),

  imageDelete: (): RemediationStep => step("image.delete"),
  imageMemberDelete: (imageId: string, memberId: string): RemediationStep =>
    step("image.member-delete", { image_id: imageId, member_id: memberId }),

  allocationDelete: (consumerUuid: string): RemediationStep =>
    step("allocation.delete", { consumer_uuid: consumerUuid }),

  /** An RBD image no service owns, moved to the pool's trash (recoverable with `rbd trash restore`). */
  rbdImageTrashMove: (): RemediationStep => step("rbd-image.trash-move"),

  /** Heat deletes the stack with every resource it created (nested stacks included), in its own dependency order. */
  stackDelete: (stackName: string, stackId: string): RemediationStep =>
    step("stack.delete", { stack_name: stackName, stack_id: stackId }),
  /** Designate deletes the zone with all its recordsets (x-auth-all-projects: true for another project's zone). */
  zoneDelete: (): RemediationStep => step("zone.delete"),
  shareDelete: (): RemediationStep => step("share.delete"),
  shareForceDelete: (): RemediationStep => step("share.force-delete"),
  /** `then`: the action that completes the fix, e.g. "share.delete". */
  shareResetStatus: (status: string, then?: string): RemediationStep => step("share.reset-status", { status }, then),
  shareSnapshotDelete: (): RemediationStep => step("share-snapshot.delete"),
  shareReplicaDelete: (): RemediationStep => step("share-replica.delete"),
  shareNetworkDelete: (): RemediationStep => step("share-network.delete"),

  /** Nothing to call: tell someone. `who` says whom and why ("the project's owner: the tenant's decision"). */
  report: (who: string): RemediationStep => ({ action: "report", call: `none: report to ${who}` }),
} as const;
