// The waits a request makes before it is answered (the fixed latency, latency and hang faults), all ended at once
// when the cloud closes. One abort listener serves every pending wait: a listener per wait on the one closing
// signal made Node warn of a leak (MaxListenersExceededWarning) as soon as eleven requests waited together.

export class ClosableWaits {
  private readonly pending = new Set<() => void>();

  constructor(private readonly closing: AbortSignal) {
    closing.addEventListener("abort", () => {
      for (const end of [...this.pending]) end();
    });
  }

  /** Resolves after `ms`, or at once when the cloud is closing or closes meanwhile (never rejects). */
  wait(ms: number): Promise<void> {
    if (ms <= 0 || this.closing.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const end = (): void => {
        clearTimeout(timer);
        this.pending.delete(end);
        resolve();
      };
      const timer = setTimeout(end, ms);
      this.pending.add(end);
    });
  }

  /** How many waits are under way (they hold no listener of their own). */
  get size(): number {
    return this.pending.size;
  }
}
