// Seeds one cloud for the contract suite with the same API requests on the devcloud and on fakecloud: at least two
// records of most types (so list calls paginate at limit=1), and one of every other type stacksweep lists: Heat's,
// Designate's and Manila's too, so their listings are compared with records in them, not empty.
import { ensureFlavor, ensurePublicNetwork, ProjectBuilder } from "./project-builder.ts";
import type { RestSession } from "./rest-session.ts";

export interface ContractSeed {
  builder: ProjectBuilder;
  /** Every seeding request the cloud refused, as "step: error"; the suite fails on any. */
  failures: string[];
  sharedImageId: string;
  /** The seeded Heat stack's show path, `/stacks/{stack_name}/{stack_id}` ("" when the seed failed). */
  stackPath: string;
}

export async function seedContractProject(admin: RestSession, prefix: string): Promise<ContractSeed> {
  const name = `${prefix}-${Date.now().toString(36)}`;
  // In the admin's project: the contract is about the answers' shape, and an owner's user adds nothing to it.
  const builder = ProjectBuilder.forAdmin(admin, name);
  const failures: string[] = [];
  const step = async <T>(what: string, run: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await run();
    } catch (error) {
      failures.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  };

  const publicNetwork = await step("external network", () => ensurePublicNetwork(admin));
  const flavor = await step("flavor", () => ensureFlavor(admin));
  const network = await step("network", () => builder.network(`${name}-net`));
  const subnet = network
    ? await step("subnet", () => builder.subnet(`${name}-subnet`, network, "10.20.0.0/24"))
    : undefined;
  if (publicNetwork && subnet) await step("router", () => builder.router(`${name}-router`, publicNetwork, subnet));
  if (publicNetwork) await step("second router", () => builder.router(`${name}-router-2`, publicNetwork));
  const port = network ? await step("port", () => builder.port(`${name}-port`, network)) : undefined;
  if (publicNetwork) {
    await step("floating IP on a port", () => builder.floatingIp(publicNetwork, port));
    await step("floating IP without a port", () => builder.floatingIp(publicNetwork));
  }
  const group = await step("security group", () => builder.securityGroup(`${name}-sg`));
  if (group) await step("security group rule", () => builder.securityGroupRule(group, 22, "0.0.0.0/0"));
  if (network) await step("rbac policy", () => builder.rbacPolicy(network, admin.projectId));
  const image = await step("image", () => builder.image(`${name}-image`, "shared"));
  if (image) await step("image member", () => builder.imageMember(image, admin.projectId));
  const volume = await step("volume", () => builder.volume(`${name}-volume`));
  const volume2 = await step("second volume", () => builder.volume(`${name}-volume-2`));
  if (volume2) await step("snapshot", () => builder.snapshot(`${name}-snapshot`, volume2));
  if (flavor && image && network) {
    const server = await step("server", () => builder.server(`${name}-server`, flavor, image, network));
    await step("second server", () => builder.server(`${name}-server-2`, flavor, image, network));
    if (server && volume) await step("volume attachment", () => builder.attachVolume(server, volume));
  }
  if (subnet) await step("load balancer", () => builder.loadBalancer(`${name}-lb`, subnet));
  const stack = await step("stack", () => builder.stack(`${name}-stack`));
  const zone = await step("zone", () => builder.zone(`${name}.test.`));
  if (zone) await step("recordset", () => builder.recordset(zone, `www.${name}.test.`, "A", ["203.0.113.10"]));
  await step("share network", () => builder.shareNetwork(`${name}-share-net`));
  // Of the replicated type, so that it has an active replica and a second one: replicas are listed too.
  const share = await step("share", () => builder.share(`${name}-share`, "replicated"));
  if (share) {
    await step("share snapshot", () => builder.shareSnapshot(`${name}-share-snap`, share));
    await step("share replica", () => builder.shareReplica(share));
  }
  return { builder, failures, sharedImageId: image ?? "", stackPath: stack ? `/stacks/${name}-stack/${stack}` : "" };
}
