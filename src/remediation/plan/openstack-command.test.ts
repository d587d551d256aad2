import { describe, expect, it } from "vitest";
import { ACTIONS } from "../actions/registry.ts";
import { fillShown } from "../fill-template.ts";
import { openstackCommand } from "./openstack-command.ts";

describe("openstackCommand", () => {
  it("fills the resource id and the step's parameters", () => {
    expect(openstackCommand({ action: "volume.delete" }, "v1")).toBe("openstack volume delete v1");
    expect(
      openstackCommand(
        {
          action: "volume.reset-status",
          params: { status: "available", attach_status: "detached" },
        },
        "v1",
      ),
    ).toBe("openstack volume set --state available --detached v1");
  });

  it("leaves out an optional flag whose parameter is absent", () => {
    expect(openstackCommand({ action: "volume.reset-status", params: { status: "error" } }, "v1")).toBe(
      "openstack volume set --state error v1",
    );
  });

  it("acts on the load balancer an amphora serves", () => {
    expect(openstackCommand({ action: "loadbalancer.failover", params: { loadbalancer_id: "lb1" } }, "amp1")).toBe(
      "openstack loadbalancer failover lb1",
    );
  });

  it("quotes a value the shell would split", () => {
    expect(
      openstackCommand({ action: "image.member-delete", params: { image_id: "i 1", member_id: "p;rm" } }, "x"),
    ).toBe("openstack image remove project 'i 1' 'p;rm'");
  });

  it("is null for an action python-openstackclient cannot do", () => {
    expect(openstackCommand({ action: "volume.unreserve" }, "v1")).toBeNull();
    expect(openstackCommand({ action: "no.such" }, "v1")).toBeNull();
  });

  it("names only placeholders every action can fill", () => {
    for (const action of ACTIONS.values()) {
      const placeholders = [...(action.command ?? "").matchAll(/(?<!--)\{([a-z_]+)\}/gu)].map((match) => match[1]);
      // The parameters the call reads: each read answers its own placeholder.
      const params = new Proxy({}, { get: (_, key) => `{${String(key)}}` });
      const call = action.describeCall(
        {
          target: { type: action.resourceType, id: action.targetId("{id}", params) },
          params,
          resource: { type: action.resourceType, id: "{id}", name: null, projectId: null },
        },
        fillShown,
      );
      const known = new Set(["id", "target", ...[...call.matchAll(/\{([a-z_]+)\}/gu)].map((match) => match[1])]);
      for (const name of placeholders) expect(known, `${action.id}: {${String(name)}}`).toContain(name);
    }
  });
});
