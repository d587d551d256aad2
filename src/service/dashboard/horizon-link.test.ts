import { describe, expect, it } from "vitest";
import { serviceSettingsSchema } from "../service-settings.ts";
import { horizonUrl } from "./horizon-link.tsx";

const resource = {
  type: "block-storage.volume" as const,
  id: "5c0f3e52-9d1b-4a7e-8f6c-2b3d4e5f6a7b",
  name: "db",
  projectId: null,
  projectExists: null,
  cloud: "prod",
  region: "RegionOne",
};

describe("Horizon links", () => {
  it("point at the resource's page in the Horizon of its cloud", () => {
    expect(horizonUrl({ prod: "https://horizon.example.org/" }, resource)).toBe(
      "https://horizon.example.org/admin/volumes/5c0f3e52-9d1b-4a7e-8f6c-2b3d4e5f6a7b/",
    );
  });

  it("are absent for a cloud without a configured Horizon, or a type Horizon has no page for", () => {
    expect(horizonUrl({ lab: "https://horizon.lab.example.org" }, resource)).toBeNull();
    expect(horizonUrl({ prod: "https://h.example.org" }, { ...resource, type: "placement.allocation" })).toBeNull();
  });

  it("accept only http(s) URLs in stacksweep.yaml", () => {
    expect(serviceSettingsSchema.safeParse({ horizon: { prod: "https://horizon.example.org/" } }).success).toBe(true);
    const bad = serviceSettingsSchema.safeParse({ horizon: { prod: "javascript:alert(1)" } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toContain("expected Horizon's http(s) URL");
  });
});
