// The real `openstack` CLI (Debian's python3-openstackclient and python3-octaviaclient) against fakecloud: an
// operator must be able to point their everyday tool at it. Each command's JSON output must match what fakecloud's
// own API says it holds.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as z from "zod";
import { openstackCliEnv } from "./support/devcloud.ts";
import { fakeCloudAdmin, startFakeCloud, writeFakeCloudsYaml, type RunningFakeCloud } from "./support/fakecloud.ts";
import { seedContractProject, type ContractSeed } from "./support/contract-seed.ts";
import type { RestSession } from "./support/rest-session.ts";
import { runCommand } from "./support/run-command.ts";
import { waitFor } from "./support/wait-for.ts";

let cloud: RunningFakeCloud | undefined;
let admin: RestSession;
let cloudsYaml: string;
let seed: ContractSeed;

beforeAll(async () => {
  cloud = await startFakeCloud();
  cloudsYaml = writeFakeCloudsYaml(cloud);
  admin = await fakeCloudAdmin(cloud);
  seed = await seedContractProject(admin, "cli");
  expect(seed.failures, "fakecloud refused a seeding request").toEqual([]);
});

afterAll(async () => {
  await cloud?.close();
});

/** Runs `openstack --os-cloud fakecloud ARGS -f json` and returns the parsed output; a failure shows stderr. */
async function osc(args: readonly string[]): Promise<unknown> {
  const result = await runCommand("openstack", ["--os-cloud", "fakecloud", ...args, "-f", "json"], {
    env: openstackCliEnv(cloudsYaml, "fakecloud"),
    timeoutMs: 120_000,
  });
  if (result.code !== 0) throw new Error(`openstack ${args.join(" ")} exited ${result.code}:\n${result.stderr}`);
  return JSON.parse(result.stdout) as unknown;
}

/** Runs a command that prints nothing on success (delete, set, failover). */
async function oscAction(args: readonly string[]): Promise<void> {
  const result = await runCommand("openstack", ["--os-cloud", "fakecloud", ...args], {
    env: openstackCliEnv(cloudsYaml, "fakecloud"),
    timeoutMs: 120_000,
  });
  if (result.code !== 0) throw new Error(`openstack ${args.join(" ")} exited ${result.code}:\n${result.stderr}`);
}

const rows = (columns: Record<string, z.ZodType>) => z.array(z.looseObject(columns));
const sortBy = <T extends Record<string, unknown>>(items: T[], key: keyof T): T[] =>
  [...items].sort((a, b) => String(a[key]).localeCompare(String(b[key])));

async function apiList(service: string, path: string, key: string, headers: Record<string, string> = {}) {
  const body = z.record(z.string(), z.unknown()).parse(await admin.get(service, path, headers));
  return z.array(z.record(z.string(), z.unknown())).parse(body[key]);
}

