// Every listing the database source makes, one line each: adding one is adding its file under listings/, its
// resource type in src/inventory, and one line here.
import type { DatabaseListing } from "./database-listing.ts";
import { barbicanContainers, barbicanSecrets } from "./listings/barbican-secrets-and-containers.ts";
import { cinderQuotaUsageDrift } from "./listings/cinder-quota-usage-drift.ts";
import { cinderRowsOfDeletedParents } from "./listings/cinder-rows-of-deleted-parents.ts";
import { glanceImages, glanceImagesUnlisted } from "./listings/glance-images.ts";
import { novaBlockDeviceMappingsOfDeletedVolumes } from "./listings/nova-block-device-mappings-of-deleted-volumes.ts";
import { novaInstanceMappingsUnresolved } from "./listings/nova-instance-mappings-unresolved.ts";
import { keystoneApplicationCredentials } from "./listings/keystone-application-credentials.ts";
import { novaKeyPairs } from "./listings/nova-key-pairs.ts";
import { octaviaAmphoraHealth } from "./listings/octavia-amphora-health.ts";
import {
  octaviaAmphorae,
  octaviaHealthmonitors,
  octaviaL7policies,
  octaviaListeners,
  octaviaLoadbalancers,
  octaviaPools,
} from "./listings/octavia-api-types.ts";
import { octaviaPendingChildren } from "./listings/octavia-pending-children.ts";
import { placementAllocationsOfNoInstance } from "./listings/placement-allocations-of-no-instance.ts";

export const DATABASE_LISTINGS: ReadonlyMap<string, DatabaseListing> = new Map(
  [
    octaviaLoadbalancers,
    octaviaListeners,
    octaviaPools,
    octaviaHealthmonitors,
    octaviaL7policies,
    octaviaAmphorae,
    glanceImages,
    glanceImagesUnlisted,
    octaviaPendingChildren,
    octaviaAmphoraHealth,
    placementAllocationsOfNoInstance,
    cinderRowsOfDeletedParents,
    novaBlockDeviceMappingsOfDeletedVolumes,
    novaInstanceMappingsUnresolved,
    cinderQuotaUsageDrift,
    barbicanSecrets,
    barbicanContainers,
    keystoneApplicationCredentials,
    novaKeyPairs,
  ].map((listing) => [listing.type, listing]),
);
