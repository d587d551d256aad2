import { describe, expect, it } from "vitest";
import { startFakeCloud } from "@stacksweep/fakecloud";
import { generateScenario } from "./scenario-library.ts";
import { generateCloud } from "./generator.ts";

describe("generateCloud", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    const a = generateCloud({ resources: 2000, seed: 7 });
    const b = generateCloud({ resources: 2000, seed: 7 });
    const c = generateCloud({ resources: 2000, seed: 8 });
    const strip = (value: unknown): string => JSON.stringify(value).replace(/"(updated_at|created_at)":"[^"]*"/g, "");
    expect(strip(a.scenario)).toBe(strip(b.scenario));
    expect(strip(a.scenario)).not.toBe(strip(c.scenario));
  });

  it("makes the mix of a real cloud: ports > servers ≈ volumes > rules > floating IPs > load balancers", () => {
    const { counts, scenario } = generateCloud({ resources: 100_000, seed: 1 });
    const n = (type: keyof typeof counts): number => counts[type] ?? 0;
    const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
    expect(total).toBeGreaterThan(95_000);
    expect(total).toBeLessThan(105_000);
    expect(n("network.port")).toBeGreaterThan(n("compute.server"));
    expect(Math.abs(n("compute.server") - n("block-storage.volume")) / n("compute.server")).toBeLessThan(0.1);
    expect(n("block-storage.volume")).toBeGreaterThan(n("network.security-group-rule"));
    expect(n("network.security-group-rule")).toBeGreaterThan(n("network.floatingip"));
    expect(n("network.floatingip")).toBeGreaterThan(n("load-balancer.loadbalancer"));
    const projects = scenario.projects ?? [];
    expect(projects.length).toBeGreaterThan(2000);
    expect(projects.filter((project) => project.deleted === true).length).toBeGreaterThan(0);
  });

  it("makes regions of the asked size each, owned by one Keystone's projects, served each by its own services", async () => {
    const one = generateCloud({ resources: 3000, seed: 5 });
    const three = generateCloud({ resources: 3000, seed: 5, regions: 3 });
    expect(Object.keys(three.scenario.regions ?? {})).toEqual(["RegionTwo", "RegionThree"]);
    expect(three.scenario.projects).toHaveLength(one.scenario.projects!.length);
    expect(three.counts["compute.server"]).toBe(3 * one.counts["compute.server"]!);
    // Each region's owners are drawn anew, so its orphans are about, not exactly, one region's.
    expect(three.expectedFindings["orphaned-resource"]).toBeGreaterThan(2 * one.expectedFindings["orphaned-resource"]!);
    const cloud = await startFakeCloud({ scenario: three.scenario });
    try {
      expect(cloud.regions.map((region) => [region.name, region.state.collection("compute.server").size])).toEqual(
        ["RegionOne", "RegionTwo", "RegionThree"].map((name) => [name, one.counts["compute.server"]]),
      );
    } finally {
      await cloud.close();
    }
  });

  it("seeds into a cloud with every record accepted and the planted counts it reports", async () => {
    const generated = generateCloud({ resources: 5000, seed: 3 });
    const cloud = await startFakeCloud();
    try {
      const outcome = cloud.seed(generated.scenario);
      expect(outcome.added).toMatchObject(generated.counts);
      const servers = [...cloud.state.collection("compute.server").values()];
      expect(servers.filter((s) => s["status"] === "ERROR").length).toBe(
        generated.expectedFindings["server-error"] ?? 0,
      );
      const volumes = [...cloud.state.collection("block-storage.volume").values()];
      // Every attachment is mirrored on its server, so no server-volume-missing or mismatch is planted by accident.
      for (const volume of volumes) {
        for (const attachment of volume["attachments"] as { server_id: string }[]) {
          const server = cloud.state.collection("compute.server").get(attachment.server_id)!;
          expect((server["os-extended-volumes:volumes_attached"] as { id: string }[]).map((v) => v.id)).toContain(
            volume.id,
          );
        }
      }
    } finally {
      await cloud.close();
    }
  });

  it("is the generator the cli gives fakecloud", () => {
    expect(generateScenario(500)).toEqual(
      expect.objectContaining({ name: generateCloud({ resources: 500 }).scenario.name }),
    );
  });
});
