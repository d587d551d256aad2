import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { ago, detect, runCheck } from "../support/check-harness.ts";
import { stackFailed } from "./index.ts";

// A stack as Heat's listing shows it to an admin with global_tenant=1.
const stack = (id: string, status: string, extra: Record<string, unknown> = {}) => ({
  id,
  stack_name: `web-${id}`,
  project: "p1",
  stack_status: status,
  stack_status_reason: "Resource CREATE failed: Error: resources.server: quota exceeded",
  creation_time: ago(7200),
  updated_time: null,
  ...extra,
});

describe("stack-failed", () => {
  it("reports each *_FAILED stack with Heat's reason, keyed by name and id", () => {
    const inventory = testInventory({
      resources: {
        "orchestration.stack": [
          stack("s1", "CREATE_FAILED"),
          stack("s2", "UPDATE_FAILED", { updated_time: ago(60) }),
          stack("s3", "ROLLBACK_FAILED"),
        ],
      },
    });
    const detections = detect(stackFailed, inventory);
    expect(detections.map((d) => [d.resourceId, d.summary])).toEqual([
      ["web-s1/s1", "stack in CREATE_FAILED"],
      ["web-s2/s2", "stack in UPDATE_FAILED"],
      ["web-s3/s3", "stack in ROLLBACK_FAILED"],
    ]);
    expect(String(detections[0]?.evidence["stack_status_reason"])).toContain("quota exceeded");
    expect(detections[0]?.since).toBe(ago(7200));
    expect(detections[1]?.since).toBe(ago(60));
    // A failed create or update may hold what its owner still uses: never deleted by stacksweep.
    expect(detections[0]?.remediation?.map((s) => s.action)).toEqual(["report"]);
  });

  it("retries a failed delete, naming the stack as Heat's path needs it", () => {
    const inventory = testInventory({ resources: { "orchestration.stack": [stack("s1", "DELETE_FAILED")] } });
    const [detection] = detect(stackFailed, inventory);
    expect(detection?.remediation).toEqual([
      {
        action: "stack.delete",
        params: { stack_name: "web-s1", stack_id: "s1" },
      },
    ]);
  });

  it("ignores complete and in-progress stacks, and is inconclusive without the stack listing", () => {
    const healthy = testInventory({
      resources: {
        "orchestration.stack": [
          stack("s1", "CREATE_COMPLETE"),
          stack("s2", "UPDATE_IN_PROGRESS"),
          stack("s3", "DELETE_COMPLETE"),
        ],
      },
    });
    expect(detect(stackFailed, healthy)).toEqual([]);
    const failed = testInventory({
      incomplete: { "orchestration.stack": { status: "failed", reason: "503 Service Unavailable" } },
    });
    expect(runCheck(stackFailed, failed)).toMatchObject({ inconclusive: true });
    // A cloud without Heat holds no stack: the check runs over nothing, and the scan stays complete.
    const absent = testInventory({
      incomplete: { "orchestration.stack": { status: "absent", reason: "no orchestration service in the catalog" } },
    });
    expect(runCheck(stackFailed, absent)).toMatchObject({ inconclusive: false, detections: [] });
  });
});
