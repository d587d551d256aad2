// The contract between fakecloud and the real services: every call stacksweep makes is sent to the devcloud and to
// fakecloud with the same request, and the answers must have the same shape: status, the keys and value types of
// the body, pagination links, and the headers stacksweep reads. A difference names the call and the path.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { RESOURCE_TYPES } from "../../src/inventory/registry.ts";
import type { PagedListing, ResourceType } from "../../src/inventory/resource-type.ts";
import { devcloudAdmin } from "./support/devcloud.ts";
import { fakeCloudAdmin, startFakeCloud, type RunningFakeCloud } from "./support/fakecloud.ts";
import { passwordAuthBody, rawRequest, type RawResponse, type RestSession } from "./support/rest-session.ts";
import { seedContractProject, type ContractSeed } from "./support/contract-seed.ts";
import { compareShapes, formatDifferences, shapeOf, type ShapeDifference } from "./support/shape.ts";
import { DEVCLOUD_PASSWORD } from "./support/devcloud.ts";

/** Objects whose keys are data, not schema. */
const DATA_MAP = /(^|\.|\[\])(metadata|allocations|resources|addresses|volume_image_metadata|properties|capabilities)$/;
const isDataMap = (path: string): boolean => DATA_MAP.test(path);

/** How a microversion is asked for, per service (Octavia, Neutron, Glance and Keystone have none). */
const MICROVERSION_HEADER: Partial<Record<string, string>> = {
  compute: "compute",
  "block-storage": "volume",
  placement: "placement",
};
/** The response headers stacksweep reads (besides OpenStack-API-Version, checked where a microversion was sent). */
const READ_HEADERS = ["x-openstack-request-id", "date"];

let cloud: RunningFakeCloud | undefined;
let real: RestSession;
let fake: RestSession;
const seeds = new Map<"real" | "fake", ContractSeed>();
const realMax = new Map<string, string>();

beforeAll(async () => {
  real = await devcloudAdmin();
  cloud = await startFakeCloud();
  fake = await fakeCloudAdmin(cloud);
  const [realSeed, fakeSeed] = await Promise.all([
    seedContractProject(real, "contract"),
    seedContractProject(fake, "contract"),
  ]);
  seeds.set("real", realSeed);
  seeds.set("fake", fakeSeed);
  for (const service of ["compute", "block-storage", "placement"]) {
    realMax.set(service, await maxMicroversion(real, service));
  }
});

afterAll(async () => {
  const left = (await seeds.get("real")?.builder.cleanup()) ?? [];
  await cloud?.close();
  // A devcloud shared by every suite must not keep what this one made (Manila refuses a share with children).
  expect(left, "the devcloud refused to delete what the seed made").toEqual([]);
});

describe("seeding through the public APIs", () => {
  test("every seeding request the real services accept, fakecloud accepts too", () => {
    const realFailures = seeds.get("real")?.failures ?? ["not seeded"];
    const fakeFailures = seeds.get("fake")?.failures ?? ["not seeded"];
    expect(realFailures, "the devcloud itself refused a seeding request (a bug in the suite)").toEqual([]);
    expect(fakeFailures).toEqual([]);
  });
});

describe("list calls of every resource type", () => {
  const paged = [...RESOURCE_TYPES.values()].filter(
    (t): t is ResourceType & { list: PagedListing } => t.list.kind === "paged",
  );
  test.each(paged.map((t) => [t.id, t] as const))("%s", async (_id, type) => {
    const headers = { ...microversionHeaders(type.service, type.list.microversion), ...type.list.headers };
    const path = listPath(type.list, type.fields, type.list.pageSize === null ? null : 1);
    const [realAnswer, fakeAnswer] = await Promise.all([
      real.request("GET", type.service, path, { headers }),
      fake.request("GET", type.service, path, { headers }),
    ]);
    const differences = compareAnswers(realAnswer, fakeAnswer, Object.keys(headers).length > 0);
    if (type.list.pageSize !== null) {
      differences.push(...(await comparePagination(type.list, type.service, realAnswer, fakeAnswer, headers)));
    }
    expect(differences, formatDifferences(`GET ${type.service} ${path}`, differences)).toEqual([]);
  });

  test("image.member: GET /v2/images/{id}/members of a shared image", async () => {
    const realImage = seeds.get("real")!.sharedImageId;
    const fakeImage = seeds.get("fake")!.sharedImageId;
    const [realAnswer, fakeAnswer] = await Promise.all([
      real.request("GET", "image", `/v2/images/${realImage}/members`),
      fake.request("GET", "image", `/v2/images/${fakeImage}/members`),
    ]);
    const differences = compareAnswers(realAnswer, fakeAnswer, false);
    expect(differences, formatDifferences("GET image /v2/images/{id}/members", differences)).toEqual([]);
  });

  test("placement.allocation: GET /resource_providers/{uuid}/allocations of a provider with a server on it", async () => {
    const headers = microversionHeaders("placement", "1.39");
    const provider = async (session: RestSession): Promise<string> => {
      const body = (await session.get("placement", "/resource_providers", headers)) as {
        resource_providers?: { uuid: string }[];
      };
      const first = body.resource_providers?.[0];
      if (!first) throw new Error(`${session.name}: no resource provider to list allocations of`);
      return first.uuid;
    };
    const [realProvider, fakeProvider] = await Promise.all([provider(real), provider(fake)]);
    const [realAnswer, fakeAnswer] = await Promise.all([
      real.request("GET", "placement", `/resource_providers/${realProvider}/allocations`, { headers }),
      fake.request("GET", "placement", `/resource_providers/${fakeProvider}/allocations`, { headers }),
    ]);
    const differences = compareAnswers(realAnswer, fakeAnswer, true);
    expect(differences, formatDifferences("GET placement /resource_providers/{uuid}/allocations", differences)).toEqual(
      [],
    );
  });
});

