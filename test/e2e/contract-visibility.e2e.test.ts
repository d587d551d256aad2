// The contract of what the real services hide: the shape suite (contract.e2e.test.ts) compares answers, this one
// compares which records they contain. Each case plants one record in a state or place FINDINGS.md names (killed,
// pending_delete, deleted, hidden, community or shared images; deleted servers, volumes, load balancers and amphorae;
// disabled projects, other domains, other projects) on the devcloud and on fakecloud with the same requests, then
// lists its type exactly as stacksweep lists it (the declared path, query and variants, every page) and shows it by
// id. fakecloud must give the devcloud's answer: listed or not, and the show's status.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as z from "zod";
import { resourceType } from "../../src/inventory/registry.ts";
import type { ResourceTypeId } from "../../src/inventory/resource-type-id.ts";
import { devcloudAdmin, devcloudSql } from "./support/devcloud.ts";
import { fakeCloudAdmin, startFakeCloud, type RunningFakeCloud } from "./support/fakecloud.ts";
import { ensureFlavor, ProjectBuilder } from "./support/project-builder.ts";
import { rawRequest, type RestSession } from "./support/rest-session.ts";
import { waitFor } from "./support/wait-for.ts";

/** One cloud as the cases see it: an admin, a project of its own, and how to set a field no API sets. */
interface Cloud {
  admin: RestSession;
  builder: ProjectBuilder;
  other: ProjectBuilder;
  network: string;
  subnet: string;
  flavor: string;
  /** The database surgery an outage or a crashed upload leaves: SQL on the devcloud, the control API on fakecloud. */
  setImageState(imageId: string, status: string): Promise<void>;
}

/** What a cloud answers about one planted record: is it in the listing stacksweep makes, and what does its show say. */
interface Visibility {
  listed: boolean;
  show: number;
  status?: string;
}

interface Case {
  name: string;
  type: ResourceTypeId;
  /** Plants the record and returns its id. */
  plant(cloud: Cloud): Promise<string>;
  /** Extra query parameters on stacksweep's listing (a project scan's `project_id`); `false` drops one. */
  query?: (cloud: Cloud) => Record<string, string | false>;
}

const idIn = (body: unknown, key: string): string =>
  z.object({ [key]: z.object({ id: z.string() }) }).parse(body)[key]!.id;

