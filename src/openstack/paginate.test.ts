import { describe, expect, it } from "vitest";
import { nextPageQuery } from "./paginate.ts";

describe("nextPageQuery", () => {
  it("follows Heat's top-level links list (rel next), as a full page of stacks carries it", () => {
    const body = {
      stacks: [{ id: "a" }, { id: "b" }],
      links: [{ rel: "next", href: "http://heat:8004/v1/p1/stacks?global_tenant=True&limit=2&marker=b" }],
    };
    expect(nextPageQuery("orchestration", "/stacks", body, "stacks", 2)).toEqual({
      global_tenant: ["True"],
      limit: ["2"],
      marker: ["b"],
    });
  });

  it("ends Heat's listing on a page without links, and Designate's on links with only self", () => {
    expect(nextPageQuery("orchestration", "/stacks", { stacks: [{ id: "a" }] }, "stacks", 1)).toBeNull();
    const designate = { zones: [], links: { self: "http://dns:9001/v2/zones" }, metadata: { total_count: 0 } };
    expect(nextPageQuery("dns", "/v2/zones", designate, "zones", 0)).toBeNull();
  });

  it("follows Designate's links.next", () => {
    const body = { zones: [{ id: "z1" }], links: { self: "x", next: "http://dns:9001/v2/zones?limit=1&marker=z1" } };
    expect(nextPageQuery("dns", "/v2/zones", body, "zones", 1)).toEqual({ limit: ["1"], marker: ["z1"] });
  });
});
