// The audit log of apply: every entry goes to the store (which resume reads) and, as one JSON line, to a file an
// operator can tail or ship. Entries carry ids, states and errors; never a token or password (records as the APIs
// show them hold none, and error texts are already redacted by the session).

import { appendFile, open } from "node:fs/promises";
import type { AuditEntry, AuditEntryInput } from "../../store/audit-entry.ts";
import type { HistoryStore } from "../../store/history-store.ts";

export class AuditLog {
  readonly #store: HistoryStore;
  readonly #file: string;

  private constructor(store: HistoryStore, file: string) {
    this.#store = store;
    this.#file = file;
  }

  /** Creates the JSONL file (owner-only) if needed, so a failure to write it stops apply before any call. */
  static async open(store: HistoryStore, file: string): Promise<AuditLog> {
    const handle = await open(file, "a", 0o600);
    await handle.close();
    return new AuditLog(store, file);
  }

  async append(entry: AuditEntryInput): Promise<AuditEntry> {
    const stored = await this.#store.appendAction(entry);
    await appendFile(this.#file, `${JSON.stringify(stored)}\n`, { mode: 0o600 });
    return stored;
  }

  /** The steps of a plan whose last entry says they completed (done, or found already gone). */
  async completedSteps(planId: string): Promise<Set<number>> {
    const last = new Map<number, AuditEntry>();
    for (const entry of await this.#store.listActions({ planId })) last.set(entry.step, entry);
    const done = new Set<number>();
    for (const [step, entry] of last) if (entry.phase === "after" && COMPLETED.has(entry.outcome ?? "")) done.add(step);
    return done;
  }
}

/** Outcomes after which a step never runs again. */
export const COMPLETED = new Set(["done", "already-gone"]);
