// The amphora-agent source and its checks against the real agent: Debian's python3-octavia agent on loopback
// (test/e2e/amphora-agent/up.sh, chrooted into a 64 MiB tmpfs) and the devcloud's Octavia, whose amphora records
// are pointed at it. A real load balancer is made through the API (ACTIVE with Octavia's noop drivers), and three
// amphora rows are planted for it, as an operator's database would hold them: one whose agent answers, one whose
// address answers with another amphora's certificate, one whose address refuses the connection.
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { deepScan, type DeepScan } from "./support/deep-scan.ts";
import { devcloudAdmin, devcloudSql } from "./support/devcloud.ts";
import { ProjectBuilder } from "./support/project-builder.ts";
import { runCommand } from "./support/run-command.ts";

const STATE = process.env.STACKSWEEP_AMPHORA_AGENT_STATE ?? "/var/lib/stacksweep-amphora-agent";
const ADDRESS = process.env.STACKSWEEP_AMPHORA_AGENT_ADDRESS ?? "127.0.94.1";
const PORT = Number(process.env.STACKSWEEP_AMPHORA_AGENT_PORT ?? 19443);
/** Nothing listens there: the loopback network is the agent's, the address is not. */
const CLOSED_ADDRESS = "127.0.94.2";
const CHECKS = ["amphora-disk-full", "amphora-agent-unreachable"];

let builder: ProjectBuilder;
let dir: string;
let loadBalancer = "";
const amphora = { agent: "", impostor: randomUUID(), closed: randomUUID() };
const planted: string[] = [];

function settings(amphoraAgent: Record<string, unknown>): Record<string, unknown> {
  return {
    deep: [
      {
        cloud: "devcloud",
        "amphora-agent": { networks: ["127.0.94.0/24"], timeoutSeconds: 5, ...amphoraAgent },
      },
    ],
  };
}

/** The controller's octavia.conf as an operator has it: stacksweep reads [haproxy_amphora] from it. */
function octaviaConf(): string {
  const path = join(dir, "octavia.conf");
  writeFileSync(
    path,
    `[DEFAULT]\ndebug = False\n\n[haproxy_amphora]\nclient_cert = ${STATE}/certs/client.pem\n` +
      `server_ca = ${STATE}/certs/server_ca.pem\nbind_port = ${PORT}\n`,
  );
  return path;
}

async function fill(mebibytes: number): Promise<void> {
  const result = await runCommand("bash", ["test/e2e/amphora-agent/fill.sh", String(mebibytes)], {
    env: { ...process.env, STACKSWEEP_AMPHORA_AGENT_STATE: STATE },
  });
  if (result.code !== 0) throw new Error(`fill.sh ${mebibytes} failed: ${result.stderr}`);
}

const on = (scan: DeepScan, check: string, id: string) =>
  scan.findings.filter((finding) => finding.check === check && finding.resource.id === id);

let empty: DeepScan;
let warning: DeepScan;
let critical: DeepScan;
let refused: DeepScan;

beforeAll(async () => {
  amphora.agent = readFileSync(join(STATE, "amphora_id"), "utf8").trim();
  dir = mkdtempSync(join(tmpdir(), "stacksweep-amphora-e2e-"));
  const admin = await devcloudAdmin();
  builder = await ProjectBuilder.create(admin, `amphora-agent-${Date.now().toString(36)}`);
  const network = await builder.network(`${builder.name}-net`);
  const subnet = await builder.subnet(`${builder.name}-subnet`, network, "10.41.0.0/24");
  loadBalancer = await builder.loadBalancer(`${builder.name}-lb`, subnet);
  const rows = [
    [amphora.agent, ADDRESS],
    [amphora.impostor, ADDRESS],
    [amphora.closed, CLOSED_ADDRESS],
  ];
  await devcloudSql(
    "INSERT INTO octavia.amphora (id, compute_id, status, load_balancer_id, lb_network_ip, role, cert_busy, " +
      "created_at, updated_at) VALUES " +
      rows
        .map(
          ([id, ip]) =>
            `('${id}', '${randomUUID()}', 'ALLOCATED', '${loadBalancer}', '${ip}', 'STANDALONE', 0, NOW(), NOW())`,
        )
        .join(", "),
  );
  planted.push(...rows.map(([id]) => id!));
  const conf = octaviaConf();
  await fill(0);
  empty = await deepScan(settings({ octaviaConf: conf }), CHECKS);
  // 54 MiB of 64: 84.7 % used (warning); 60 MiB: 94.1 % (critical).
  await fill(54);
  warning = await deepScan(settings({ octaviaConf: conf }), CHECKS);
  await fill(60);
  critical = await deepScan(settings({ octaviaConf: conf }), CHECKS);
  refused = await deepScan(
    settings({
      clientCert: `${STATE}/certs/rogue_client.pem`,
      serverCa: `${STATE}/certs/server_ca.pem`,
      bindPort: PORT,
    }),
    CHECKS,
  );
}, 900_000);

