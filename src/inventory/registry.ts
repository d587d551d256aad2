// Every resource type stacksweep can list, one line each: adding a type is adding its file and one line here.
import type { DeepSourceId } from "../deep/deep-source.ts";
import type { ResourceType } from "./resource-type.ts";
import type { ResourceTypeId } from "./resource-type-id.ts";
import { identityProject } from "./resource-types/identity-project.ts";
import { identityDomain } from "./resource-types/identity-domain.ts";
import { computeServer } from "./resource-types/compute-server.ts";
import { computeService } from "./resource-types/compute-service.ts";
import { computeHypervisor } from "./resource-types/compute-hypervisor.ts";
import { computeHypervisorDomain } from "./resource-types/compute-hypervisor-domain.ts";
import { blockStorageVolume } from "./resource-types/block-storage-volume.ts";
import { blockStorageAttachment } from "./resource-types/block-storage-attachment.ts";
import { blockStorageSnapshot } from "./resource-types/block-storage-snapshot.ts";
import { blockStorageBackup } from "./resource-types/block-storage-backup.ts";
import { blockStorageService } from "./resource-types/block-storage-service.ts";
import { networkNetwork } from "./resource-types/network-network.ts";
import { networkSubnet } from "./resource-types/network-subnet.ts";
import { networkPort } from "./resource-types/network-port.ts";
import { networkRouter } from "./resource-types/network-router.ts";
import { networkFloatingip } from "./resource-types/network-floatingip.ts";
import { networkSecurityGroup } from "./resource-types/network-security-group.ts";
import { networkSecurityGroupRule } from "./resource-types/network-security-group-rule.ts";
import { networkRbacPolicy } from "./resource-types/network-rbac-policy.ts";
import { networkAgent } from "./resource-types/network-agent.ts";
import { loadBalancerLoadbalancer } from "./resource-types/load-balancer-loadbalancer.ts";
import { loadBalancerListener } from "./resource-types/load-balancer-listener.ts";
import { loadBalancerPool } from "./resource-types/load-balancer-pool.ts";
import { loadBalancerHealthmonitor } from "./resource-types/load-balancer-healthmonitor.ts";
import { loadBalancerL7policy } from "./resource-types/load-balancer-l7policy.ts";
import { loadBalancerAmphora } from "./resource-types/load-balancer-amphora.ts";
import { loadBalancerAmphoraAgent } from "./resource-types/load-balancer-amphora-agent.ts";
import { imageImage } from "./resource-types/image-image.ts";
import { orchestrationStack } from "./resource-types/orchestration-stack.ts";
import { dnsZone } from "./resource-types/dns-zone.ts";
import { dnsRecordset } from "./resource-types/dns-recordset.ts";
import { imageMember } from "./resource-types/image-member.ts";
import { placementResourceProvider } from "./resource-types/placement-resource-provider.ts";
import { placementAllocation } from "./resource-types/placement-allocation.ts";
import { objectStoreContainer } from "./resource-types/object-store-container.ts";
import { keyManagerSecret } from "./resource-types/key-manager-secret.ts";
import { keyManagerContainer } from "./resource-types/key-manager-container.ts";
import { sharedFileSystemShare } from "./resource-types/shared-file-system-share.ts";
import { sharedFileSystemSnapshot } from "./resource-types/shared-file-system-snapshot.ts";
import { sharedFileSystemShareNetwork } from "./resource-types/shared-file-system-share-network.ts";
import { sharedFileSystemShareReplica } from "./resource-types/shared-file-system-share-replica.ts";
import {
  blockStorageRbdBackup,
  blockStorageRbdImage,
  computeRbdImage,
  imageRbdImage,
} from "./resource-types/rbd-images.ts";
import { databaseImageUnlisted } from "./resource-types/database-image-unlisted.ts";
import { databaseLoadbalancerChildPending } from "./resource-types/database-loadbalancer-child-pending.ts";
import { databaseAmphoraHealth } from "./resource-types/database-amphora-health.ts";
import { databaseAllocationOfNoInstance } from "./resource-types/database-allocation-of-no-instance.ts";
import { databaseCinderRowOfDeletedParent } from "./resource-types/database-cinder-row-of-deleted-parent.ts";
import { databaseBlockDeviceMappingOfDeletedVolume } from "./resource-types/database-block-device-mapping-of-deleted-volume.ts";
import { databaseInstanceMappingUnresolved } from "./resource-types/database-instance-mapping-unresolved.ts";
import { databaseCinderQuotaUsageDrift } from "./resource-types/database-cinder-quota-usage-drift.ts";

