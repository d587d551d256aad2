import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { ago, detect } from "../support/check-harness.ts";
import { stackStuck } from "./index.ts";

const stack = (id: string, status: string, times: { creation_time: string; updated_time?: string | null }) => ({
  id,
  stack_name: `app-${id}`,
  project: "p1",
  stack_status: status,
  stack_status_reason: "Stack CREATE started",
  updated_time: null,
  ...times,
});

describe("stack-stuck", () => {
  it("reports stacks in progress past the threshold, aged from when the action began", () => {
    const inventory = testInventory({
      resources: {
        "orchestration.stack": [
          stack("s1", "CREATE_IN_PROGRESS", { creation_time: ago(3 * 3600) }),
          // Created long ago, its delete began 3 h ago (convergence stamps updated_time).
          stack("s2", "DELETE_IN_PROGRESS", { creation_time: ago(400 * 86400), updated_time: ago(3 * 3600) }),
        ],
      },
    });
    const detections = detect(stackStuck, inventory);
    expect(detections.map((d) => [d.resourceId, d.summary])).toEqual([
      ["app-s1/s1", "stack stuck in CREATE_IN_PROGRESS for 3h"],
      ["app-s2/s2", "stack stuck in DELETE_IN_PROGRESS for 3h"],
    ]);
    expect(detections[1]?.since).toBe(ago(3 * 3600));
    expect(detections[0]?.remediation).toBeUndefined();
  });

  it("does not report an old stack whose update began a minute ago, nor one within the threshold", () => {
    const inventory = testInventory({
      resources: {
        "orchestration.stack": [
          stack("s1", "UPDATE_IN_PROGRESS", { creation_time: ago(400 * 86400), updated_time: ago(60) }),
          stack("s2", "CREATE_IN_PROGRESS", { creation_time: ago(3600) }),
          stack("s3", "CREATE_FAILED", { creation_time: ago(86400) }),
        ],
      },
    });
    expect(detect(stackStuck, inventory)).toEqual([]);
  });

  it("follows an operator's threshold", () => {
    const inventory = testInventory({
      resources: { "orchestration.stack": [stack("s1", "CREATE_IN_PROGRESS", { creation_time: ago(3600) })] },
    });
    expect(detect(stackStuck, inventory, { maxAgeSeconds: 1800 }).map((d) => d.resourceId)).toEqual(["app-s1/s1"]);
  });
});
