import {defineConfig} from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 300_000,
    // DuckDB files and the browser are heavy: two workers match the two cores.
    maxWorkers: 2
  }
});
