// Every service module fakecloud serves, one line each. Adding a service is adding its folder and one line here.

import type { ServiceType } from "../../openstack/service-type.ts";
import type { ServiceModule } from "../service-module.ts";
import { identityService } from "./identity/index.ts";

export const SERVICE_MODULES = new Map<ServiceType, () => ServiceModule>();
SERVICE_MODULES.set("identity", identityService);
