import { build } from "esbuild";
const r = await build({ entryPoints: ["dist/cli/main.js"], bundle: true, splitting: true, platform: "node", format: "esm", outdir: "/tmp/i18a/bundle/cli", metafile: true, logLevel: "warning", external: ["better-sqlite3", "pg-native"], banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" } });
