// Creates real resources through the public APIs, the way a tenant would: a project with its own user, then
// networks, servers, volumes, load balancers and images inside it. Works against the devcloud and fakecloud alike,
// so both clouds can be seeded with the same requests.
import * as z from "zod";
import { RestSession } from "./rest-session.ts";
import { waitFor } from "./wait-for.ts";

const idOf = (key: string) => z.object({ [key]: z.object({ id: z.string() }) });
const idIn = (body: unknown, key: string): string => {
  const parsed = idOf(key).parse(body);
  return parsed[key]!.id;
};
const rolesSchema = z.object({ roles: z.array(z.object({ id: z.string(), name: z.string() })) });
const securityGroupsSchema = z.object({ security_groups: z.array(z.object({ id: z.string() })) });
const networksSchema = z.object({ networks: z.array(z.object({ id: z.string(), name: z.string() })) });
const flavorsSchema = z.object({ flavors: z.array(z.object({ id: z.string(), name: z.string() })) });
const statusOf = (key: string) => z.object({ [key]: z.object({ status: z.string() }) });
const zoneStateSchema = z.object({ id: z.string(), status: z.string(), action: z.string() });
/** Manila reads only its own version header; the microversion stacksweep lists with. */
const MANILA_VERSION = { "X-OpenStack-Manila-API-Version": "2.73" };
const lbStatusSchema = z.object({ loadbalancer: z.object({ provisioning_status: z.string() }) });

export const PUBLIC_NETWORK = "public";
const PUBLIC_CIDR = "203.0.113.0/24";

/** The external network every project's routers and floating IPs use, created by the admin when missing. */
export async function ensurePublicNetwork(admin: RestSession): Promise<string> {
  const existing = networksSchema.parse(await admin.get("network", `/v2.0/networks?name=${PUBLIC_NETWORK}`));
  if (existing.networks[0]) return existing.networks[0].id;
  const network = await admin.expect(201, "POST", "network", "/v2.0/networks", {
    body: { network: { name: PUBLIC_NETWORK, "router:external": true, shared: true } },
  });
  const networkId = idIn(network.body, "network");
  await admin.expect(201, "POST", "network", "/v2.0/subnets", {
    body: {
      subnet: {
        name: `${PUBLIC_NETWORK}-subnet`,
        network_id: networkId,
        ip_version: 4,
        cidr: PUBLIC_CIDR,
        enable_dhcp: false,
        gateway_ip: "203.0.113.1",
      },
    },
  });
  return networkId;
}

/** The smallest flavor, created by the admin when the cloud has none. */
export async function ensureFlavor(admin: RestSession): Promise<string> {
  const flavors = flavorsSchema.parse(await admin.get("compute", "/flavors"));
  const tiny = flavors.flavors.find((f) => f.name === "m1.tiny") ?? flavors.flavors[0];
  if (tiny) return tiny.id;
  const created = await admin.expect(200, "POST", "compute", "/flavors", {
    body: { flavor: { name: "m1.tiny", ram: 512, vcpus: 1, disk: 1, id: "1" } },
  });
  return idIn(created.body, "flavor");
}

export class ProjectBuilder {
  /** How to remove what was created, newest first at cleanup: keeps a long-lived devcloud from filling up. */
  private readonly undo: { what: string; run: () => Promise<unknown> }[] = [];

  private constructor(
    readonly admin: RestSession,
    /** The project's own user, scoped to it: what it creates is owned by the project. */
    readonly user: RestSession,
    readonly projectId: string,
    readonly name: string,
  ) {}

