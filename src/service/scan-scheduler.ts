// Runs the scan jobs on a cron schedule (croner, with a time zone): a job never overlaps itself or another job of
// the same cloud (those queue), a failing job does not stop the others, and stop() lets running scans finish or abandons them.

import { Cron } from "croner";
import type { Logger } from "../log/logger.ts";
import type { ScanJob } from "./scan-job.ts";

export interface JobStatus {
  key: string;
  cloud: string;
  running: boolean;
  nextRun: string | null;
  lastStarted: string | null;
  lastFinished: string | null;
  lastError: string | null;
}

export interface ScanSchedulerOptions {
  jobs: readonly ScanJob[];
  schedule: string;
  timezone?: string;
  /** Runs one job to the end (scan, record, notify); its errors are caught and kept in the job's status. */
  runJob(job: ScanJob): Promise<void>;
  logger: Logger;
}

interface JobState {
  job: ScanJob;
  cron: Cron | null;
  running: Promise<void> | null;
  lastStarted: string | null;
  lastFinished: string | null;
  lastError: string | null;
}

export class ScanScheduler {
  private readonly states: JobState[];
  private readonly options: ScanSchedulerOptions;
  private readonly cloudQueues = new Map<string, Promise<void>>();
  private stopping = false;
  private abandoning = false;

  constructor(options: ScanSchedulerOptions) {
    this.options = options;
    this.states = options.jobs.map((job) => ({
      job,
      cron: null,
      running: null,
      lastStarted: null,
      lastFinished: null,
      lastError: null,
    }));
  }

  start(): void {
    for (const state of this.states) {
      state.cron = new Cron(
        this.options.schedule,
        {
          name: state.job.key,
          protect: true,
          ...(this.options.timezone === undefined ? {} : { timezone: this.options.timezone }),
        },
        () => this.trigger(state),
      );
    }
  }

  /** Starts every job now (those whose cloud is busy are skipped) and resolves when they have finished. */
  async runAll(): Promise<void> {
    await Promise.all(this.states.map((state) => this.trigger(state)));
  }

  status(): JobStatus[] {
    return this.states.map((s) => ({
      key: s.job.key,
      cloud: s.job.cloud,
      running: s.running !== null,
      nextRun: s.cron?.nextRun()?.toISOString() ?? null,
      lastStarted: s.lastStarted,
      lastFinished: s.lastFinished,
      lastError: s.lastError,
    }));
  }

  /** Stops scheduling; waits up to `graceMs` for running jobs, then returns the keys of those still running. */
  async stop(graceMs: number): Promise<string[]> {
    this.stopping = true;
    for (const state of this.states) state.cron?.stop();
    const running = this.states.filter((s) => s.running !== null);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
    await Promise.race([Promise.all(running.map((s) => s.running ?? Promise.resolve())), timeout]);
    clearTimeout(timer);
    const abandoned = this.states.filter((s) => s.running !== null).map((s) => s.job.key);
    if (abandoned.length > 0) this.abandoning = true;
    return abandoned;
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  /** True once stop()'s grace period ran out with scans still running: their results must not be recorded. */
  get isAbandoning(): boolean {
    return this.abandoning;
  }

  private trigger(state: JobState): Promise<void> {
    const { job } = state;
    if (this.stopping) return Promise.resolve();
    if (state.running !== null) {
      this.options.logger.warn({ job: job.key }, "scan skipped: the previous scan of this job is still running");
      return state.running;
    }
    // Jobs of one cloud queue behind each other (never overlapping, never starving one another).
    const previous = this.cloudQueues.get(job.cloud) ?? Promise.resolve();
    const run = previous.then(async () => {
      if (this.stopping) return;
      state.lastStarted = new Date().toISOString();
      try {
        await this.options.runJob(job);
        state.lastError = null;
      } catch (error) {
        state.lastError = error instanceof Error ? error.message : String(error);
        this.options.logger.error({ job: job.key, error: state.lastError }, "scan job failed");
      } finally {
        state.lastFinished = new Date().toISOString();
      }
    });
    state.running = run;
    this.cloudQueues.set(job.cloud, run);
    void run.finally(() => {
      state.running = null;
      if (this.cloudQueues.get(job.cloud) === run) this.cloudQueues.delete(job.cloud);
    });
    return run;
  }
}
