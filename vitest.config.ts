import { defineConfig } from "vitest/config";

/**
 * Two projects. Unit tests read files and compute: they need no engine, so they have no global
 * setup, and their files run in parallel and share one module graph per worker. Integration tests
 * drive one real Docker engine on a 2-core machine: the global setup checks that the engine answers
 * and prepares the base images, files run one at a time so builds do not starve each other, and
 * timeouts are those of real builds.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          // Measured on the 2-core machine, no engine: 62-78 s with vitest's defaults (one worker, i.e. cores - 1,
          // and a fresh module graph per file), 28 s sharing modules between files, 15-19 s with a worker per core.
          // Sharing is safe because unit tests leave no process state behind (no spies, env or cwd changes).
          isolate: false,
          maxWorkers: "100%",
          // A few build archives of twenty thousand entries or start real processes: seconds, not milliseconds, on 2 busy cores.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 300_000,
          globalSetup: ["test/global-setup.ts"],
          env: { TESTCONTAINERS_RYUK_DISABLED: "true" },
        },
      },
    ],
  },
});
