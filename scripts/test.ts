// `npm test`: lint, type-check, unit tests, build, end-to-end tests; ends with one line "N passed, N failed"
// counting every test it ran (lint, type-check and build count as one each).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { failedE2eTests, failedUnitTests, type PlaywrightReport, type VitestReport } from "./test-report";

interface Tally {
  passed: number;
  failed: number;
}
const total: Tally = { passed: 0, failed: 0 };
const summary: string[] = [];

function run(cmd: string, args: string[], env: Record<string, string> = {}): boolean {
  console.log(`\n▶ ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  return r.status === 0;
}

function check(name: string, ok: boolean) {
  if (ok) total.passed++;
  else total.failed++;
  summary.push(`${ok ? "✓" : "✗"} ${name}`);
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return null;
  }
}

mkdirSync("test-results", { recursive: true });
const npx = "npx";

check("lint", run(npx, ["eslint", ".", "--max-warnings=0"]));
check("type-check", run(npx, ["tsc", "--noEmit"]));

// Unit tests: counts come from Vitest's JSON report.
rmSync("test-results/vitest.json", { force: true });
const unitOk = run(npx, [
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  "--outputFile.json=test-results/vitest.json",
]);
const vitest = readJson<VitestReport>("test-results/vitest.json");
if (vitest) {
  total.passed += vitest.numPassedTests;
  total.failed += vitest.numFailedTests;
  summary.push(
    `${unitOk ? "✓" : "✗"} unit: ${vitest.numPassedTests} passed, ${vitest.numFailedTests} failed`,
  );
  summary.push(...failedUnitTests(vitest, process.cwd()));
  if (!unitOk && vitest.numFailedTests === 0) check("unit test run", false);
} else check("unit test run (no report)", false);

// The dashboard is built once; every end-to-end test runs against this build.
const buildOk = run(npx, ["next", "build"], { NEXT_TELEMETRY_DISABLED: "1" });
check("build", buildOk);

if (buildOk && existsSync(".next")) {
  rmSync("test-results/playwright.json", { force: true });
  const e2eOk = run(npx, ["playwright", "test"], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: "test-results/playwright.json",
  });
  const pw = readJson<PlaywrightReport>("test-results/playwright.json");
  if (pw) {
    total.passed += pw.stats.expected + pw.stats.flaky;
    total.failed += pw.stats.unexpected;
    summary.push(
      `${e2eOk ? "✓" : "✗"} e2e: ${pw.stats.expected} passed, ${pw.stats.unexpected} failed, ${pw.stats.flaky} flaky, ${pw.stats.skipped} skipped`,
    );
    summary.push(...failedE2eTests(pw));
    if (!e2eOk && pw.stats.unexpected === 0) check("e2e run", false);
  } else check("e2e run (no report)", false);
} else {
  check("e2e (not run: the build failed)", false);
}

console.log(`\n${summary.join("\n")}`);
console.log(`${total.passed} passed, ${total.failed} failed`);
process.exit(total.failed === 0 ? 0 : 1);
