// The libvirt source and its checks against the devcloud's Nova and libvirt's own test driver: the devcloud's
// hypervisor host gets a node file (test:///<dir>/{host}.xml, the URI template of stacksweep.yaml) holding the domain
// of one real server, none for another, and two domains Nova never knew, one running and one shut off.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as z from "zod";
import { writeLibvirtTestNode } from "../support/services/libvirt-test-node.ts";
import { deepScan, type DeepScan } from "./support/deep-scan.ts";
import { devcloudAdmin } from "./support/devcloud.ts";
import { ensureFlavor, ProjectBuilder } from "./support/project-builder.ts";

const CHECKS = ["hypervisor-domain-unknown", "instance-domain-missing", "instance-host-mismatch"];
const serverHostSchema = z.object({ server: z.object({ "OS-EXT-SRV-ATTR:host": z.string() }) });

let builder: ProjectBuilder;
let dir: string;
const server = { present: "", missing: "" };
const unknown = { running: randomUUID(), stopped: randomUUID() };
let host = "";
let answered: DeepScan;
let silent: DeepScan;

const on = (scan: DeepScan, check: string, id: string) =>
  scan.findings.filter((finding) => finding.check === check && finding.resource.id === id);

const settings = (uri: string) => ({ deep: [{ cloud: "devcloud", libvirt: { uri, timeoutSeconds: 20 } }] });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "stacksweep-libvirt-e2e-"));
  const admin = await devcloudAdmin();
  const flavor = await ensureFlavor(admin);
  builder = await ProjectBuilder.create(admin, `libvirt-${Date.now().toString(36)}`);
  const network = await builder.network(`${builder.name}-net`);
  await builder.subnet(`${builder.name}-subnet`, network, "10.42.0.0/24");
  const image = await builder.image(`${builder.name}-image`);
  [server.present, server.missing] = await Promise.all([
    builder.server(`${builder.name}-present`, flavor, image, network),
    builder.server(`${builder.name}-missing`, flavor, image, network),
  ]);
  host = serverHostSchema.parse(await admin.get("compute", `/servers/${server.present}`)).server[
    "OS-EXT-SRV-ATTR:host"
  ];
  writeLibvirtTestNode(join(dir, `${host}.xml`), [
    { uuid: server.present, name: "instance-00000001", running: true },
    { uuid: unknown.running, name: "instance-0000dead", running: true },
    { uuid: unknown.stopped, name: "instance-0000beef", running: false },
  ]);
  answered = await deepScan(settings(`test://${dir}/{host}.xml`), CHECKS);
  // The same cloud, but no host's libvirt answers: nothing may be called missing.
  silent = await deepScan(settings(`test://${dir}/absent-{host}.xml`), CHECKS);
}, 900_000);

afterAll(async () => {
  await builder?.cleanup();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 600_000);

describe("hypervisor domains against Nova, through libvirt's test driver", () => {
  test("domains Nova does not know: critical when running, a warning when shut off", () => {
    expect(on(answered, "hypervisor-domain-unknown", unknown.running)).toEqual([
      expect.objectContaining({
        severity: "critical",
        resource: { type: "compute.hypervisor-domain", id: unknown.running },
      }),
    ]);
    expect(on(answered, "hypervisor-domain-unknown", unknown.stopped)).toEqual([
      expect.objectContaining({
        severity: "warning",
        evidence: expect.objectContaining({ host, running: false }) as unknown,
      }),
    ]);
    expect(on(answered, "hypervisor-domain-unknown", server.present)).toEqual([]);
  });

  test("an ACTIVE server whose host has no domain of it is missing; the one with a domain is not", () => {
    expect(on(answered, "instance-domain-missing", server.missing)).toEqual([
      expect.objectContaining({ severity: "critical", resource: { type: "compute.server", id: server.missing } }),
    ]);
    expect(on(answered, "instance-domain-missing", server.present)).toEqual([]);
    expect(on(answered, "instance-host-mismatch", server.present)).toEqual([]);
  });

  test("a host whose libvirt does not answer leaves its servers undecided, never missing", () => {
    expect(on(silent, "instance-domain-missing", server.missing)).toEqual([]);
    expect(on(silent, "instance-domain-missing", server.present)).toEqual([]);
    const partial = silent.inconclusive.find((entry) => entry.check === "instance-domain-missing");
    expect(partial?.reason).toContain(`the servers of host ${host} are undecided`);
    expect(partial?.reason).toContain("failed to connect to the hypervisor");
  });
});
