// What a command loads before it does anything is its start-up time: the static imports of its module, followed
// file by file. A plain scan must not load the history store, the database drivers, metrics, the notification
// consumer or the dashboard; those are imported on the paths that use them. A top-level import of one of them on
// the scan's path fails here.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const SRC = fileURLToPath(new URL("..", import.meta.url));

/** The packages a module reaches through static imports (`import type` and `import()` are not loads at start-up). */
function staticPackages(entry: string): { packages: Set<string>; specifiers: Set<string>; files: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const specifiers = new Set<string>();
  const pending = [resolve(SRC, entry)];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, false);
    for (const statement of source.statements) {
      let specifier: ts.Expression | undefined;
      if (ts.isImportDeclaration(statement) && statement.importClause?.phaseModifier !== ts.SyntaxKind.TypeKeyword) {
        specifier = statement.moduleSpecifier;
      } else if (ts.isExportDeclaration(statement) && !statement.isTypeOnly) {
        specifier = statement.moduleSpecifier;
      }
      if (specifier === undefined || !ts.isStringLiteral(specifier)) continue;
      const name = specifier.text;
      if (name.startsWith(".")) {
        pending.push(resolve(dirname(file), name));
        continue;
      }
      specifiers.add(name);
      if (!name.startsWith("node:"))
        packages.add(name.startsWith("@") ? name.split("/").slice(0, 2).join("/") : name.split("/")[0]!);
    }
  }
  return { packages, specifiers, files };
}

/** Packages that only some runs need: the store, the services' databases, metrics, RabbitMQ, the dashboard, fakecloud. */
const HEAVY = [
  "kysely",
  "better-sqlite3",
  "pg",
  "mysql2",
  "prom-client",
  "amqplib",
  "hono",
  "@hono/node-server",
  "@stacksweep/fakecloud",
];

describe("start-up import graph", () => {
  it("keeps the store, database drivers, metrics, notifications and the dashboard out of a plain scan", () => {
    const { packages, specifiers } = staticPackages("cli/scan.ts");
    expect(HEAVY.filter((name) => packages.has(name))).toEqual([]);
    // undici's Agent is loaded alone (transport/agent.ts); its index brings fetch, WebSocket and caches.
    expect(specifiers.has("undici")).toBe(false);
    expect(specifiers.has("undici/lib/dispatcher/agent.js")).toBe(true);
    // pino loads with the first line written (log/logger.ts): a scan at the default level often writes none.
    expect(packages.has("pino")).toBe(false);
    // The sources below the API (HTTPS to amphora agents, rbd and virsh as child processes) open when configured.
    expect(["node:https", "node:tls", "node:child_process"].filter((name) => specifiers.has(name))).toEqual([]);
  });

  it("loads nothing but commander for --version and for choosing the command", () => {
    const { packages } = staticPackages("cli/main.ts");
    expect([...packages].sort()).toEqual(["@commander-js/extra-typings"]);
  });

  it("lists and validates without the scan's HTTP client or the heavy packages", () => {
    for (const entry of ["cli/checks.ts", "cli/config-validate.ts"]) {
      const { packages } = staticPackages(entry);
      expect(HEAVY.filter((name) => packages.has(name))).toEqual([]);
      expect(packages.has("undici")).toBe(false);
      expect(packages.has("pino")).toBe(false);
    }
  });

  it("follows the static imports it is meant to catch", () => {
    // The walk itself: the scan reaches the session, and through the settings, zod.
    const { files, packages } = staticPackages("cli/scan.ts");
    expect(files.has(resolve(SRC, "openstack/session.ts"))).toBe(true);
    expect(packages.has("zod")).toBe(true);
    // The history store, imported when --store is given, is a dynamic import and is not followed.
    expect(files.has(resolve(SRC, "store/record-scan.ts"))).toBe(false);
  });
});
