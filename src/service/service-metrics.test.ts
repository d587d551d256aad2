import { afterEach, describe, expect, it } from "vitest";
import { renderPrometheus } from "../report/prometheus.ts";
import { buildScanResult } from "../report/scan-result-fixture.ts";
import { parseExposition } from "../../test/support/report/parse-exposition.ts";
import { testStore, type TestStoreHandle } from "../../test/support/store/test-stores.ts";
import { ServiceMetrics } from "./service-metrics.ts";

describe("ServiceMetrics", () => {
  let handle: TestStoreHandle | undefined;
  afterEach(async () => handle?.cleanup());

  it("has the names, types and labels of serve's /metrics, so the shipped alert rules and dashboard fit both", async () => {
    handle = testStore("sqlite");
    const store = await handle.open();
    {
      await store.recordScan(buildScanResult());
      const metrics = new ServiceMetrics(store);
      metrics.observeScan(buildScanResult());
      const served = parseExposition(
        (await metrics.render())
          .split("\n")
          .filter((line) => /^(# (HELP|TYPE) )?stacksweep_/u.test(line))
          .join("\n") + "\n",
      );
      const result = buildScanResult();
      const file = parseExposition(
        await renderPrometheus(result, {
          newFindings: result.findings,
          lastSuccessAt: [],
        }),
      );
      const shape = (parsed: ReturnType<typeof parseExposition>): Map<string, string> =>
        new Map(
          [...parsed.types].map(([name, type]) => {
            const sample = parsed.samples.find((s) => s.name === name);
            return [
              name,
              `${type} ${Object.keys(sample?.labels ?? {})
                .sort()
                .join(",")}`,
            ];
          }),
        );
      const servedShape = shape(served);
      servedShape.delete("stacksweep_notification_failures_total"); // what serve itself sends
      servedShape.delete("stacksweep_orphans_oldest_age_seconds"); // from the history, which one scan has not
      expect(shape(file)).toEqual(servedShape);
    }
  });
});
