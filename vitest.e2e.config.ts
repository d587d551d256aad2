import { defineConfig } from "vitest/config";

// The real-OpenStack tier (npm run test:e2e, through test/e2e/run.sh which brings the devcloud up). One file at a
// time: the suites share one real cloud and two cores, and real API calls take seconds.
export default defineConfig({
  // The workspace packages (@stacksweep/fakecloud, @stacksweep/names) from their sources, as tsconfig.json maps them.
  resolve: { tsconfigPaths: true },
  test: {
    include: ["test/e2e/**/*.e2e.test.ts"],
    testTimeout: 180_000,
    hookTimeout: 900_000,
    pool: "forks",
    fileParallelism: false,
  },
});