  /** A new project with a user holding `member` (and Octavia's `load-balancer_member` where that role exists). */
  static async create(admin: RestSession, name: string): Promise<ProjectBuilder> {
    const project = await admin.expect(201, "POST", "identity", "/projects", {
      body: { project: { name, domain_id: "default", description: "stacksweep e2e" } },
    });
    const projectId = idIn(project.body, "project");
    const password = `${name}-password`;
    const user = await admin.expect(201, "POST", "identity", "/users", {
      body: { user: { name: `${name}-user`, password, domain_id: "default", default_project_id: projectId } },
    });
    const userId = idIn(user.body, "user");
    const roles = rolesSchema.parse(await admin.get("identity", "/roles"));
    for (const wanted of ["member", "load-balancer_member"]) {
      const role = roles.roles.find((r) => r.name === wanted);
      if (!role) continue;
      await admin.expect([204, 201], "PUT", "identity", `/projects/${projectId}/users/${userId}/roles/${role.id}`);
    }
    const session = await RestSession.login(`${admin.name}:${name}`, {
      authUrl: admin.authUrl,
      username: `${name}-user`,
      password,
      projectName: name,
    });
    const builder = new ProjectBuilder(admin, session, projectId, name);
    // Last of all: Neutron makes a project's default security group on its first network call and keeps it when
    // Keystone deletes the project. Left there, every run added a deleted project's group and rules to the kept
    // devcloud, and every later scan (and the devcloud benchmark) read and confirmed more of them.
    builder.undo.push({
      what: "default security group",
      run: async () => {
        const { security_groups: groups } = securityGroupsSchema.parse(
          await admin.get("network", `/v2.0/security-groups?project_id=${projectId}`),
        );
        const answers = await Promise.all(
          groups.map((group) => admin.request("DELETE", "network", `/v2.0/security-groups/${group.id}`)),
        );
        return answers.find((answer) => answer.status >= 400 && answer.status !== 404) ?? { status: 204 };
      },
    });
    builder.undo.push({ what: "project", run: () => admin.request("DELETE", "identity", `/projects/${projectId}`) });
    builder.undo.push({ what: "user", run: () => admin.request("DELETE", "identity", `/users/${userId}`) });
    return builder;
  }

  /** Builds in the admin's own project, as the admin: no project or user is created (nor removed at cleanup). */
  static forAdmin(admin: RestSession, name: string): ProjectBuilder {
    return new ProjectBuilder(admin, admin, admin.projectId, name);
  }

  async deleteProject(): Promise<void> {
    await this.admin.expect(204, "DELETE", "identity", `/projects/${this.projectId}`);
  }

  /**
   * Deletes what this builder created, newest first, as the admin (the project may be gone already). Best effort:
   * a resource a test already broke may refuse; what remains is named in the returned list.
   */
  async cleanup(): Promise<string[]> {
    // A delete can be refused while an earlier one is still settling (a volume whose server is going away):
    // those are tried again, up to three rounds.
    let pending = [...this.undo].reverse();
    for (let round = 0; round < 3 && pending.length > 0; round++) {
      const refused: typeof pending = [];
      for (const step of pending) {
        try {
          const answer = (await step.run()) as { status?: number } | undefined;
          if (answer?.status !== undefined && answer.status >= 400 && answer.status !== 404) refused.push(step);
        } catch {
          refused.push(step);
        }
      }
      pending = refused;
    }
    this.undo.length = 0;
    return pending.map((step) => step.what);
  }

  /** With `untilGone`, the delete waits until a GET of the same path answers 404 (deletes that finish later). */
  private remember(
    what: string,
    service: string,
    path: string,
    untilGone = false,
    headers: Record<string, string> = {},
  ): void {
    this.undo.push({
      what,
      run: async () => {
        const answer = await this.admin.request("DELETE", service, path, { headers });
        if (untilGone && answer.status < 300) {
          await waitFor(`${what} deleted`, async () => {
            const show = await this.admin.request("GET", service, path, { headers });
            return show.status === 404 ? { done: true } : { seen: show.status };
          });
        }
        return answer;
      },
    });
  }

  async network(name: string): Promise<string> {
    const response = await this.user.expect(201, "POST", "network", "/v2.0/networks", { body: { network: { name } } });
    const id = idIn(response.body, "network");
    this.remember(`network ${name}`, "network", `/v2.0/networks/${id}`);
    return id;
  }

  async subnet(name: string, networkId: string, cidr: string): Promise<string> {
    const response = await this.user.expect(201, "POST", "network", "/v2.0/subnets", {
      body: { subnet: { name, network_id: networkId, ip_version: 4, cidr } },
    });
    const id = idIn(response.body, "subnet");
    this.remember(`subnet ${name}`, "network", `/v2.0/subnets/${id}`);
    return id;
  }

