import { getEventListeners } from "node:events";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ClosableWaits } from "./closable-waits.ts";

afterEach(() => {
  vi.useRealTimers();
});

describe("ClosableWaits", () => {
  it("lets many requests wait together on one abort listener, without a leak warning", async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error): void => {
      warnings.push(warning);
    };
    process.on("warning", onWarning);
    try {
      const closing = new AbortController();
      const waits = new ClosableWaits(closing.signal);
      const pending = Array.from({ length: 50 }, () => waits.wait(60_000));
      expect(waits.size).toBe(50);
      expect(getEventListeners(closing.signal, "abort")).toHaveLength(1);
      // Node emits its warnings on a later tick.
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.map((warning) => warning.name)).not.toContain("MaxListenersExceededWarning");
      closing.abort();
      await Promise.all(pending);
      expect(waits.size).toBe(0);
    } finally {
      process.off("warning", onWarning);
    }
  });

  it("ends a wait after its time and forgets it", async () => {
    vi.useFakeTimers();
    const waits = new ClosableWaits(new AbortController().signal);
    let done = false;
    const waited = waits.wait(1000).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await waited;
    expect(done).toBe(true);
    expect(waits.size).toBe(0);
  });

  it("answers at once once the cloud is closing, and for no wait at all", async () => {
    vi.useFakeTimers();
    const closing = new AbortController();
    const waits = new ClosableWaits(closing.signal);
    closing.abort();
    await waits.wait(60_000);
    await waits.wait(0);
    expect(waits.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