afterAll(async () => {
  await fill(0).catch(() => undefined);
  if (planted.length > 0) {
    await devcloudSql(`DELETE FROM octavia.amphora WHERE id IN (${planted.map((id) => `'${id}'`).join(", ")})`);
  }
  await builder?.cleanup();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 600_000);

describe("the real amphora agent, probed as Octavia's controller probes it", () => {
  test("an agent whose disk is nearly empty: no finding on it", () => {
    expect(on(empty, "amphora-disk-full", amphora.agent)).toEqual([]);
    expect(on(empty, "amphora-agent-unreachable", amphora.agent)).toEqual([]);
  });

  test("past 80 % a warning, past 90 % critical, with the agent's own figures", () => {
    const [warned] = on(warning, "amphora-disk-full", amphora.agent);
    expect(warned).toMatchObject({ severity: "warning", resource: { type: "load-balancer.amphora" } });
    expect(warned?.evidence.usedPercent).toBeGreaterThanOrEqual(80);
    expect(warned?.evidence.usedPercent).toBeLessThan(90);
    const [full] = on(critical, "amphora-disk-full", amphora.agent);
    expect(full).toMatchObject({ severity: "critical" });
    expect(full?.evidence.usedPercent).toBeGreaterThanOrEqual(90);
    // statvfs of the 64 MiB tmpfs: used and available add up to its size.
    expect(Number(full?.evidence.usedBytes) + Number(full?.evidence.availableBytes)).toBe(64 * 1024 * 1024);
    expect(full?.evidence.hostname).toBe(`amphora-${amphora.agent}`);
  });

  test("an address that refuses the connection, and one that answers with another amphora's certificate", () => {
    for (const scan of [empty, critical]) {
      const [closed] = on(scan, "amphora-agent-unreachable", amphora.closed);
      expect(closed).toMatchObject({ severity: "critical", evidence: { failure: "connection" } });
      expect(closed?.summary).toContain("ECONNREFUSED");
      const [impostor] = on(scan, "amphora-agent-unreachable", amphora.impostor);
      expect(impostor).toMatchObject({ evidence: { failure: "agent-certificate" } });
      expect(impostor?.summary).toContain(amphora.impostor);
    }
  });

  test("an agent that refuses the controller's certificate", () => {
    const [rogue] = on(refused, "amphora-agent-unreachable", amphora.agent);
    expect(rogue).toMatchObject({ evidence: { failure: "controller-certificate-refused" } });
    expect(rogue?.summary).toContain("alert unknown ca");
    expect(JSON.stringify(refused)).not.toContain("PRIVATE KEY");
  });

  test("the load balancer's own noop amphora (192.0.2.1) is not probed: undecided, not a finding", async () => {
    const [noop] = await devcloudSql(
      `SELECT id FROM octavia.amphora WHERE load_balancer_id='${loadBalancer}' AND lb_network_ip='192.0.2.1'`,
    );
    expect(noop?.[0]).toBeDefined();
    expect(on(empty, "amphora-agent-unreachable", noop![0]!)).toEqual([]);
    const partial = empty.inconclusive.find((entry) => entry.check === "amphora-agent-unreachable");
    expect(partial?.reason).toContain("not probed");
  });
});
