import { describe, expect, it } from "vitest";
import type { ResourceTypeId } from "../src/inventory/resource-type-id.ts";
import { inSequence, scanCost, type CloudRecords } from "./scan-cost.ts";

type Records = Partial<Record<ResourceTypeId, Record<string, unknown>[]>>;

function cloud(records: Records): CloudRecords {
  return (type) => records[type] ?? [];
}

const projects = (...ids: string[]): Record<string, unknown>[] => ids.map((id) => ({ id, name: id }));

function servers(count: number, owner: (index: number) => string): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, index) => ({ id: `server-${index}`, tenant_id: owner(index) }));
}

const options = { concurrencyPerService: 8 };

describe("scanCost", () => {
  it("counts pages of the largest page size, one token, one version document and one lookup per missing owner", () => {
    const cost = scanCost(
      ["compute.server", "identity.project"],
      cloud({
        "identity.project": projects("p1", "p2", "p3"),
        // 2,500 servers owned by p1..p3 and by two deleted projects: 3 pages of 1,000 at Nova's max_limit.
        "compute.server": servers(2500, (index) => ["p1", "p2", "p3", "gone-1", "gone-2"][index % 5]!),
      }),
      options,
    );
    const byType = new Map(cost.listings.map((listing) => [listing.type, listing]));
    expect(byType.get("compute.server")?.requests).toBe(3);
    expect(byType.get("identity.project")?.requests).toBe(1);
    expect(cost.discovery).toEqual(["compute"]);
    expect(cost.confirmations).toBe(2);
    expect(cost.minRequests).toBe(1 + 1 + 3 + 1 + 2);
    // token, version document, three pages in a row, then the lookups of the two deleted projects.
    expect(cost.criticalRounds).toBe(1 + 1 + 3 + 1);
    expect(cost.criticalBound).toEqual({ kind: "chain", type: "confirmations" });
  });

  it("takes one request for an empty listing and one more page only when records pass a page boundary", () => {
    const exact = scanCost(["compute.server"], cloud({ "compute.server": servers(1000, () => "p1") }), options);
    const over = scanCost(["compute.server"], cloud({ "compute.server": servers(1001, () => "p1") }), options);
    const empty = scanCost(["network.port"], cloud({}), options);
    expect(exact.listings[0]?.requests).toBe(1);
    expect(over.listings[0]?.requests).toBe(2);
    expect(empty.listings[0]?.requests).toBe(1);
    // Neutron negotiates no microversion: no version document.
    expect(empty.discovery).toEqual([]);
    expect(empty.minRequests).toBe(2);
  });

  it("lists each variant of a listing on its own and asks for members of shared images only", () => {
    const images = [
      ...Array.from({ length: 1500 }, (_, index) => ({ id: `i${index}`, visibility: "private", os_hidden: false })),
      ...Array.from({ length: 3 }, (_, index) => ({ id: `h${index}`, visibility: "shared", os_hidden: true })),
      { id: "s1", visibility: "shared", os_hidden: false },
    ];
    const cost = scanCost(["image.member"], cloud({ "image.image": images }), options);
    const byType = new Map(cost.listings.map((listing) => [listing.type, listing]));
    // Visible images: 1,501 in two pages; hidden ones: one page; their chains run side by side.
    expect(byType.get("image.image")).toMatchObject({ requests: 3, chain: 2 });
    // Four shared images, one members call each, all after the image listing.
    expect(byType.get("image.member")).toMatchObject({ requests: 4, chain: 3 });
  });

  it("confirms a missing id once, however many records and types refer to it", () => {
    const cost = scanCost(
      ["network.port", "network.floatingip", "identity.project"],
      cloud({
        "identity.project": projects("p1"),
        "network.port": Array.from({ length: 10 }, (_, index) => ({ id: `port-${index}`, project_id: "gone" })),
        "network.floatingip": [{ id: "fip", project_id: "gone" }],
      }),
      options,
    );
    expect(cost.confirmations).toBe(1);
  });

  it("bounds the critical path by a service's concurrency when its requests outnumber any chain", () => {
    const cost = scanCost(
      ["network.port", "identity.project"],
      cloud({
        "identity.project": projects("p1"),
        // 40 deleted projects: 40 lookups to Keystone at 8 at a time after its one-request listing.
        "network.port": Array.from({ length: 40 }, (_, index) => ({
          id: `port-${index}`,
          project_id: `gone-${index}`,
        })),
      }),
      options,
    );
    expect(cost.confirmations).toBe(40);
    expect(cost.criticalRounds).toBe(1 + 1 + 5);
  });
  it("asks once more after a full page of a listing paged by offset, which has no next link to say it was the last", () => {
    const shares = (count: number) =>
      Array.from({ length: count }, (_, index) => ({ id: `share-${index}`, project_id: "p1" }));
    const requestsFor = (count: number) =>
      scanCost(
        ["shared-file-system.share"],
        cloud({ "shared-file-system.share": shares(count) }),
        options,
      ).listings.find((listing) => listing.type === "shared-file-system.share")?.requests;
    expect([requestsFor(0), requestsFor(999), requestsFor(1000), requestsFor(2500)]).toEqual([1, 1, 2, 3]);
  });

  it("adds up regions scanned one after the other, with one token, project list and lookup of a deleted project for all", () => {
    const region = (count: number, owners: string[]) =>
      scanCost(
        ["compute.server", "identity.project"],
        cloud({ "identity.project": projects("p1"), "compute.server": servers(count, (index) => owners[index % 2]!) }),
        options,
      );
    // "gone" owns servers in every region, "gone-west" in the last one only.
    const three = inSequence([
      region(1500, ["p1", "gone"]),
      region(500, ["gone", "p1"]),
      region(2500, ["gone", "gone-west"]),
    ]);
    // Each region: its own version document and pages; the token, the project list and the lookup of "gone" once.
    expect(three.minRequests).toBe(1 + (1 + 2) + (1 + 1) + (1 + 3) + 1 + 2);
    expect(three.minRequestsByService.identity).toBe(1 + 1 + 2);
    expect(three.confirmations).toBe(2);
    expect([...three.keystoneLookups].sort()).toEqual(["identity.project gone", "identity.project gone-west"]);
    expect(three.auth).toBe(1);
  });
});
