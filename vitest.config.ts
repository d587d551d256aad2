import { defineConfig } from "vitest/config";
import { browserTestsExcluded } from "./test/support/services/chromium.ts";

// Unit and integration tests live beside the code (src/**/*.test.ts); the real-OpenStack tier
// lives in test/e2e and runs only through `npm run test:e2e`.
export default defineConfig({
  // The workspace packages (@stacksweep/fakecloud, @stacksweep/names) from their sources, as tsconfig.json maps them.
  resolve: { tsconfigPaths: true },
  test: {
    include: [
      "src/**/*.test.ts",
      "src/**/*.test.tsx",
      "packages/*/src/**/*.test.ts",
      "bench/**/*.test.ts",
      "test/unit/**/*.test.ts",
    ],
    exclude: ["test/e2e/**", "node_modules/**", "dist/**", ...browserTestsExcluded()],
    // The store tests' PostgreSQL: STACKSWEEP_TEST_PG_URL, or a throwaway server started for the run.
    globalSetup: ["test/support/services/postgres.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: "forks",
  },
});
