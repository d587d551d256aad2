// Stand-ins for the clients the ceph source runs, so its tests run the real execFile path, deadline and stderr
// parsing: an `rbd` answering each command line as told, and a Python answering as rbd-inspect.py does. Their answers
// are recorded from the single-node cluster of test/e2e/ceph (Ceph 16.2.15, as client.stacksweep), in
// test/support/fixtures/ceph/.
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { testDirectory } from "../test-directory.ts";

export function cephFixture(name: string): string {
  return readFileSync(join(import.meta.dirname, "../fixtures/ceph", name), "utf8");
}

/**
 * The start of every `rbd` stand-in script of the tests: drops the global options the clients pass (`--conf`,
 * `--id`, `--keyring`, `--client-mount-timeout`, `--format`) and appends the rest, one command line, to `log`, so a
 * stand-in answers (and a test asserts) exactly what was asked, e.g. "info volumes/volume-<id>".
 */
export function rbdStandInPrelude(log: string): string[] {
  return [
    "#!/bin/sh",
    'line=""; while [ $# -gt 0 ]; do case "$1" in',
    "  --conf|--id|--keyring|--client-mount-timeout|--format) shift 2 ;;",
    '  *) line="${line:+$line }$1"; shift ;;',
    "esac; done",
    `echo "$line" >> '${log}'`,
  ];
}

export type FakeAnswer = { stdout: string } | { stderr: string; exit: number } | { hang: true };

function executable(dir: string, name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, lines.join("\n"));
  chmodSync(path, 0o755);
  return path;
}

/** The shell lines that give `answer`, its text kept in a file of `dir`. */
function answering(dir: string, key: string, answer: FakeAnswer): string {
  const file = join(dir, `answer-${key}`);
  if ("hang" in answer) return "exec sleep 30";
  if ("stdout" in answer) {
    writeFileSync(file, answer.stdout);
    return `cat '${file}'; exit 0`;
  }
  writeFileSync(file, answer.stderr);
  return `cat '${file}' >&2; exit ${answer.exit}`;
}

/**
 * An `rbd` executable answering each command line (after the global options and `--format json`, e.g. "ls volumes")
 * as told, and failing any other as rbd does for an image that does not exist. Each command line is appended to
 * `log`.
 */
export function fakeRbd(answers: Record<string, FakeAnswer>): { rbd: string; log: string } {
  const dir = testDirectory("fake-rbd");
  const log = join(dir, "commands.log");
  const cases = Object.entries(answers).map(
    ([line, answer], index) => `  '${line}') ${answering(dir, String(index), answer)} ;;`,
  );
  const rbd = executable(dir, "rbd", [
    ...rbdStandInPrelude(log),
    'case "$line" in',
    ...cases,
    '  *) echo "rbd: error opening image: (2) No such file or directory" >&2; exit 2 ;;',
    "esac",
  ]);
  return { rbd, log };
}

export function commandsRun(log: string): string[] {
  try {
    return readFileSync(log, "utf8").trim().split("\n").filter(Boolean);
  } catch {
    return [];
  }
}

/**
 * A `python3` that answers every run of rbd-inspect.py with `answer` and keeps each request it was given on stdin,
 * one JSON a line, in `requests`.
 */
export function fakePython(answer: FakeAnswer): { python: string; requests: string } {
  const dir = testDirectory("fake-python");
  const requests = join(dir, "requests.jsonl");
  const python = executable(dir, "python3", [
    "#!/bin/sh",
    `{ cat; echo; } >> '${requests}'`,
    answering(dir, "python", answer),
  ]);
  return { python, requests };
}

/** What a pool's listing failed with, which must be one line (it becomes the coverage's reason). */
export async function listingFailure(listing: Promise<unknown>): Promise<string> {
  const error = await listing.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(Error);
  const message = (error as Error).message;
  expect(message).not.toContain("\n");
  return message;
}
