// Every check stacksweep ships, one line each in the order of the findings catalog: adding a check is adding its
// folder and one line here.

import type { Check } from "./check.ts";
import { allocationOrphaned } from "./allocation-orphaned/index.ts";
import { amphoraError } from "./amphora-error/index.ts";
import { amphoraFailoverStopped } from "./amphora-failover-stopped/index.ts";
import { amphoraOrphaned } from "./amphora-orphaned/index.ts";
import { amphoraOutdated } from "./amphora-outdated/index.ts";
import { amphoraServerMissing } from "./amphora-server-missing/index.ts";
import { amphoraDiskFull } from "./amphora-disk-full/index.ts";
import { amphoraAgentUnreachable } from "./amphora-agent-unreachable/index.ts";
import { hypervisorDomainUnknown } from "./hypervisor-domain-unknown/index.ts";
import { instanceDomainMissing } from "./instance-domain-missing/index.ts";
import { instanceHostMismatch } from "./instance-host-mismatch/index.ts";
import { backupError } from "./backup-error/index.ts";
import { backupStuck } from "./backup-stuck/index.ts";
import { clockSkew } from "./clock-skew/index.ts";
import { floatingipUnassociated } from "./floatingip-unassociated/index.ts";
import { imageMemberMissing } from "./image-member-missing/index.ts";
import { imageStuck } from "./image-stuck/index.ts";
import { loadbalancerError } from "./loadbalancer-error/index.ts";
import { loadbalancerStuckPending } from "./loadbalancer-stuck-pending/index.ts";
import { networkResourceError } from "./network-resource-error/index.ts";
import { orphanedResource } from "./orphaned-resource/index.ts";
import { portDeviceMissing } from "./port-device-missing/index.ts";
import { rbacPolicyTargetMissing } from "./rbac-policy-target-missing/index.ts";
import { rbdImageMissing } from "./rbd-image-missing/index.ts";
import { rbdImageOrphaned } from "./rbd-image-orphaned/index.ts";
import { rbdSnapshotOrphanClones } from "./rbd-snapshot-orphan-clones/index.ts";
import { rbdSnapshotOrphaned } from "./rbd-snapshot-orphaned/index.ts";
import { rbdTrashExpired } from "./rbd-trash-expired/index.ts";
import { securityGroupRuleDangling } from "./security-group-rule-dangling/index.ts";
import { securityGroupRuleOpen } from "./security-group-rule-open/index.ts";
import { serverError } from "./server-error/index.ts";
import { serverStuckBuild } from "./server-stuck-build/index.ts";
import { serverStuckTask } from "./server-stuck-task/index.ts";
import { serverVolumeMissing } from "./server-volume-missing/index.ts";
import { serviceDown } from "./service-down/index.ts";
import { credentialOrphaned } from "./credential-orphaned/index.ts";
import { trustOrphaned } from "./trust-orphaned/index.ts";
import { secretOrphaned } from "./secret-orphaned/index.ts";
import { shareError } from "./share-error/index.ts";
import { shareStuck } from "./share-stuck/index.ts";
import { snapshotError } from "./snapshot-error/index.ts";
import { snapshotVolumeMissing } from "./snapshot-volume-missing/index.ts";
import { snapshotStuck } from "./snapshot-stuck/index.ts";
import { volumeAttachStatusMismatch } from "./volume-attach-status-mismatch/index.ts";
import { volumeAttachedToMissingServer } from "./volume-attached-to-missing-server/index.ts";
import { volumeError } from "./volume-error/index.ts";
import { volumeStuck } from "./volume-stuck/index.ts";
import { stackFailed } from "./stack-failed/index.ts";
import { stackStuck } from "./stack-stuck/index.ts";
import { zoneError } from "./zone-error/index.ts";
import { zoneStuckPending } from "./zone-stuck-pending/index.ts";
import { imageUnlisted } from "./image-unlisted/index.ts";
import { loadbalancerChildStuckPending } from "./loadbalancer-child-stuck-pending/index.ts";
import { amphoraHeartbeatStopped } from "./amphora-heartbeat-stopped/index.ts";
import { allocationConsumerGone } from "./allocation-consumer-gone/index.ts";
import { cinderRowParentDeleted } from "./cinder-row-parent-deleted/index.ts";
import { blockDeviceMappingVolumeDeleted } from "./block-device-mapping-volume-deleted/index.ts";
import { instanceMappingUnresolved } from "./instance-mapping-unresolved/index.ts";
import { volumeQuotaUsageDrift } from "./volume-quota-usage-drift/index.ts";

