import { describe, expect, it } from "vitest";
import { silentLogger } from "../log/logger.ts";
import type { ScanJob } from "./scan-job.ts";
import { ScanScheduler } from "./scan-scheduler.ts";

/** A job whose scan finishes only when the test says so. */
function gatedJob(key: string, cloud: string) {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  return {
    job: { key, cloud, region: "RegionOne", scan: () => Promise.reject(new Error("unused")) } satisfies ScanJob,
    gate,
    release: () => release(),
  };
}

describe("ScanScheduler", () => {
  it("never runs two scans of the same cloud at once, and a failing job does not stop the others", async () => {
    const a = gatedJob("prod/RegionOne", "prod");
    const b = gatedJob("prod/RegionTwo", "prod");
    const c = gatedJob("edge/east", "edge");
    const runs: string[] = [];
    const scheduler = new ScanScheduler({
      jobs: [a.job, b.job, c.job],
      schedule: "0 2 * * *",
      timezone: "Europe/Berlin",
      logger: silentLogger(),
      runJob: async (job) => {
        runs.push(job.key);
        if (job.key === "edge/east") throw new Error("authentication failed");
        await a.gate;
      },
    });
    scheduler.start();
    const first = scheduler.runAll();
    // prod/RegionTwo waits: prod/RegionOne holds the cloud. A second trigger while they run or wait is skipped.
    const second = scheduler.runAll();
    await Promise.resolve();
    expect(runs).toEqual(["prod/RegionOne", "edge/east"]);
    a.release();
    await Promise.all([first, second]);
    expect(runs).toEqual(["prod/RegionOne", "edge/east", "prod/RegionTwo"]);
    const status = scheduler.status();
    expect(status.find((s) => s.key === "edge/east")?.lastError).toBe("authentication failed");
    expect(status.find((s) => s.key === "prod/RegionOne")).toMatchObject({ running: false, lastError: null });
    // The next run is computed in the configured time zone: 02:00 in Berlin is 00:00 or 01:00 UTC.
    expect(status[0]?.nextRun).toMatch(/T0[01]:00:00\.000Z$/);
    await scheduler.runAll();
    expect(runs).toHaveLength(6);
    expect(await scheduler.stop(1000)).toEqual([]);
  });

  it("on stop waits for a running scan within the grace period and reports one that outlives it", async () => {
    const a = gatedJob("prod/RegionOne", "prod");
    const scheduler = new ScanScheduler({
      jobs: [a.job],
      schedule: "0 2 * * *",
      logger: silentLogger(),
      runJob: () => a.gate,
    });
    scheduler.start();
    void scheduler.runAll();
    await new Promise<void>((resolve) => setImmediate(resolve)); // let the queued job start
    expect(scheduler.status()[0]?.lastStarted).not.toBeNull();
    expect(await scheduler.stop(0)).toEqual(["prod/RegionOne"]);
    expect(scheduler.isStopping).toBe(true);
    expect(scheduler.isAbandoning).toBe(true);
    await scheduler.runAll(); // nothing starts once stopping
    a.release();
    expect(await scheduler.stop(1000)).toEqual([]);
    expect(scheduler.status()[0]?.nextRun).toBeNull();
  });
});
