import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)), "server-only": fileURLToPath(new URL("./tests/unit/server-only-stub.ts", import.meta.url)) } },
  test: {
    include: ["tests/unit/**/*.test.ts", "simulator/**/*.test.ts"],
    environment: "node",
    testTimeout: 30000,
    pool: "forks",
    maxWorkers: 2,
  },
});