export const CHECKS: ReadonlyMap<string, Check> = new Map<string, Check>([
  [orphanedResource.id, orphanedResource],
  [volumeError.id, volumeError],
  [volumeStuck.id, volumeStuck],
  [stackFailed.id, stackFailed],
  [stackStuck.id, stackStuck],
  [zoneError.id, zoneError],
  [zoneStuckPending.id, zoneStuckPending],
  [volumeAttachedToMissingServer.id, volumeAttachedToMissingServer],
  [volumeAttachStatusMismatch.id, volumeAttachStatusMismatch],
  [serverVolumeMissing.id, serverVolumeMissing],
  [snapshotError.id, snapshotError],
  [snapshotVolumeMissing.id, snapshotVolumeMissing],
  [backupError.id, backupError],
  [snapshotStuck.id, snapshotStuck],
  [backupStuck.id, backupStuck],
  [shareError.id, shareError],
  [shareStuck.id, shareStuck],
  [secretOrphaned.id, secretOrphaned],
  [trustOrphaned.id, trustOrphaned],
  [credentialOrphaned.id, credentialOrphaned],
  [serverError.id, serverError],
  [serverStuckBuild.id, serverStuckBuild],
  [serverStuckTask.id, serverStuckTask],
  [loadbalancerStuckPending.id, loadbalancerStuckPending],
  [loadbalancerError.id, loadbalancerError],
  [amphoraError.id, amphoraError],
  [amphoraFailoverStopped.id, amphoraFailoverStopped],
  [amphoraOrphaned.id, amphoraOrphaned],
  [amphoraServerMissing.id, amphoraServerMissing],
  [amphoraOutdated.id, amphoraOutdated],
  [amphoraDiskFull.id, amphoraDiskFull],
  [amphoraAgentUnreachable.id, amphoraAgentUnreachable],
  [portDeviceMissing.id, portDeviceMissing],
  [floatingipUnassociated.id, floatingipUnassociated],
  [securityGroupRuleDangling.id, securityGroupRuleDangling],
  [securityGroupRuleOpen.id, securityGroupRuleOpen],
  [rbacPolicyTargetMissing.id, rbacPolicyTargetMissing],
  [imageMemberMissing.id, imageMemberMissing],
  [imageStuck.id, imageStuck],
  [allocationOrphaned.id, allocationOrphaned],
  [serviceDown.id, serviceDown],
  [networkResourceError.id, networkResourceError],
  [hypervisorDomainUnknown.id, hypervisorDomainUnknown],
  [instanceDomainMissing.id, instanceDomainMissing],
  [instanceHostMismatch.id, instanceHostMismatch],
  [rbdImageOrphaned.id, rbdImageOrphaned],
  [rbdImageMissing.id, rbdImageMissing],
  [rbdSnapshotOrphaned.id, rbdSnapshotOrphaned],
  [rbdSnapshotOrphanClones.id, rbdSnapshotOrphanClones],
  [rbdTrashExpired.id, rbdTrashExpired],
  // Below the API: the services' own databases (--deep database).
  [imageUnlisted.id, imageUnlisted],
  [loadbalancerChildStuckPending.id, loadbalancerChildStuckPending],
  [amphoraHeartbeatStopped.id, amphoraHeartbeatStopped],
  [allocationConsumerGone.id, allocationConsumerGone],
  [cinderRowParentDeleted.id, cinderRowParentDeleted],
  [blockDeviceMappingVolumeDeleted.id, blockDeviceMappingVolumeDeleted],
  [instanceMappingUnresolved.id, instanceMappingUnresolved],
  [volumeQuotaUsageDrift.id, volumeQuotaUsageDrift],
  [clockSkew.id, clockSkew],
]);
