// Polls a condition until it holds or a deadline passes (the shape of smithy's waiters): actions wait for the
// service to finish what it accepted with 202, with a deadline so a stuck service never hangs apply.

import { setTimeout as sleep } from "node:timers/promises";

export type PollVerdict<T> = { done: true; value: T } | { done: false; value: T };

/** Calls `probe` until it reports done or `deadline` (epoch ms) passes; returns the last verdict. */
export async function pollUntil<T>(
  probe: () => Promise<PollVerdict<T>>,
  options: { deadline: number; pollIntervalMs: number },
): Promise<PollVerdict<T>> {
  for (;;) {
    const verdict = await probe();
    if (verdict.done || Date.now() >= options.deadline) return verdict;
    await sleep(Math.min(options.pollIntervalMs, Math.max(0, options.deadline - Date.now())));
  }
}
