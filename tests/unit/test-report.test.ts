import { describe, expect, it } from "vitest";
import { failedE2eTests, failedUnitTests } from "../../scripts/test-report";

describe("npm test's summary of failures", () => {
  it("names each failing unit test with its file and first message line, colours removed", () => {
    const lines = failedUnitTests(
      {
        numPassedTests: 1,
        numFailedTests: 1,
        testResults: [
          {
            name: "/repo/simulator/a.test.ts",
            assertionResults: [
              { fullName: "seed works", status: "passed" },
              { fullName: "seed keeps builds", status: "failed", failureMessages: ["\n\u001b[31mAssertionError: expected +0 to be 1\u001b[39m\n at x"] },
            ],
          },
          { name: "/repo/tests/unit/broken.test.ts", message: "SyntaxError: Unexpected token", assertionResults: [] },
        ],
      },
      "/repo",
    );
    expect(lines).toEqual([
      "    ✗ simulator/a.test.ts › seed keeps builds: AssertionError: expected +0 to be 1",
      "    ✗ tests/unit/broken.test.ts: SyntaxError: Unexpected token",
    ]);
  });

  it("names each failing e2e spec, found in nested suites, with its line, and errors outside any test", () => {
    const lines = failedE2eTests({
      stats: { expected: 1, unexpected: 1, flaky: 0, skipped: 0 },
      suites: [
        {
          title: "a.spec.ts",
          file: "a.spec.ts",
          specs: [{ title: "passes", ok: true, line: 3 }],
          suites: [
            {
              title: "group",
              specs: [{ title: "fails", ok: false, line: 9, tests: [{ results: [{ error: { message: "Error: timed out\nmore" } }] }] }],
            },
          ],
        },
      ],
      errors: [{ message: "Error: global setup failed\n at x" }],
    });
    expect(lines).toEqual(["    ✗ a.spec.ts:9 › fails: Error: timed out", "    ✗ (outside any test): Error: global setup failed"]);
  });
});
