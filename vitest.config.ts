import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "~": path.resolve("app"),
  "~db": path.resolve("db"),
  "~emails": path.resolve("emails"),
};

export default defineConfig({
  resolve: { alias },
  esbuild: { jsx: "automatic" },
  test: {
    projects: [
      {
        resolve: { alias },
        esbuild: { jsx: "automatic" },
        test: {
          name: "unit",
          include: ["tests/**/*.test.{ts,tsx}", "app/**/*.test.{ts,tsx}", "db/**/*.test.ts", "emails/**/*.test.{ts,tsx}"],
          exclude: ["tests/e2e/**", "node_modules/**"],
          // Each test file gets its own temporary data folder and freshly migrated database.
          setupFiles: ["tests/helpers/setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
