// `npx tsx bench/deep-probes.ts [--amphorae 100,1000] [--hosts 10,100]`: what the probes below the API cost. The
// amphora-agent source probes N generated ALLOCATED amphora records that all point at the one real agent of
// test/e2e/amphora-agent/up.sh (so the agent's one sync worker serializes them: the wall time is the agent's, the
// CPU time the scanner's); the libvirt source asks N hosts, each a libvirt test-driver node file of 20 domains.
// A benchmark, not a test: it prints figures and asserts nothing.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { Command } from "@commander-js/extra-typings";
import { openAmphoraAgentSource } from "../src/deep/amphora-agent/open.ts";
import { amphoraAgentSettingsSchema } from "../src/deep/amphora-agent/settings.ts";
import { openLibvirtSource } from "../src/deep/libvirt/open.ts";
import { libvirtSettingsSchema } from "../src/deep/libvirt/settings.ts";
import type { DeepSource } from "../src/deep/deep-source.ts";
import { writeLibvirtTestNode } from "../test/support/services/libvirt-test-node.ts";

const where = { cloud: "bench", region: "RegionOne" };
const counts = (value: string): number[] => value.split(",").map(Number);

async function timed(source: DeepSource, type: string, input: string, records: Record<string, unknown>[]) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const listing = await source.list(type, { ...where, inputs: new Map([[input, records]]) });
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { listing, wallMs, cpuMs: (used.user + used.system) / 1000 };
}

const program = new Command()
  .option("--amphorae <n,...>", "amphora records against the one agent", counts, [100, 1000])
  .option("--hosts <n,...>", "hypervisor hosts, 20 domains each", counts, [10, 100])
  .option("--concurrency <n>", "probes at once", Number, 16)
  .option("--agent-state <dir>", "test/e2e/amphora-agent/up.sh's state", "/var/lib/stacksweep-amphora-agent")
  .option("--agent-address <ip>", "where that agent listens", "127.0.94.1")
  .option("--agent-port <port>", "its port", Number, 19443);
program.parse();
const options = program.opts();

const state = options.agentState;
const amphoraId = readFileSync(join(state, "amphora_id"), "utf8").trim();
const agent = openAmphoraAgentSource(
  amphoraAgentSettingsSchema.parse({
    clientCert: join(state, "certs/client.pem"),
    serverCa: join(state, "certs/server_ca.pem"),
    bindPort: options.agentPort,
    concurrency: options.concurrency,
    timeoutSeconds: 60,
  }),
  where,
);
for (const n of options.amphorae) {
  const amphorae = Array.from({ length: n }, () => ({
    id: amphoraId,
    status: "ALLOCATED",
    lb_network_ip: options.agentAddress,
    loadbalancer_id: randomUUID(),
  }));
  const { listing, wallMs, cpuMs } = await timed(
    agent,
    "load-balancer.amphora-agent",
    "load-balancer.amphora",
    amphorae,
  );
  const answered = listing.records.filter((record) => record.answered === true).length;
  console.log(
    `amphora-agent: ${n} amphorae, ${answered} answered, wall ${(wallMs / 1000).toFixed(1)} s ` +
      `(${(wallMs / n).toFixed(1)} ms per amphora, one agent serializing), scanner CPU ${(cpuMs / n).toFixed(2)} ms per probe`,
  );
}

const dir = mkdtempSync(join(tmpdir(), "stacksweep-bench-libvirt-"));
try {
  const libvirt = openLibvirtSource(
    libvirtSettingsSchema.parse({ uri: `test://${dir}/{host}.xml`, concurrency: 8 }),
    where,
  );
  for (const n of options.hosts) {
    const hosts = Array.from({ length: n }, (_, i) => `cmp${i}`);
    for (const host of hosts) {
      const domains = Array.from({ length: 20 }, (_, i) => ({
        uuid: randomUUID(),
        name: `instance-${i}`,
        running: i % 2 === 0,
      }));
      writeLibvirtTestNode(join(dir, `${host}.xml`), domains);
    }
    const hypervisors = hosts.map((host) => ({ id: randomUUID(), service: { host } }));
    const { listing, wallMs, cpuMs } = await timed(
      libvirt,
      "compute.hypervisor-domain",
      "compute.hypervisor",
      hypervisors,
    );
    console.log(
      `libvirt: ${n} hosts, ${listing.records.length} domains, ${listing.requests} virsh calls, wall ` +
        `${(wallMs / 1000).toFixed(2)} s (${(wallMs / n).toFixed(1)} ms per host at 8 at once), scanner CPU ${(cpuMs / n).toFixed(2)} ms per host`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
