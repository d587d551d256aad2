// A node file for libvirt's test driver (`virsh --connect test:///<path>.xml`): a real libvirt API without a
// hypervisor, holding the domains a test needs. Nova names a domain by its instance's uuid ("instance-<hex id>" is
// its name); shut-off ones need the test driver's own namespace, with this exact href, or they come up running.
import { writeFileSync } from "node:fs";

export interface TestDomain {
  uuid: string;
  name: string;
  running: boolean;
}

export function writeLibvirtTestNode(path: string, domains: readonly TestDomain[]): void {
  const xml = domains
    .map(
      (domain) => `
  <domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>
    <name>${domain.name}</name>
    <uuid>${domain.uuid}</uuid>
    <test:runstate>${domain.running ? 1 : 5}</test:runstate>
    <memory unit='KiB'>524288</memory>
    <vcpu>1</vcpu>
    <os><type arch='x86_64'>hvm</type></os>
  </domain>`,
    )
    .join("");
  writeFileSync(
    path,
    `<?xml version="1.0"?>\n<node>\n  <cpu><nodes>1</nodes><sockets>1</sockets><cores>2</cores><threads>1</threads><active>2</active><mhz>2400</mhz><model>x86_64</model></cpu>\n  <memory>8388608</memory>${xml}\n</node>\n`,
  );
}