describe("show of a record that exists", () => {
  test("orchestration.stack: GET /stacks/{stack_name}/{stack_id} of the seeded stack", async () => {
    // Heat's show (heat/engine/api.py format_stack) says more than its listing: parameters with the pseudo
    // parameters, outputs, capabilities, notification_topics, timeout_mins, disable_rollback, template_description.
    const [realAnswer, fakeAnswer] = await Promise.all([
      real.request("GET", "orchestration", seeds.get("real")!.stackPath),
      fake.request("GET", "orchestration", seeds.get("fake")!.stackPath),
    ]);
    expect(realAnswer.status, `the real service answered ${realAnswer.text}`).toBe(200);
    const differences = compareAnswers(realAnswer, fakeAnswer, false);
    expect(differences, formatDifferences("GET orchestration /stacks/{stack_name}/{stack_id}", differences)).toEqual(
      [],
    );
  });
});

describe("show by id of a resource that does not exist (confirmations of missing references)", () => {
  const shown = [...RESOURCE_TYPES.values()].filter((t) => t.show !== null);
  test.each(shown.map((t) => [t.id, t] as const))("%s -> 404", async (_id, type) => {
    const show = type.show!;
    // Keystone ids are uuid hex without dashes; every other service uses dashed uuids.
    const id = type.service === "identity" ? randomUUID().replaceAll("-", "") : randomUUID();
    const path = show.path.replace("{id}", id);
    const headers = { ...microversionHeaders(type.service, show.microversion), ...show.headers };
    const [realAnswer, fakeAnswer] = await Promise.all([
      real.request("GET", type.service, path, { headers }),
      fake.request("GET", type.service, path, { headers }),
    ]);
    expect(realAnswer.status, `the real service answered ${realAnswer.text}`).toBe(404);
    const differences = compareAnswers(realAnswer, fakeAnswer, Object.keys(headers).length > 0);
    expect(differences, formatDifferences(`GET ${type.service} ${show.path}`, differences)).toEqual([]);
  });
});

describe("version discovery", () => {
  const services = ["identity", "compute", "block-storage", "network", "image", "load-balancer", "placement"];
  test.each(services)("%s: the service root and the endpoint", async (service) => {
    const differences: ShapeDifference[] = [];
    for (const where of ["root", "endpoint"] as const) {
      const url = (session: RestSession) =>
        where === "root" ? serviceRoot(session.endpoint(service)) : `${session.endpoint(service)}/`;
      const [realAnswer, fakeAnswer] = await Promise.all([
        rawRequest("devcloud", "GET", url(real)),
        rawRequest("fakecloud", "GET", url(fake)),
      ]);
      for (const d of compareAnswers(realAnswer, fakeAnswer, false))
        differences.push({ ...d, path: `${where}: ${d.path}` });
    }
    expect(differences, formatDifferences(`GET ${service} version documents`, differences)).toEqual([]);
  });
});

