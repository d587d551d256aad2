// What `keystone-manage bootstrap` and a deployment leave in every cloud: the default domain, the admin and
// service projects, the admin/member/reader roles (admin implies member implies reader), the roles Octavia's
// policies check (which deployments of Octavia create) and the admin user.

import type { CloudState } from "../../state/cloud-state.ts";
import { newKeystoneId } from "../../state/ids.ts";

export interface BootstrapIds {
  adminProjectId: string;
  serviceProjectId: string;
  adminUserId: string;
}

export function bootstrapIdentity(state: CloudState, adminPassword: string): BootstrapIds {
  const { identity } = state;
  state.collection("identity.domain").insert({
    id: "default",
    name: "Default",
    description: "The default domain",
    enabled: true,
    tags: [],
    options: {},
  });
  const project = (name: string, description: string): string => {
    const id = newKeystoneId();
    state.collection("identity.project").insert({
      id,
      name,
      domain_id: "default",
      description,
      enabled: true,
      parent_id: "default",
      is_domain: false,
      tags: [],
      options: {},
    });
    return id;
  };
  const adminProjectId = project("admin", "Bootstrap project for initializing the cloud.");
  const serviceProjectId = project("service", "");

  const reader = { id: newKeystoneId(), name: "reader", implies: [] };
  const member = { id: newKeystoneId(), name: "member", implies: [reader.id] };
  const admin = { id: newKeystoneId(), name: "admin", implies: [member.id] };
  const service = { id: newKeystoneId(), name: "service", implies: [] };
  for (const role of [reader, member, admin, service]) identity.roles.set(role.id, role);
  // Octavia's default policy grants load balancers to these roles, not to a plain member.
  for (const name of [
    "load-balancer_member",
    "load-balancer_observer",
    "load-balancer_global_observer",
    "load-balancer_admin",
    "load-balancer_quota_admin",
  ]) {
    const id = newKeystoneId();
    identity.roles.set(id, { id, name, implies: [] });
  }

  const adminUserId = newKeystoneId();
  identity.users.set(adminUserId, {
    id: adminUserId,
    name: "admin",
    domainId: "default",
    password: adminPassword,
    enabled: true,
    defaultProjectId: null,
  });
  identity.assign(adminUserId, adminProjectId, admin.id);
  // keystoneauth's reseller_admin_role, as a Swift deployment grants its cloud admin: every account is reachable.
  const resellerAdmin = { id: newKeystoneId(), name: "ResellerAdmin", implies: [] };
  identity.roles.set(resellerAdmin.id, resellerAdmin);
  identity.assign(adminUserId, adminProjectId, resellerAdmin.id);
  return { adminProjectId, serviceProjectId, adminUserId };
}
