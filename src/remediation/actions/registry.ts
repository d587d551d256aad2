// Every remediation action, one line each: adding an action is adding its file and one line here. Ids are the ones
// findings carry in their remediation steps (src/checks/support/remediation-steps.ts).
import type { Action } from "../action.ts";
import { allocationDelete } from "./allocation-delete.ts";
import { amphoraDelete } from "./amphora-delete.ts";
import { amphoraFailover } from "./amphora-failover.ts";
import { attachmentDelete } from "./attachment-delete.ts";
import { backupDelete } from "./backup-delete.ts";
import { backupForceDelete } from "./backup-force-delete.ts";
import { backupResetStatus } from "./backup-reset-status.ts";
import { containerDelete } from "./container-delete.ts";
import { floatingipDelete } from "./floatingip-delete.ts";
import { imageDelete } from "./image-delete.ts";
import { imageMemberDelete } from "./image-member-delete.ts";
import { loadbalancerDbSetError } from "./loadbalancer-db-set-error.ts";
import { loadbalancerDeleteCascade } from "./loadbalancer-delete-cascade.ts";
import { loadbalancerFailover } from "./loadbalancer-failover.ts";
import { networkDelete } from "./network-delete.ts";
import { portDelete } from "./port-delete.ts";
import { rbacPolicyDelete } from "./rbac-policy-delete.ts";
import { rbdImageTrashMove } from "./rbd-image-trash-move.ts";
import { routerDelete } from "./router-delete.ts";
import { routerRemoveInterface } from "./router-remove-interface.ts";
import { securityGroupDelete } from "./security-group-delete.ts";
import { securityGroupRuleDelete } from "./security-group-rule-delete.ts";
import { serverDelete } from "./server-delete.ts";
import { serverForceDelete } from "./server-force-delete.ts";
import { serverResetState } from "./server-reset-state.ts";
import { shareDelete } from "./share-delete.ts";
import { shareForceDelete } from "./share-force-delete.ts";
import { shareNetworkDelete } from "./share-network-delete.ts";
import { shareReplicaDelete } from "./share-replica-delete.ts";
import { shareResetStatus } from "./share-reset-status.ts";
import { shareSnapshotDelete } from "./share-snapshot-delete.ts";
import { snapshotDelete } from "./snapshot-delete.ts";
import { stackDelete } from "./stack-delete.ts";
import { zoneDelete } from "./zone-delete.ts";
import { snapshotForceDelete } from "./snapshot-force-delete.ts";
import { snapshotResetStatus } from "./snapshot-reset-status.ts";
import { subnetDelete } from "./subnet-delete.ts";
import { volumeDelete } from "./volume-delete.ts";
import { volumeForceDelete } from "./volume-force-delete.ts";
import { volumeForceDetach } from "./volume-force-detach.ts";
import { volumeResetStatus } from "./volume-reset-status.ts";
import { volumeRollDetaching } from "./volume-roll-detaching.ts";
import { volumeUnreserve } from "./volume-unreserve.ts";

export const ACTIONS: ReadonlyMap<string, Action> = new Map<string, Action>([
  [allocationDelete.id, allocationDelete],
  [amphoraDelete.id, amphoraDelete],
  [amphoraFailover.id, amphoraFailover],
  [attachmentDelete.id, attachmentDelete],
  [backupDelete.id, backupDelete],
  [backupForceDelete.id, backupForceDelete],
  [backupResetStatus.id, backupResetStatus],
  [containerDelete.id, containerDelete],
  [floatingipDelete.id, floatingipDelete],
  [imageDelete.id, imageDelete],
  [imageMemberDelete.id, imageMemberDelete],
  [loadbalancerDbSetError.id, loadbalancerDbSetError],
  [loadbalancerDeleteCascade.id, loadbalancerDeleteCascade],
  [loadbalancerFailover.id, loadbalancerFailover],
  [networkDelete.id, networkDelete],
  [portDelete.id, portDelete],
  [rbacPolicyDelete.id, rbacPolicyDelete],
  [rbdImageTrashMove.id, rbdImageTrashMove],
  [routerDelete.id, routerDelete],
  [routerRemoveInterface.id, routerRemoveInterface],
  [securityGroupDelete.id, securityGroupDelete],
  [securityGroupRuleDelete.id, securityGroupRuleDelete],
  [serverDelete.id, serverDelete],
  [serverForceDelete.id, serverForceDelete],
  [serverResetState.id, serverResetState],
  [shareDelete.id, shareDelete],
  [shareForceDelete.id, shareForceDelete],
  [shareNetworkDelete.id, shareNetworkDelete],
  [shareReplicaDelete.id, shareReplicaDelete],
  [shareResetStatus.id, shareResetStatus],
  [shareSnapshotDelete.id, shareSnapshotDelete],
  [snapshotDelete.id, snapshotDelete],
  [stackDelete.id, stackDelete],
  [zoneDelete.id, zoneDelete],
  [snapshotForceDelete.id, snapshotForceDelete],
  [snapshotResetStatus.id, snapshotResetStatus],
  [subnetDelete.id, subnetDelete],
  [volumeDelete.id, volumeDelete],
  [volumeForceDelete.id, volumeForceDelete],
  [volumeForceDetach.id, volumeForceDetach],
  [volumeResetStatus.id, volumeResetStatus],
  [volumeRollDetaching.id, volumeRollDetaching],
  [volumeUnreserve.id, volumeUnreserve],
]);