describe("token issue", () => {
  test("POST /v3/auth/tokens with a password, scoped to the admin project", async () => {
    const entry = cloud!.cloudsYamlEntry() as { auth: { password: string } };
    const [realAnswer, fakeAnswer] = await Promise.all([
      rawRequest("devcloud", "POST", `${real.authUrl}/auth/tokens`, {
        body: passwordAuthBody({
          authUrl: real.authUrl,
          username: "admin",
          password: DEVCLOUD_PASSWORD,
          projectName: "admin",
        }),
      }),
      rawRequest("fakecloud", "POST", `${fake.authUrl}/auth/tokens`, {
        body: passwordAuthBody({
          authUrl: fake.authUrl,
          username: "admin",
          password: entry.auth.password,
          projectName: "admin",
        }),
      }),
    ]);
    const differences = compareAnswers(realAnswer, fakeAnswer, false);
    if (realAnswer.headers.has("x-subject-token") && !fakeAnswer.headers.has("x-subject-token")) {
      differences.push({ path: "header X-Subject-Token", real: "present", fake: "absent" });
    }
    expect(differences, formatDifferences("POST identity /v3/auth/tokens", differences)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------------

function microversionHeaders(service: string, wanted: string | undefined): Record<string, string> {
  // Manila reads only its own header; stacksweep asks for Zed's maximum, 2.73.
  if (service === "shared-file-system" && wanted) return { "X-OpenStack-Manila-API-Version": wanted };
  const name = MICROVERSION_HEADER[service];
  if (!name || !wanted) return {};
  const max = realMax.get(service);
  // Both clouds get the same version: the lower of what stacksweep wants and what the real service offers.
  const version = max && compareVersions(max, wanted) < 0 ? max : wanted;
  return { "OpenStack-API-Version": `${name} ${version}` };
}

function compareVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split(".").map(Number);
  const [bMajor = 0, bMinor = 0] = b.split(".").map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

async function maxMicroversion(session: RestSession, service: string): Promise<string> {
  const body = (await rawRequest(session.name, "GET", serviceRoot(session.endpoint(service)))).body as {
    versions?: { status?: string; version?: string; max_version?: string }[];
  } | null;
  const current = body?.versions?.find((v) => v.status === "CURRENT") ?? body?.versions?.[0];
  const max = current?.version || current?.max_version;
  if (!max) throw new Error(`${session.name}: no maximum microversion in the ${service} version document`);
  return max;
}

/** The service's root URL: the endpoint without its version suffix (".../v2.1", ".../v3/<project>"). */
function serviceRoot(endpoint: string): string {
  return endpoint.replace(/\/v\d+(\.\d+)?(\/.*)?$/, "") + "/";
}

function listPath(list: PagedListing, fields: readonly string[], limit: number | null): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(list.query)) params.append(key, String(value));
  if (list.sendFields) for (const field of fields) params.append("fields", field);
  if (limit !== null) params.append("limit", String(limit));
  const query = params.toString();
  return query ? `${list.path}?${query}` : list.path;
}

function compareAnswers(
  realAnswer: RawResponse,
  fakeAnswer: RawResponse,
  sentMicroversion: boolean,
): ShapeDifference[] {
  const differences: ShapeDifference[] = [];
  if (realAnswer.status !== fakeAnswer.status) {
    differences.push({ path: "status", real: String(realAnswer.status), fake: String(fakeAnswer.status) });
  }
  for (const header of READ_HEADERS) {
    if (realAnswer.headers.has(header) && !fakeAnswer.headers.has(header)) {
      differences.push({ path: `header ${header}`, real: "present", fake: "absent" });
    }
  }
  if (sentMicroversion) {
    const realVersion = realAnswer.headers.get("openstack-api-version");
    const fakeVersion = fakeAnswer.headers.get("openstack-api-version");
    if (realVersion !== fakeVersion) {
      differences.push({ path: "header OpenStack-API-Version", real: String(realVersion), fake: String(fakeVersion) });
    }
  }
  if ((realAnswer.body === null) !== (fakeAnswer.body === null)) {
    differences.push({
      path: "(body)",
      real: realAnswer.body === null ? "not JSON" : "JSON",
      fake: fakeAnswer.body === null ? `not JSON: ${fakeAnswer.text.slice(0, 80)}` : "JSON",
    });
    return differences;
  }
  differences.push(...compareShapes(shapeOf(realAnswer.body), shapeOf(fakeAnswer.body), isDataMap));
  return differences;
}

/** With limit=1 and at least two records, both clouds must link to the next page the same way. */
async function comparePagination(
  list: PagedListing,
  service: string,
  realAnswer: RawResponse,
  fakeAnswer: RawResponse,
  headers: Record<string, string>,
): Promise<ShapeDifference[]> {
  const realNext = nextLink(list, realAnswer.body);
  const fakeNext = nextLink(list, fakeAnswer.body);
  if (realNext === null || fakeNext !== null) {
    if (realNext !== null && fakeNext !== null) return compareNextLinks(realNext, fakeNext);
    return [];
  }
  // The real service links a next page and fakecloud does not: a difference only if fakecloud has a second record.
  const all = await fake.request("GET", service, listPath(list, [], null), { headers });
  const records = (all.body as Record<string, unknown> | null)?.[list.resourcesKey];
  if (Array.isArray(records) && records.length >= 2) {
    return [{ path: `next link (${records.length} records)`, real: realNext, fake: "absent" }];
  }
  return [];
}

function nextLink(list: PagedListing, body: unknown): string | null {
  if (body === null || typeof body !== "object") return null;
  const record = body as Record<string, unknown>;
  if (typeof record.next === "string") return record.next; // Glance
  const links = record[`${list.resourcesKey}_links`];
  if (!Array.isArray(links)) return null;
  const next = (links as { rel?: string; href?: string }[]).find((l) => l.rel === "next");
  return next?.href ?? null;
}

/** The next links must carry the same parameters (a marker, the limit, the original filters). */
function compareNextLinks(realNext: string, fakeNext: string): ShapeDifference[] {
  const params = (link: string) =>
    [...new URL(link, "http://placeholder").searchParams.keys()].filter((k, i, all) => all.indexOf(k) === i).sort();
  const realParams = params(realNext).join(",");
  const fakeParams = params(fakeNext).join(",");
  return realParams === fakeParams ? [] : [{ path: "next link parameters", real: realParams, fake: fakeParams }];
}
