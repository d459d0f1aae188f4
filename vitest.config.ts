import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname, "src"),
      // The real module throws outside React's server bundle; tests are server code.
      "server-only": path.resolve(import.meta.dirname, "tests/support/empty.ts"),
    },
  },
  test: {
    include: ["tests/**/*.test.ts"],
    environment: "node",
    globalSetup: ["tests/support/global-setup.ts"],
    setupFiles: ["tests/support/setup-file.ts"],
    pool: "forks",
    maxWorkers: 2,
    // Bounds for a shared CI machine; tests wait for conditions, these only end a broken wait.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // expect.poll's own default gives up after 1 s, which a busy machine overruns (a billing
    // lifecycle test failed that way under stress-ng); a poll ends when its condition holds.
    expect: { poll: { timeout: 30_000 } },
    // No .env: every variable a test needs is set in tests/support/setup-file.ts.
    env: {},
  },
});
