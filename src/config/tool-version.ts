// stacksweep's own version, from package.json, read in one place: the bundled CLI puts every module's code in chunks
// in dist/cli/, so a relative path to package.json is right there only from a module two folders deep, as this one is
// in src/ and in tsc's dist/ alike.

import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
export const { version: TOOL_VERSION } = require("../../package.json") as { version: string };
