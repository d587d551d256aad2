import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../config/errors.ts";
import { HistoryStore } from "./history-store.ts";
import { parseDuration } from "./parse-duration.ts";
import { StoreError } from "./store-error.ts";
import { defaultStorePath, describeStoreLocation, resolveStoreLocation } from "./store-location.ts";

describe("store location", () => {
  it("defaults to history.sqlite under XDG_STATE_HOME, or ~/.local/state when it is unset or relative", () => {
    expect(defaultStorePath({ XDG_STATE_HOME: "/var/lib/ops", HOME: "/home/op" })).toBe(
      "/var/lib/ops/stacksweep/history.sqlite",
    );
    expect(defaultStorePath({ HOME: "/home/op" })).toBe("/home/op/.local/state/stacksweep/history.sqlite");
    expect(defaultStorePath({ XDG_STATE_HOME: "state", HOME: "/home/op" })).toBe(
      "/home/op/.local/state/stacksweep/history.sqlite",
    );
  });

  it("takes postgres:// and postgresql:// URLs as PostgreSQL and anything else as a file relative to the cwd", () => {
    expect(resolveStoreLocation("postgres://u@db:5432/hist")).toEqual({
      dialect: "postgres",
      url: "postgres://u@db:5432/hist",
    });
    expect(resolveStoreLocation("postgresql://u@db/hist").dialect).toBe("postgres");
    expect(resolveStoreLocation("h.sqlite", { cwd: "/srv" })).toEqual({ dialect: "sqlite", path: "/srv/h.sqlite" });
    expect(resolveStoreLocation(undefined, { env: { HOME: "/root" } })).toEqual({
      dialect: "sqlite",
      path: "/root/.local/state/stacksweep/history.sqlite",
    });
  });

  it("rejects another URL scheme with one line, without echoing a password", () => {
    const attempt = () => resolveStoreLocation("mysql://admin:s3cret@db/hist");
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(
      'command line: store: a SQLite file path or a postgres:// URL, got "mysql://admin:***@db/hist"',
    );
  });

  it("never shows a URL's password", () => {
    expect(describeStoreLocation({ dialect: "postgres", url: "postgres://stacksweep:s3cret@db:5432/h" })).toBe(
      "postgres://stacksweep:***@db:5432/h",
    );
    expect(describeStoreLocation({ dialect: "postgres", url: "postgres://db/h?user=x&password=s3cret" })).toBe(
      "postgres://db/h?user=x&password=***",
    );
  });

  it("reports an unreachable PostgreSQL as one StoreError line without the password", async () => {
    const attempt = HistoryStore.open({ location: "postgres://stacksweep:s3cret@127.0.0.1:1/h" });
    await expect(attempt).rejects.toThrow(StoreError);
    await expect(attempt).rejects.toThrow(
      /^history store postgres:\/\/stacksweep:\*\*\*@127\.0\.0\.1:1\/h: cannot migrate the schema: .*ECONNREFUSED/,
    );
    await expect(attempt).rejects.not.toThrow(/s3cret/);
  });

  it("reports a SQLite file that cannot be created as one StoreError line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "stacksweep-location-"));
    try {
      const notADirectory = join(dir, "file");
      writeFileSync(notADirectory, "");
      await expect(HistoryStore.open({ location: join(notADirectory, "history.sqlite") })).rejects.toThrow(
        /^history store .*\/file\/history\.sqlite: cannot open the SQLite file: E[A-Z]+/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("parseDuration", () => {
  it("reads the units operators write, alone or combined", () => {
    expect(parseDuration("90s")).toBe(90);
    expect(parseDuration("30m")).toBe(1800);
    expect(parseDuration("24h")).toBe(86_400);
    expect(parseDuration("7d")).toBe(604_800);
    expect(parseDuration("2w")).toBe(1_209_600);
    expect(parseDuration("1d12h")).toBe(129_600);
    expect(parseDuration("0")).toBe(0);
  });
  it("rejects anything else, naming the value", () => {
    for (const bad of ["", "7 days", "-1h", "1.5h", "h"])
      expect(() => parseDuration(bad, "--grace")).toThrow(`--grace: expected a duration`);
  });
});
