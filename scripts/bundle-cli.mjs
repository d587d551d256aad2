// `npm run build`, after tsc: bundles the command line into dist/cli/main.js and chunks beside it, one per command
// and per lazily imported part (store, renderers, drivers). Node 20 has no compile cache for ES modules, so the
// start-up of a command is mostly resolving and reading the files of its imports: one file each instead of hundreds
// halves it (docs/benchmarks.md, "Start-up"). The native addon and optional drivers stay in node_modules.
import { copyFile, mkdir, readdir, rm } from "node:fs/promises";
import { build } from "esbuild";

const outdir = new URL("../dist/cli/", import.meta.url).pathname;

// zod re-exports every language's error messages as `z.locales` (370 KB of the 750 KB it adds to every command that
// reads a configuration); stacksweep writes its own messages and never reads them, and English, which zod configures
// for itself, is its own module. Parsing that code was a tenth of a scan's start before its first request.
const zodWithoutLocales = {
  name: "zod-without-locales",
  setup(build) {
    build.onResolve({ filter: /\/locales\/index\.js$/ }, ({ path, importer }) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(importer) ? { path, namespace: "zod-without-locales" } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "zod-without-locales" }, () => ({ contents: "export {};", loader: "js" }));
  },
};

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
  plugins: [zodWithoutLocales],
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