export const RESOURCE_TYPES: ReadonlyMap<ResourceTypeId, ResourceType> = new Map<ResourceTypeId, ResourceType>([
  [identityProject.id, identityProject],
  [identityDomain.id, identityDomain],
  [computeServer.id, computeServer],
  [computeService.id, computeService],
  [computeHypervisor.id, computeHypervisor],
  [computeHypervisorDomain.id, computeHypervisorDomain],
  [blockStorageVolume.id, blockStorageVolume],
  [blockStorageAttachment.id, blockStorageAttachment],
  [blockStorageSnapshot.id, blockStorageSnapshot],
  [blockStorageBackup.id, blockStorageBackup],
  [blockStorageService.id, blockStorageService],
  [networkNetwork.id, networkNetwork],
  [networkSubnet.id, networkSubnet],
  [networkPort.id, networkPort],
  [networkRouter.id, networkRouter],
  [networkFloatingip.id, networkFloatingip],
  [networkSecurityGroup.id, networkSecurityGroup],
  [networkSecurityGroupRule.id, networkSecurityGroupRule],
  [networkRbacPolicy.id, networkRbacPolicy],
  [networkAgent.id, networkAgent],
  [loadBalancerLoadbalancer.id, loadBalancerLoadbalancer],
  [loadBalancerListener.id, loadBalancerListener],
  [loadBalancerPool.id, loadBalancerPool],
  [loadBalancerHealthmonitor.id, loadBalancerHealthmonitor],
  [loadBalancerL7policy.id, loadBalancerL7policy],
  [loadBalancerAmphora.id, loadBalancerAmphora],
  [loadBalancerAmphoraAgent.id, loadBalancerAmphoraAgent],
  [imageImage.id, imageImage],
  [orchestrationStack.id, orchestrationStack],
  [dnsZone.id, dnsZone],
  [dnsRecordset.id, dnsRecordset],
  [imageMember.id, imageMember],
  [placementResourceProvider.id, placementResourceProvider],
  [placementAllocation.id, placementAllocation],
  [objectStoreContainer.id, objectStoreContainer],
  [keyManagerSecret.id, keyManagerSecret],
  [keyManagerContainer.id, keyManagerContainer],
  [sharedFileSystemShare.id, sharedFileSystemShare],
  [sharedFileSystemSnapshot.id, sharedFileSystemSnapshot],
  [sharedFileSystemShareNetwork.id, sharedFileSystemShareNetwork],
  [sharedFileSystemShareReplica.id, sharedFileSystemShareReplica],
  [blockStorageRbdImage.id, blockStorageRbdImage],
  [computeRbdImage.id, computeRbdImage],
  [imageRbdImage.id, imageRbdImage],
  [blockStorageRbdBackup.id, blockStorageRbdBackup],
  [databaseImageUnlisted.id, databaseImageUnlisted],
  [databaseLoadbalancerChildPending.id, databaseLoadbalancerChildPending],
  [databaseAmphoraHealth.id, databaseAmphoraHealth],
  [databaseAllocationOfNoInstance.id, databaseAllocationOfNoInstance],
  [databaseCinderRowOfDeletedParent.id, databaseCinderRowOfDeletedParent],
  [databaseBlockDeviceMappingOfDeletedVolume.id, databaseBlockDeviceMappingOfDeletedVolume],
  [databaseInstanceMappingUnresolved.id, databaseInstanceMappingUnresolved],
  [databaseCinderQuotaUsageDrift.id, databaseCinderQuotaUsageDrift],
]);

/** The declaration of a type; every id of `RESOURCE_TYPE_IDS` is registered (a test holds that). */
export function resourceType(id: ResourceTypeId): ResourceType {
  const type = RESOURCE_TYPES.get(id);
  if (type === undefined) throw new Error(`resource type ${id} is not registered in src/inventory/registry.ts`);
  return type;
}

/** The sources below the API that listing these types reads (none for API-only types). */
export function deepSourcesOf(types: readonly ResourceTypeId[]): DeepSourceId[] {
  const sources = new Set<DeepSourceId>();
  for (const id of types) {
    const { list } = resourceType(id);
    if (list.kind === "deep") sources.add(list.source);
  }
  return [...sources];
}