  async router(name: string, externalNetworkId: string, subnetId?: string): Promise<string> {
    const response = await this.user.expect(201, "POST", "network", "/v2.0/routers", {
      body: { router: { name, external_gateway_info: { network_id: externalNetworkId } } },
    });
    const routerId = idIn(response.body, "router");
    this.remember(`router ${name}`, "network", `/v2.0/routers/${routerId}`);
    if (subnetId) {
      this.undo.push({
        what: `router ${name} interface`,
        run: () =>
          this.admin.request("PUT", "network", `/v2.0/routers/${routerId}/remove_router_interface`, {
            body: { subnet_id: subnetId },
          }),
      });
      await this.user.expect(200, "PUT", "network", `/v2.0/routers/${routerId}/add_router_interface`, {
        body: { subnet_id: subnetId },
      });
    }
    return routerId;
  }

  async port(name: string, networkId: string, extra: Record<string, unknown> = {}): Promise<string> {
    const response = await this.user.expect(201, "POST", "network", "/v2.0/ports", {
      body: { port: { name, network_id: networkId, ...extra } },
    });
    const id = idIn(response.body, "port");
    this.remember(`port ${name}`, "network", `/v2.0/ports/${id}`);
    return id;
  }

  async floatingIp(externalNetworkId: string, portId?: string): Promise<string> {
    const response = await this.user.expect(201, "POST", "network", "/v2.0/floatingips", {
      body: { floatingip: { floating_network_id: externalNetworkId, ...(portId ? { port_id: portId } : {}) } },
    });
    const id = idIn(response.body, "floatingip");
    this.remember("floating IP", "network", `/v2.0/floatingips/${id}`);
    return id;
  }

  async securityGroup(name: string): Promise<string> {
    const response = await this.user.expect(201, "POST", "network", "/v2.0/security-groups", {
      body: { security_group: { name, description: "stacksweep e2e" } },
    });
    const id = idIn(response.body, "security_group");
    this.remember(`security group ${name}`, "network", `/v2.0/security-groups/${id}`);
    return id;
  }

  async securityGroupRule(securityGroupId: string, port: number, remoteIpPrefix: string): Promise<string> {
    const response = await this.user.expect(201, "POST", "network", "/v2.0/security-group-rules", {
      body: {
        security_group_rule: {
          security_group_id: securityGroupId,
          direction: "ingress",
          ethertype: "IPv4",
          protocol: "tcp",
          port_range_min: port,
          port_range_max: port,
          remote_ip_prefix: remoteIpPrefix,
        },
      },
    });
    return idIn(response.body, "security_group_rule");
  }

  /** An image with 1 KiB of data, so that it becomes `active` and can boot a server. */
  /** An active image of 1 KiB; `store` names a Glance store other than the default (multi-store: `rbd`). */
  async image(
    name: string,
    visibility: "private" | "shared" | "community" = "private",
    store?: string,
  ): Promise<string> {
    const response = await this.user.expect(201, "POST", "image", "/v2/images", {
      body: { name, disk_format: "raw", container_format: "bare", visibility },
    });
    const imageId = z.object({ id: z.string() }).parse(response.body).id;
    this.remember(`image ${name}`, "image", `/v2/images/${imageId}`);
    await this.user.expect(204, "PUT", "image", `/v2/images/${imageId}/file`, {
      body: undefined,
      headers: {
        "Content-Type": "application/octet-stream",
        ...(store === undefined ? {} : { "X-Image-Meta-Store": store }),
      },
      rawBody: new Uint8Array(1024),
    });
    await waitFor(`image ${name} active`, async () => {
      const status = z
        .object({ status: z.string() })
        .parse(await this.user.get("image", `/v2/images/${imageId}`)).status;
      return status === "active" ? { done: true } : { seen: status };
    });
    return imageId;
  }

