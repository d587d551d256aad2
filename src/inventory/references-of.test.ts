import { describe, expect, it } from "vitest";
import { resourceType } from "./registry.ts";
import { referencesOf, referenceValues } from "./references-of.ts";

const port = resourceType("network.port");
const valuesFor = (record: Record<string, unknown>, target: string): string[] =>
  referencesOf(port)
    .filter((reference) => reference.target === target)
    .flatMap((reference) => referenceValues(record, reference));

describe("referenceValues", () => {
  it("reads the ids Octavia writes into its ports' names, each as what it names", () => {
    const vip = { name: "octavia-lb-11111111-2222-3333-4444-555555555555", device_owner: "Octavia" };
    const vrrp = { name: "octavia-lb-vrrp-aaaa", device_owner: "Octavia" };
    const hm = { name: "ovn-lb-hm-subnet-1", device_owner: "ovn-lb-hm:distributed" };
    expect(valuesFor(vip, "load-balancer.loadbalancer")).toEqual(["11111111-2222-3333-4444-555555555555"]);
    expect(valuesFor(vrrp, "load-balancer.loadbalancer")).toEqual([]);
    expect(valuesFor(vrrp, "load-balancer.amphora")).toEqual(["aaaa"]);
    expect(valuesFor(hm, "network.subnet")).toEqual(["subnet-1"]);
  });

  it("reads nothing from a record its conditions exclude, or a name of the pattern on someone else's port", () => {
    expect(valuesFor({ name: "octavia-lb-x", device_owner: "compute:nova" }, "load-balancer.loadbalancer")).toEqual([]);
    expect(valuesFor({ name: "ovn-lb-hm-s", device_owner: "network:dhcp" }, "network.subnet")).toEqual([]);
  });

  it("leaves out the values a reference says are not ids", () => {
    const rbac = resourceType("network.rbac-policy").references[0]!;
    expect(referenceValues({ target_tenant: "*" }, rbac)).toEqual([]);
    expect(referenceValues({ target_tenant: "p1" }, rbac)).toEqual(["p1"]);
  });
});
