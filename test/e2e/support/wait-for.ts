// Polls a condition until it holds or a deadline passes: the e2e suites wait on real state (a volume `available`,
// a load balancer `ACTIVE`), never on a fixed sleep.
import { setTimeout as delay } from "node:timers/promises";

/**
 * Calls `probe` until it returns a value other than undefined, and returns that value. Throws after `timeoutMs`
 * with `what` and the last observation, so a failure says what was awaited and what was seen instead.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<{ done: T } | { seen: unknown }>,
  timeoutMs = 120_000,
  intervalMs = 1_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await probe();
    if ("done" in result) return result.done;
    if (Date.now() >= deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${JSON.stringify(result.seen)}`);
    }
    // Polling interval between real API reads, not a timing assumption.
    await delay(intervalMs);
  }
}