  /** An available volume of 1 GiB; `availabilityZone` picks the Cinder backend of that zone (`ceph`: the RBD one). */
  async volume(name: string, availabilityZone?: string): Promise<string> {
    const body = {
      volume: { name, size: 1, ...(availabilityZone === undefined ? {} : { availability_zone: availabilityZone }) },
    };
    let response = await this.user.request("POST", "block-storage", "/volumes", { body });
    // cinder-api caches the zones it knows (az_cache_duration) and refreshes them when a request names another: a
    // zone whose backend started since is refused once.
    if (response.status === 400 && availabilityZone !== undefined && response.text.includes("vailability zone")) {
      response = await this.user.request("POST", "block-storage", "/volumes", { body });
    }
    if (response.status !== 202) {
      throw new Error(`POST /volumes answered ${response.status}, expected 202: ${response.text.slice(0, 500)}`);
    }
    const volumeId = idIn(response.body, "volume");
    this.remember(`volume ${name}`, "block-storage", `/volumes/${volumeId}`);
    await this.waitStatus("block-storage", `/volumes/${volumeId}`, "volume", ["available"]);
    return volumeId;
  }

  async server(name: string, flavorId: string, imageId: string, networkId: string): Promise<string> {
    const response = await this.user.expect(202, "POST", "compute", "/servers", {
      body: { server: { name, flavorRef: flavorId, imageRef: imageId, networks: [{ uuid: networkId }] } },
    });
    const serverId = idIn(response.body, "server");
    this.undo.push({ what: `server ${name}`, run: () => this.deleteServerAndWait(serverId) });
    await this.waitStatus("compute", `/servers/${serverId}`, "server", ["ACTIVE"], 180_000);
    return serverId;
  }

  /**
   * One of each resource a project is billed for, wired as a tenant wires them: a network and subnet with a router to
   * the public network, an image, a port with a floating IP, a security group with one rule, a server and a volume.
   * Deleting the project in Keystone then leaves every one of them orphaned.
   */
  async fullProject(
    publicNetworkId: string,
    flavorId: string,
    options: { cidr: string; rule: { port: number; remoteIpPrefix: string } },
  ): Promise<{ subnet: string; rule: string; server: string; volume: string }> {
    const network = await this.network(`${this.name}-net`);
    const subnet = await this.subnet(`${this.name}-subnet`, network, options.cidr);
    // The floating IP needs a router from its subnet to the public network.
    await this.router(`${this.name}-router`, publicNetworkId, subnet);
    const image = await this.image(`${this.name}-image`);
    const port = await this.port(`${this.name}-port`, network);
    await this.floatingIp(publicNetworkId, port);
    const group = await this.securityGroup(`${this.name}-sg`);
    const rule = await this.securityGroupRule(group, options.rule.port, options.rule.remoteIpPrefix);
    const [server, volume] = await Promise.all([
      this.server(`${this.name}-server`, flavorId, image, network),
      this.volume(`${this.name}-volume`),
    ]);
    return { subnet, rule, server, volume };
  }

  /** Attaches through Nova (which reserves and attaches in Cinder), then waits until Cinder says `in-use`. */
  async attachVolume(serverId: string, volumeId: string): Promise<void> {
    await this.user.expect(200, "POST", "compute", `/servers/${serverId}/os-volume_attachments`, {
      body: { volumeAttachment: { volumeId } },
    });
    await this.waitStatus("block-storage", `/volumes/${volumeId}`, "volume", ["in-use"]);
  }

  async loadBalancer(name: string, subnetId: string): Promise<string> {
    const response = await this.user.expect(201, "POST", "load-balancer", "/v2/lbaas/loadbalancers", {
      body: { loadbalancer: { name, vip_subnet_id: subnetId } },
    });
    const lbId = idIn(response.body, "loadbalancer");
    this.remember(`load balancer ${name}`, "load-balancer", `/v2/lbaas/loadbalancers/${lbId}?cascade=true`);
    await waitFor(
      `load balancer ${name} ACTIVE`,
      async () => {
        const body = lbStatusSchema.parse(await this.user.get("load-balancer", `/v2/lbaas/loadbalancers/${lbId}`));
        const status = body.loadbalancer.provisioning_status;
        if (status === "ERROR") throw new Error(`load balancer ${name} went to ERROR`);
        return status === "ACTIVE" ? { done: true } : { seen: status };
      },
      180_000,
      2_000,
    );
    return lbId;
  }

