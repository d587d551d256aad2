// Who holds the apply lock, and whether that holder is provably dead: a lock names `host:pid`, and on the same host a
// PID that no longer exists cannot be running an apply. Anything less certain (another host, a PID that answers, a
// holder written by something else) leaves the lock to its expiry or to an operator's --break-lock.

import { hostname } from "node:os";

export function lockHolder(): string {
  return `${hostname()}:${process.pid}`;
}

/** True only when the holder ran on this host and its PID is gone (ESRCH); EPERM means someone else's live process. */
export function holderIsDead(holder: string, host: string = hostname()): boolean {
  const match = /^(.+):(\d+)$/.exec(holder);
  if (match === null || match[1] !== host) return false;
  const pid = Number(match[2]);
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}
