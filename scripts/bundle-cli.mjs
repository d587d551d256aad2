// `npm run build`, after tsc: bundles the command line into dist/cli/main.js and chunks beside it, one per command
// and per lazily imported part (store, renderers, drivers). Node 20 has no compile cache for ES modules, so the
// start-up of a command is mostly resolving and reading the files of its imports: one file each instead of hundreds
// halves it (docs/benchmarks.md, "Start-up"). The native addon and optional drivers stay in node_modules.
import { copyFile, mkdir, readdir, rm } from "node:fs/promises";
import { build } from "esbuild";

const outdir = new URL("../dist/cli/", import.meta.url).pathname;
// Chunks of an earlier build would stay beside the new ones.
for (const name of await readdir(outdir).catch(() => [])) if (name.startsWith("bundle-")) await rm(outdir + name);
await build({
  entryPoints: [new URL("../src/cli/main.ts", import.meta.url).pathname],
  outdir,
  // Chunks beside main.js: `createRequire(import.meta.url)("../../package.json")` resolves as it does from tsc's files.
  chunkNames: "bundle-[name]-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  jsx: "automatic",
  jsxImportSource: "hono/jsx",
  sourcemap: true,
  allowOverwrite: true,
  logLevel: "warning",
  external: ["better-sqlite3", "pg-native"],
  // The CommonJS packages in the bundle (commander, pino, mysql2...) call require() for Node's own modules.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});

// The programs the code runs that are not TypeScript, beside tsc's output, where the bundle finds them too
// (src/deep/ceph/rbd-inspect.ts).
for (const file of ["deep/ceph/rbd-inspect.py"]) {
  const target = new URL(`../dist/${file}`, import.meta.url);
  await mkdir(new URL(".", target), { recursive: true });
  await copyFile(new URL(`../src/${file}`, import.meta.url), target);
}