  async rbacPolicy(networkId: string, targetProjectId: string): Promise<string> {
    const response = await this.user.expect(201, "POST", "network", "/v2.0/rbac-policies", {
      body: {
        rbac_policy: {
          object_type: "network",
          object_id: networkId,
          action: "access_as_shared",
          target_tenant: targetProjectId,
        },
      },
    });
    const id = idIn(response.body, "rbac_policy");
    this.remember("rbac policy", "network", `/v2.0/rbac-policies/${id}`);
    return id;
  }

  async imageMember(imageId: string, memberProjectId: string): Promise<void> {
    await this.user.expect(200, "POST", "image", `/v2/images/${imageId}/members`, {
      body: { member: memberProjectId },
    });
  }

  async snapshot(name: string, volumeId: string): Promise<string> {
    const response = await this.user.expect(202, "POST", "block-storage", "/snapshots", {
      body: { snapshot: { name, volume_id: volumeId, force: true } },
    });
    const id = idIn(response.body, "snapshot");
    this.remember(`snapshot ${name}`, "block-storage", `/snapshots/${id}`, true);
    await this.waitStatus("block-storage", `/snapshots/${id}`, "snapshot", ["available"]);
    return id;
  }

  /** A Heat stack of the given resources (none: it is CREATE_COMPLETE as soon as the engine has it). */
  async stack(name: string, resources: Record<string, unknown> = {}): Promise<string> {
    const response = await this.user.expect(201, "POST", "orchestration", "/stacks", {
      body: { stack_name: name, template: { heat_template_version: "2018-08-31", resources } },
    });
    const id = idIn(response.body, "stack");
    // Not until gone: Heat shows a deleted stack by id, as DELETE_COMPLETE, long after.
    this.remember(`stack ${name}`, "orchestration", `/stacks/${name}/${id}`);
    await waitFor(`stack ${name} CREATE_COMPLETE`, async () => {
      const { stack_status } = z
        .object({ stack: z.object({ stack_status: z.string() }) })
        .parse(await this.user.get("orchestration", `/stacks/${name}/${id}`)).stack;
      if (stack_status.endsWith("_FAILED")) throw new Error(`stack ${name} went to ${stack_status}`);
      return stack_status === "CREATE_COMPLETE" ? { done: true } : { seen: stack_status };
    });
    return id;
  }

  /**
   * A Designate zone, answered PENDING/CREATE (202) and then made ACTIVE by the worker; it is deleted with its
   * recordsets. The owner reads its own zone without `x-auth-all-projects`.
   */
  async zone(name: string): Promise<string> {
    const response = await this.user.expect(202, "POST", "dns", "/v2/zones", {
      body: { name, email: `hostmaster@${name.slice(0, -1)}` },
    });
    const created = zoneStateSchema.parse(response.body);
    if (created.status !== "PENDING" || created.action !== "CREATE") {
      throw new Error(`zone ${name} was answered ${created.status}/${created.action}, expected PENDING/CREATE`);
    }
    this.remember(`zone ${name}`, "dns", `/v2/zones/${created.id}`, true);
    await this.waitDesignate(`/v2/zones/${created.id}`);
    return created.id;
  }

  async recordset(zoneId: string, name: string, type: string, records: readonly string[]): Promise<string> {
    const response = await this.user.expect(202, "POST", "dns", `/v2/zones/${zoneId}/recordsets`, {
      body: { name, type, records },
    });
    const created = zoneStateSchema.parse(response.body);
    if (created.status !== "PENDING" || created.action !== "CREATE") {
      throw new Error(`recordset ${name} was answered ${created.status}/${created.action}, expected PENDING/CREATE`);
    }
    await this.waitDesignate(`/v2/zones/${zoneId}/recordsets/${created.id}`);
    return created.id;
  }