describe("openstack CLI against fakecloud", () => {
  test("project list", async () => {
    const cli = rows({ ID: z.string(), Name: z.string() }).parse(await osc(["project", "list"]));
    const api = await apiList("identity", "/projects", "projects");
    expect(sortBy(cli, "ID").map((p) => [p.ID, p.Name])).toEqual(sortBy(api, "id").map((p) => [p.id, p.name]));
    expect(cli.map((p) => p.ID)).toContain(seed.builder.projectId);
  });

  test("server list --all-projects", async () => {
    const cli = rows({ ID: z.string(), Name: z.string(), Status: z.string() }).parse(
      await osc(["server", "list", "--all-projects"]),
    );
    const api = await apiList("compute", "/servers/detail?all_tenants=1", "servers");
    expect(api.length).toBeGreaterThanOrEqual(2);
    expect(sortBy(cli, "ID").map((s) => [s.ID, s.Name, s.Status])).toEqual(
      sortBy(api, "id").map((s) => [s.id, s.name, s.status]),
    );
  });

  test("volume list --all-projects", async () => {
    const cli = rows({ ID: z.string(), Name: z.string(), Status: z.string(), Size: z.number() }).parse(
      await osc(["volume", "list", "--all-projects"]),
    );
    const api = await apiList("block-storage", "/volumes/detail?all_tenants=1", "volumes");
    expect(api.length).toBeGreaterThanOrEqual(2);
    expect(sortBy(cli, "ID").map((v) => [v.ID, v.Name, v.Status, v.Size])).toEqual(
      sortBy(api, "id").map((v) => [v.id, v.name, v.status, v.size]),
    );
  });

  test("volume attachment list (--os-volume-api-version 3.27)", async () => {
    const cli = rows({ ID: z.string(), "Volume ID": z.string(), "Server ID": z.string(), Status: z.string() }).parse(
      await osc(["--os-volume-api-version", "3.27", "volume", "attachment", "list", "--all-projects"]),
    );
    const api = await apiList("block-storage", "/attachments?all_tenants=1", "attachments", {
      "OpenStack-API-Version": "volume 3.27",
    });
    expect(api.length).toBeGreaterThanOrEqual(1);
    expect(sortBy(cli, "ID").map((a) => [a.ID, a["Volume ID"], a["Server ID"], a.Status])).toEqual(
      sortBy(api, "id").map((a) => [a.id, a.volume_id, a.instance, a.status]),
    );
  });

  test("port list", async () => {
    const cli = rows({ ID: z.string(), Name: z.string(), Status: z.string() }).parse(await osc(["port", "list"]));
    const api = await apiList("network", "/v2.0/ports", "ports");
    expect(sortBy(cli, "ID").map((p) => [p.ID, p.Name, p.Status])).toEqual(
      sortBy(api, "id").map((p) => [p.id, p.name, p.status]),
    );
  });

  test("floating ip list", async () => {
    const cli = rows({ ID: z.string(), "Floating IP Address": z.string(), Port: z.string().nullable() }).parse(
      await osc(["floating", "ip", "list"]),
    );
    const api = await apiList("network", "/v2.0/floatingips", "floatingips");
    expect(api.length).toBe(2);
    expect(sortBy(cli, "ID").map((f) => [f.ID, f["Floating IP Address"], f.Port])).toEqual(
      sortBy(api, "id").map((f) => [f.id, f.floating_ip_address, f.port_id]),
    );
  });

  test("security group rule list", async () => {
    const cli = rows({ ID: z.string(), "Security Group": z.string() }).parse(
      await osc(["security", "group", "rule", "list"]),
    );
    const api = await apiList("network", "/v2.0/security-group-rules", "security_group_rules");
    expect(sortBy(cli, "ID").map((r) => [r.ID, r["Security Group"]])).toEqual(
      sortBy(api, "id").map((r) => [r.id, r.security_group_id]),
    );
  });

  test("router list", async () => {
    const cli = rows({ ID: z.string(), Name: z.string(), Status: z.string() }).parse(await osc(["router", "list"]));
    const api = await apiList("network", "/v2.0/routers", "routers");
    expect(api.length).toBe(2);
    expect(sortBy(cli, "ID").map((r) => [r.ID, r.Name, r.Status])).toEqual(
      sortBy(api, "id").map((r) => [r.id, r.name, r.status]),
    );
  });

  test("loadbalancer list", async () => {
    const cli = rows({ id: z.string(), name: z.string(), provisioning_status: z.string() }).parse(
      await osc(["loadbalancer", "list"]),
    );
    const api = await apiList("load-balancer", "/v2/lbaas/loadbalancers", "loadbalancers");
    expect(api.length).toBe(1);
    expect(sortBy(cli, "id").map((l) => [l.id, l.name, l.provisioning_status])).toEqual(
      sortBy(api, "id").map((l) => [l.id, l.name, l.provisioning_status]),
    );
  });

  test("loadbalancer amphora list", async () => {
    const cli = rows({ id: z.string(), loadbalancer_id: z.string().nullable(), status: z.string() }).parse(
      await osc(["loadbalancer", "amphora", "list"]),
    );
    const api = await apiList("load-balancer", "/v2/octavia/amphorae", "amphorae");
    expect(api.length).toBeGreaterThanOrEqual(1);
    expect(sortBy(cli, "id").map((a) => [a.id, a.loadbalancer_id, a.status])).toEqual(
      sortBy(api, "id").map((a) => [a.id, a.loadbalancer_id, a.status]),
    );
  });

  test("image list", async () => {
    const cli = rows({ ID: z.string(), Name: z.string(), Status: z.string() }).parse(await osc(["image", "list"]));
    const api = await apiList("image", "/v2/images", "images");
    expect(api.length).toBeGreaterThanOrEqual(1);
    expect(sortBy(cli, "ID").map((i) => [i.ID, i.Name, i.Status])).toEqual(
      sortBy(api, "id").map((i) => [i.id, i.name, i.status]),
    );
  });

  test("volume set --state error", async () => {
    const volumes = await apiList("block-storage", "/volumes/detail?all_tenants=1", "volumes");
    const available = volumes.find((v) => v.status === "available");
    if (!available) throw new Error("no available volume was seeded");
    const id = String(available.id);
    await oscAction(["volume", "set", "--state", "error", id]);
    const shown = z
      .object({ volume: z.object({ status: z.string() }) })
      .parse(await admin.get("block-storage", `/volumes/${id}`));
    expect(shown.volume.status).toBe("error");
  });

  test("loadbalancer failover", async () => {
    const [lb] = await apiList("load-balancer", "/v2/lbaas/loadbalancers", "loadbalancers");
    if (!lb) throw new Error("no load balancer was seeded");
    const id = String(lb.id);
    await oscAction(["loadbalancer", "failover", id]);
    // Octavia answers 202 and moves the load balancer through PENDING_UPDATE back to ACTIVE.
    const settled = await waitFor(`load balancer ${id} ACTIVE after failover`, async () => {
      const body = z
        .object({ loadbalancer: z.object({ provisioning_status: z.string() }) })
        .parse(await admin.get("load-balancer", `/v2/lbaas/loadbalancers/${id}`));
      const status = body.loadbalancer.provisioning_status;
      return status === "ACTIVE" || status === "ERROR" ? { done: status } : { seen: status };
    });
    expect(settled).toBe("ACTIVE");
  });

  test("server delete", async () => {
    const servers = await apiList("compute", "/servers/detail?all_tenants=1", "servers");
    const victim = servers.find((s) => s.name === `${seed.builder.name}-server-2`);
    if (!victim) throw new Error("the second server was not seeded");
    const id = String(victim.id);
    await oscAction(["server", "delete", "--wait", id]);
    const show = await admin.request("GET", "compute", `/servers/${id}`);
    expect(show.status).toBe(404);
  });
});
