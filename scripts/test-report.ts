// Reads the Vitest and Playwright JSON reports for `npm test`'s summary: which tests failed, and why in one line.
export interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  testResults?: {
    name: string;
    message?: string;
    assertionResults?: { fullName: string; status: string; failureMessages?: string[] }[];
  }[];
}
// The failing tests by name, with their first message line, so the summary (often all a CI log keeps) says which.
export function failedUnitTests(report: VitestReport, root: string): string[] {
  const lines: string[] = [];
  for (const file of report.testResults ?? []) {
    const rel = file.name.replace(`${root}/`, "");
    const failed = (file.assertionResults ?? []).filter((a) => a.status === "failed");
    if (failed.length === 0 && file.message) lines.push(`    ✗ ${rel}: ${firstLine(file.message)}`);
    for (const a of failed)
      lines.push(`    ✗ ${rel} › ${a.fullName}: ${firstLine(a.failureMessages?.[0] ?? "")}`);
  }
  return lines;
}

export interface PlaywrightSuite {
  title: string;
  file?: string;
  specs?: {
    title: string;
    ok: boolean;
    line?: number;
    tests?: { results?: { error?: { message?: string } }[] }[];
  }[];
  suites?: PlaywrightSuite[];
}
export interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  suites?: PlaywrightSuite[];
  /** Failures outside any test (global setup, a file that does not load). */
  errors?: { message?: string }[];
}

/** The failing specs, found in nested suites, with their file and line; then the errors outside any test. */
export function failedE2eTests(report: PlaywrightReport): string[] {
  return [
    ...failedSpecs(report.suites ?? [], ""),
    ...(report.errors ?? []).map((e) => `    ✗ (outside any test): ${firstLine(e.message ?? "")}`),
  ];
}

function failedSpecs(suites: PlaywrightSuite[], file: string): string[] {
  const lines: string[] = [];
  for (const suite of suites) {
    const at = suite.file ?? file;
    for (const spec of suite.specs ?? []) {
      if (spec.ok) continue;
      const error = spec.tests?.flatMap((t) => t.results ?? []).find((r) => r.error)?.error?.message ?? "";
      lines.push(`    ✗ ${at}:${spec.line ?? ""} › ${spec.title}: ${firstLine(error)}`);
    }
    lines.push(...failedSpecs(suite.suites ?? [], at));
  }
  return lines;
}

// eslint-disable-next-line no-control-regex -- the escape is what it removes
const SGR = /\u001b\[[0-9;]*m/g;

function firstLine(text: string): string {
  const line =
    text
      .replace(SGR, "")
      .split("\n")
      .find((l) => l.trim() !== "") ?? "";
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