  /** A Manila share network (answered 200, `active` at once). */
  async shareNetwork(name: string): Promise<string> {
    const response = await this.user.expect(200, "POST", "shared-file-system", "/share-networks", {
      body: { share_network: { name } },
      headers: MANILA_VERSION,
    });
    const id = idIn(response.body, "share_network");
    this.remember(`share network ${name}`, "shared-file-system", `/share-networks/${id}`, false, MANILA_VERSION);
    return id;
  }

  /** A 1 GiB NFS share of the given share type (answered 200 `creating`, then `available`). */
  async share(name: string, shareType = "default"): Promise<string> {
    const response = await this.user.expect(200, "POST", "shared-file-system", "/shares", {
      body: { share: { name, share_proto: "NFS", size: 1, share_type: shareType } },
      headers: MANILA_VERSION,
    });
    const id = idIn(response.body, "share");
    this.remember(`share ${name}`, "shared-file-system", `/shares/${id}`, true, MANILA_VERSION);
    await this.waitStatus("shared-file-system", `/shares/${id}`, "share", ["available"], 120_000, MANILA_VERSION);
    return id;
  }

  /** A snapshot of a share (answered 202 `creating`, then `available`); Manila refuses to delete a share with one. */
  async shareSnapshot(name: string, shareId: string): Promise<string> {
    const response = await this.user.expect(202, "POST", "shared-file-system", "/snapshots", {
      body: { snapshot: { name, share_id: shareId } },
      headers: MANILA_VERSION,
    });
    const id = idIn(response.body, "snapshot");
    this.remember(`share snapshot ${name}`, "shared-file-system", `/snapshots/${id}`, true, MANILA_VERSION);
    await this.waitStatus("shared-file-system", `/snapshots/${id}`, "snapshot", ["available"], 120_000, MANILA_VERSION);
    return id;
  }

  /** A replica of a share whose type replicates (answered 202 `creating`, then `available`). */
  async shareReplica(shareId: string): Promise<string> {
    const response = await this.user.expect(202, "POST", "shared-file-system", "/share-replicas", {
      body: { share_replica: { share_id: shareId } },
      headers: MANILA_VERSION,
    });
    const id = idIn(response.body, "share_replica");
    // Below 2.56 replicas are experimental: without the version header Manila neither deletes nor shows one.
    this.remember(`share replica of ${shareId}`, "shared-file-system", `/share-replicas/${id}`, true, MANILA_VERSION);
    await this.waitStatus(
      "shared-file-system",
      `/share-replicas/${id}`,
      "share_replica",
      ["available"],
      120_000,
      MANILA_VERSION,
    );
    return id;
  }

  private async waitDesignate(path: string): Promise<void> {
    await waitFor(`${path} ACTIVE`, async () => {
      const { status } = zoneStateSchema.parse(await this.user.get("dns", path));
      if (status === "ERROR") throw new Error(`${path} went to ERROR`);
      return status === "ACTIVE" ? { done: true } : { seen: status };
    });
  }

  private async deleteServerAndWait(serverId: string): Promise<{ status: number }> {
    const answer = await this.admin.request("DELETE", "compute", `/servers/${serverId}`);
    if (answer.status !== 204) return answer;
    // Its ports and volumes are released only once it is gone.
    await waitFor(`server ${serverId} deleted`, async () => {
      const show = await this.admin.request("GET", "compute", `/servers/${serverId}`);
      return show.status === 404 ? { done: true } : { seen: show.status };
    });
    return answer;
  }

  private async waitStatus(
    service: string,
    path: string,
    key: string,
    wanted: readonly string[],
    timeoutMs = 120_000,
    headers: Record<string, string> = {},
  ): Promise<void> {
    await waitFor(
      `${key} ${path} ${wanted.join("|")}`,
      async () => {
        const status = (
          statusOf(key).parse(await this.user.get(service, path, headers)) as Record<string, { status: string }>
        )[key]!.status;
        if (status.toLowerCase() === "error") throw new Error(`${key} ${path} went to ${status}`);
        return wanted.includes(status) ? { done: true } : { seen: status };
      },
      timeoutMs,
    );
  }
}
