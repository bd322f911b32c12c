import { defineConfig } from "vitest/config";

/**
 * Integration tests drive one real Docker engine on a 2-core machine: files run one at a time so
 * builds do not starve each other, and timeouts are those of real builds.
 */
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
    globalSetup: ["test/global-setup.ts"],
    env: { TESTCONTAINERS_RYUK_DISABLED: "true" },
  },
});
