// Every service module fakecloud serves, one line each. Adding a service is adding its folder and one line here.

import type { ServiceType } from "@stacksweep/names";
import type { ServiceModule } from "../service-module.ts";
import { computeService } from "./compute/index.ts";
import { identityService } from "./identity/index.ts";
import { blockStorageService } from "./block-storage/index.ts";
import { networkService } from "./network/index.ts";
import { loadBalancerService } from "./load-balancer/index.ts";
import { imageService } from "./image/index.ts";
import { placementService } from "./placement/index.ts";
import { objectStoreService } from "./object-store/index.ts";
import { orchestrationService } from "./orchestration/index.ts";
import { dnsService } from "./dns/index.ts";
import { sharedFileSystemService } from "./shared-file-system/index.ts";
import { keyManagerService } from "./key-manager/index.ts";

export const SERVICE_MODULES = new Map<ServiceType, () => ServiceModule>();
SERVICE_MODULES.set("identity", identityService);
SERVICE_MODULES.set("compute", computeService);
SERVICE_MODULES.set("placement", placementService);
SERVICE_MODULES.set("block-storage", blockStorageService);
SERVICE_MODULES.set("network", networkService);
SERVICE_MODULES.set("load-balancer", loadBalancerService);
SERVICE_MODULES.set("image", imageService);
SERVICE_MODULES.set("object-store", objectStoreService);
SERVICE_MODULES.set("orchestration", orchestrationService);
SERVICE_MODULES.set("dns", dnsService);
SERVICE_MODULES.set("shared-file-system", sharedFileSystemService);
SERVICE_MODULES.set("key-manager", keyManagerService);