const CASES: Case[] = [
  {
    name: "image killed (upload failed)",
    type: "image.image",
    plant: async (cloud) => {
      const id = await cloud.builder.image(`${cloud.builder.name}-killed`);
      await cloud.setImageState(id, "killed");
      return id;
    },
  },
  {
    name: "image pending_delete (delayed delete)",
    type: "image.image",
    plant: async (cloud) => {
      const id = await cloud.builder.image(`${cloud.builder.name}-pending`);
      await cloud.setImageState(id, "pending_delete");
      return id;
    },
  },
  {
    name: "image deleted",
    type: "image.image",
    plant: async (cloud) => {
      const id = await cloud.builder.image(`${cloud.builder.name}-deleted`);
      await cloud.admin.expect(204, "DELETE", "image", `/v2/images/${id}`);
      return id;
    },
  },
  {
    name: "image hidden (os_hidden)",
    type: "image.image",
    plant: async (cloud) => {
      const id = await cloud.builder.image(`${cloud.builder.name}-hidden`);
      await cloud.admin.expect(200, "PATCH", "image", `/v2/images/${id}`, {
        body: [{ op: "replace", path: "/os_hidden", value: true }],
        headers: { "Content-Type": "application/openstack-images-v2.1-json-patch" },
      });
      return id;
    },
  },
  {
    name: "image community, of another project",
    type: "image.image",
    plant: (cloud) => cloud.other.image(`${cloud.other.name}-community`, "community"),
  },
  {
    name: "image shared with nobody, of another project",
    type: "image.image",
    plant: (cloud) => cloud.other.image(`${cloud.other.name}-shared`, "shared"),
  },
  {
    name: "image private, of another project",
    type: "image.image",
    plant: (cloud) => cloud.other.image(`${cloud.other.name}-private`, "private"),
  },
  {
    name: "server deleted",
    type: "compute.server",
    plant: async (cloud) => {
      const image = await cloud.builder.image(`${cloud.builder.name}-boot`);
      const id = await cloud.builder.server(`${cloud.builder.name}-gone`, cloud.flavor, image, cloud.network);
      await cloud.admin.expect(204, "DELETE", "compute", `/servers/${id}`);
      await gone(cloud.admin, "compute", `/servers/${id}`);
      return id;
    },
  },
  {
    name: "volume of another project (all_tenants=1)",
    type: "block-storage.volume",
    plant: (cloud) => cloud.other.volume(`${cloud.other.name}-volume`),
  },
  {
    name: "volume of another project, listed without all_tenants",
    type: "block-storage.volume",
    plant: (cloud) => cloud.other.volume(`${cloud.other.name}-volume-2`),
    query: () => ({ all_tenants: false }),
  },
  {
    name: "volume of another project, listed with project_id of the admin's",
    type: "block-storage.volume",
    plant: (cloud) => cloud.other.volume(`${cloud.other.name}-volume-3`),
    query: (cloud) => ({ project_id: cloud.admin.projectId }),
  },
  {
    name: "port of another project, listed with project_id of that project",
    type: "network.port",
    plant: async (cloud) =>
      cloud.other.port(`${cloud.other.name}-port`, await cloud.other.network(`${cloud.other.name}-net`)),
    query: (cloud) => ({ project_id: cloud.other.projectId }),
  },
  {
    name: "volume deleted",
    type: "block-storage.volume",
    plant: async (cloud) => {
      const id = await cloud.builder.volume(`${cloud.builder.name}-gone`);
      await cloud.admin.expect(202, "DELETE", "block-storage", `/volumes/${id}`);
      await gone(cloud.admin, "block-storage", `/volumes/${id}`);
      return id;
    },
  },
  {
    name: "load balancer DELETED",
    type: "load-balancer.loadbalancer",
    plant: async (cloud) => {
      const id = await cloud.builder.loadBalancer(`${cloud.builder.name}-lb-gone`, cloud.subnet);
      await deleteLoadBalancer(cloud.admin, id);
      return id;
    },
  },
  {
    name: "amphora DELETED with its load balancer",
    type: "load-balancer.amphora",
    plant: async (cloud) => {
      const lb = await cloud.builder.loadBalancer(`${cloud.builder.name}-lb-amp`, cloud.subnet);
      const amphorae = z
        .object({ amphorae: z.array(z.object({ id: z.string() })) })
        .parse(await cloud.admin.get("load-balancer", `/v2/octavia/amphorae?loadbalancer_id=${lb}`)).amphorae;
      if (amphorae[0] === undefined) throw new Error(`${cloud.admin.name}: load balancer ${lb} has no amphora`);
      await deleteLoadBalancer(cloud.admin, lb);
      return amphorae[0].id;
    },
  },
  {
    name: "project disabled",
    type: "identity.project",
    plant: async (cloud) => {
      const id = idIn(
        (
          await cloud.admin.expect(201, "POST", "identity", "/projects", {
            body: { project: { name: `${cloud.builder.name}-disabled`, domain_id: "default", enabled: false } },
          })
        ).body,
        "project",
      );
      cleanups.push(() => cloud.admin.request("DELETE", "identity", `/projects/${id}`));
      return id;
    },
  },
  {
    name: "project of another domain",
    type: "identity.project",
    plant: async (cloud) => {
      const domain = idIn(
        (
          await cloud.admin.expect(201, "POST", "identity", "/domains", {
            body: { domain: { name: `${cloud.builder.name}-domain` } },
          })
        ).body,
        "domain",
      );
      const id = idIn(
        (
          await cloud.admin.expect(201, "POST", "identity", "/projects", {
            body: { project: { name: `${cloud.builder.name}-elsewhere`, domain_id: domain } },
          })
        ).body,
        "project",
      );
      cleanups.push(async () => {
        await cloud.admin.request("DELETE", "identity", `/projects/${id}`);
        // Keystone deletes only a disabled domain.
        await cloud.admin.request("PATCH", "identity", `/domains/${domain}`, { body: { domain: { enabled: false } } });
        return cloud.admin.request("DELETE", "identity", `/domains/${domain}`);
      });
      return id;
    },
  },
];

