// Type-aware lint: no-floating-promises and friends matter in async-heavy API code.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

// The pipeline's direction as a checked rule: each stage under src/ imports only the stages before it (log and files
// are the base every stage may use; config/settings.ts composes the stages' schemas, so it is exempt). Tests and
// test helpers (test/support/, never compiled into dist/) may reach anywhere; product code never reaches into
// fakecloud but through the cli.
// The workspace packages (packages/*) stand alone: they import one another by name, never the product.
const STAGES = [
  "log",
  "files",
  "config",
  "openstack",
  "deep",
  "inventory",
  "checks",
  "findings",
  "store",
  "remediation",
  "report",
  "scan",
  "watch",
  "service",
  "cli",
];
const stageRules = STAGES.map((stage, index) => ({
  files: [`src/${stage}/**/*.ts`, `src/${stage}/**/*.tsx`],
  ignores: ["**/*.test.ts", "**/*.test.tsx", "src/config/settings.ts"],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          ...STAGES.slice(index + 1).map((later) => ({
            group: [`**/${later}/*`],
            message: `src/${stage} comes before src/${later} in the pipeline: it may import only the stages before it (ARCHITECTURE.md).`,
          })),
          ...(stage === "cli"
            ? []
            : [
                {
                  group: ["@stacksweep/fakecloud", "@stacksweep/fakecloud/*", "**/fakecloud/*"],
                  message: "fakecloud is a test tool and the demo's cloud: only src/cli starts it.",
                },
              ]),
        ],
      },
    ],
  },
}));

const packageRule = {
  files: ["packages/**/*.ts"],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          {
            // Three levels up from packages/<name>/<folder>/ is the repository: its src/ and bench/ are the product.
            regex: "^(\\.\\./){3,}(src|bench)/",
            message: "a workspace package depends on nothing of the product: share a list through @stacksweep/names.",
          },
        ],
      },
    ],
  },
};

export default tseslint.config(
  {
    ignores: [
      "**/dist/**",
      "node_modules/**",
      "coverage/**",
      "test-results/**",
      "**/*.js",
      "**/*.mjs",
      "!eslint.config.js",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true, allowBoolean: true }],
      "@typescript-eslint/no-unnecessary-condition": "off",
      "@typescript-eslint/no-confusing-void-expression": "off",
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // zod's named export `z` is one object holding all of zod, which no bundler can prune: every command loaded
      // 390 KB of it (its JSON Schema writer, codecs, formats) before a scan's first request. Its functions
      // imported as a namespace are pruned to those used (200 KB).
      "no-restricted-syntax": [
        "error",
        {
          selector: "ImportDeclaration[source.value='zod'] > ImportSpecifier[imported.name='z']",
          message: 'import * as z from "zod": the named `z` holds all of zod, which the bundle cannot prune.',
        },
      ],
    },
  },
  ...stageRules,
  packageRule,
  { files: ["eslint.config.js"], ...tseslint.configs.disableTypeChecked },
);
