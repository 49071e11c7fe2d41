import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
    // One test file per core. Most files spend their time waiting on the bot, the emulators
    // and child processes over loopback, so vitest's default (cores - 1: one file at a time on
    // a 2-core machine) leaves a core idle for most of the run.
    maxWorkers: "100%",
  },
});