let fakecloud: RunningFakeCloud | undefined;
const clouds = new Map<"real" | "fake", Cloud>();
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  fakecloud = await startFakeCloud();
  const stamp = Date.now().toString(36);
  const open = async (admin: RestSession, setImageState: Cloud["setImageState"]): Promise<Cloud> => {
    const builder = ProjectBuilder.forAdmin(admin, `visibility-${stamp}`);
    const other = await ProjectBuilder.create(admin, `visibility-other-${stamp}`);
    const network = await builder.network(`${builder.name}-net`);
    const subnet = await builder.subnet(`${builder.name}-subnet`, network, "10.31.0.0/24");
    const flavor = await ensureFlavor(admin);
    return { admin, builder, other, network, subnet, flavor, setImageState };
  };
  const fakeAdmin = await fakeCloudAdmin(fakecloud);
  const [real, fake] = await Promise.all([
    open(await devcloudAdmin(), async (imageId, status) => {
      // Glance's delayed delete marks the row deleted as it sets pending_delete (glance/db/sqlalchemy/api.py).
      const deleted = status === "pending_delete" ? ", deleted = 1, deleted_at = NOW()" : "";
      await devcloudSql(`UPDATE glance.images SET status = '${status}'${deleted} WHERE id = '${imageId}'`);
    }),
    open(fakeAdmin, async (imageId, status) => {
      const answer = await rawRequest(
        "fakecloud",
        "PATCH",
        `${fakecloud!.url}/_control/resources/image.image/${imageId}`,
        {
          body: { status },
        },
      );
      if (answer.status !== 200) throw new Error(`fakecloud control PATCH answered ${answer.status}: ${answer.text}`);
    }),
  ]);
  clouds.set("real", real);
  clouds.set("fake", fake);
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  const real = clouds.get("real");
  await real?.other.cleanup();
  await real?.builder.cleanup();
  await fakecloud?.close();
});

describe("what a listing shows and a show by id answers, devcloud against fakecloud", () => {
  test.each(CASES.map((c) => [c.name, c] as const))("%s", async (_name, testCase) => {
    const [real, fake] = await Promise.all(
      (["real", "fake"] as const).map(async (which) => {
        const cloud = clouds.get(which)!;
        const id = await testCase.plant(cloud);
        return visibility(cloud, testCase, id);
      }),
    );
    expect(fake, `devcloud: ${JSON.stringify(real)}`).toEqual(real);
  });
});

/** Lists the type as stacksweep declares it (every variant, every page) and shows the record by id. */
async function visibility(cloud: Cloud, testCase: Case, id: string): Promise<Visibility> {
  const type = resourceType(testCase.type);
  if (type.list.kind !== "paged" || type.show === null) throw new Error(`${type.id} is not listed by one paged call`);
  const headers = microversion(type.service, type.list.microversion);
  let listed = false;
  for (const variant of type.list.variants ?? [{}]) {
    const params = new URLSearchParams();
    const extra = testCase.query?.(cloud) ?? {};
    for (const [key, value] of Object.entries({ ...type.list.query, ...variant })) {
      if (extra[key] !== false) params.set(key, String(value));
    }
    for (const [key, value] of Object.entries(extra)) if (value !== false) params.set(key, value);
    let next: string | null = `${type.list.path}${params.size > 0 ? `?${params.toString()}` : ""}`;
    while (next !== null && !listed) {
      const body = z.record(z.string(), z.unknown()).parse(await cloud.admin.get(type.service, next, headers));
      const records = z.array(z.record(z.string(), z.unknown())).parse(body[type.list.resourcesKey]);
      listed = records.some((record) => record["id"] === id);
      next = nextLink(body, type.list.resourcesKey);
    }
  }
  const show = await cloud.admin.request("GET", type.service, type.show.path.replace("{id}", id), {
    headers: microversion(type.service, type.show.microversion),
  });
  const record = show.status === 200 ? (show.body as Record<string, unknown>) : null;
  const inner = record === null ? null : ((Object.values(record)[0] as Record<string, unknown> | undefined) ?? null);
  const status = [record?.["status"], inner?.["status"], inner?.["provisioning_status"]].find(
    (value): value is string => typeof value === "string",
  );
  return status === undefined ? { listed, show: show.status } : { listed, show: show.status, status };
}

function nextLink(body: Record<string, unknown>, key: string): string | null {
  if (typeof body["next"] === "string") return body["next"]; // Glance
  const links = body[`${key}_links`];
  if (!Array.isArray(links)) return null;
  const next = (links as { rel?: string; href?: string }[]).find((link) => link.rel === "next");
  return next?.href ?? null;
}

function microversion(service: string, wanted: string | undefined): Record<string, string> {
  const name = { compute: "compute", "block-storage": "volume", placement: "placement" }[service];
  return name === undefined || wanted === undefined ? {} : { "OpenStack-API-Version": `${name} ${wanted}` };
}

async function gone(admin: RestSession, service: string, path: string): Promise<void> {
  await waitFor(`${service} ${path} gone`, async () => {
    const show = await admin.request("GET", service, path);
    return show.status === 404 ? { done: true } : { seen: show.status };
  });
}

/** Octavia deletes in the background: the row turns DELETED, and a show answers 404 from then on. */
async function deleteLoadBalancer(admin: RestSession, id: string): Promise<void> {
  await admin.expect(204, "DELETE", "load-balancer", `/v2/lbaas/loadbalancers/${id}?cascade=true`);
  await gone(admin, "load-balancer", `/v2/lbaas/loadbalancers/${id}`);
}
