import { defineConfig } from "vitest/config";

// Unit and integration tests live beside the code (src/**/*.test.ts); the real-OpenStack tier
// lives in test/e2e and runs only through `npm run test:e2e`.
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "src/**/*.test.tsx", "bench/**/*.test.ts", "test/unit/**/*.test.ts"],
    exclude: ["test/e2e/**", "node_modules/**", "dist/**"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: "forks",
  },
});
