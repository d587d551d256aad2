// The libvirt source against libvirt's own test driver (`test:///<dir>/{host}.xml`): real virsh, real libvirt API,
// no hypervisor. Needs virsh (Debian's libvirt-clients, which CI installs).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeLibvirtTestNode } from "../../../test/support/services/libvirt-test-node.ts";
import { openLibvirtSource } from "./open.ts";
import { libvirtSettingsSchema } from "./settings.ts";

const HAS_VIRSH = (() => {
  try {
    execFileSync("virsh", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

const RUNNING = "6f1c2a3b-0a0a-4c4c-8d8d-00000000000a";
const STOPPED = "6f1c2a3b-0b0b-4c4c-8d8d-00000000000b";
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "stacksweep-libvirt-"));
  writeLibvirtTestNode(join(dir, "cmp1.xml"), [
    { uuid: RUNNING, name: "instance-0000000a", running: true },
    { uuid: STOPPED, name: "instance-0000000b", running: false },
  ]);
  writeLibvirtTestNode(join(dir, "cmp2.xml"), []);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!HAS_VIRSH)("the libvirt source (skipped without virsh: Debian's libvirt-clients)", () => {
  it("lists each hypervisor host's domains with their run state, and says which host did not answer", async () => {
    const settings = libvirtSettingsSchema.parse({ uri: `test://${dir}/{host}.xml`, concurrency: 2 });
    const hypervisors = [
      { id: "h1", hypervisor_hostname: "cmp1.example", service: { host: "cmp1" } },
      { id: "h2", hypervisor_hostname: "cmp2.example", service: { host: "cmp2" } },
      { id: "h3", hypervisor_hostname: "cmp3.example", service: { host: "cmp3" } },
      // Ironic nodes and the like may have no service: nothing to ask.
      { id: "h4", hypervisor_hostname: "bm", service: null },
      // Never put into the URI: qemu+ssh's parameters can name a command.
      { id: "h5", hypervisor_hostname: "odd", service: { host: "cmp1/system?command=id" } },
    ];
    const source = openLibvirtSource(settings, { cloud: "test", region: "RegionOne" });
    const listing = await source.list("compute.hypervisor-domain", {
      cloud: "test",
      region: "RegionOne",
      inputs: new Map([["compute.hypervisor", hypervisors]]),
    });
    expect(listing.records).toEqual([
      { host: "cmp1", uuid: RUNNING, name: "instance-0000000a", running: true },
      { host: "cmp1", uuid: STOPPED, name: "instance-0000000b", running: false },
      { host: "cmp3", error: expect.stringContaining("failed to connect to the hypervisor") as unknown },
      { host: "cmp1/system?command=id", error: '"cmp1/system?command=id" is not a plain host name' },
    ]);
    // Two per host that answered, one for the host whose libvirt refused, none for the name never used.
    expect(listing.requests).toBe(5);
  });

  it("is refused a URI without {host} in stacksweep.yaml", () => {
    expect(libvirtSettingsSchema.safeParse({ uri: "qemu+ssh://cmp1/system" }).success).toBe(false);
  });
});
