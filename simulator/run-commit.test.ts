// The contents API at a run's head_sha (the run page reads the workflow file at the run's commit).
import { describe, expect, it } from "vitest";
import { expectValid, expectValidError } from "./testing/openapi.js";
import { withSimulator } from "./testing/harness.js";

describe("contents at a run's commit", () => {
  const sim = withSimulator();

  it("answers the workflow file at a run's head_sha, and 404s for an unknown sha", async () => {
    const runs = await sim.api<{ workflow_runs: { head_sha: string; path: string }[] }>(
      "GET",
      "/repos/acme/web/actions/runs?per_page=5",
    );
    const run = runs.body.workflow_runs[0];
    expect(run).toBeDefined();
    const r = await sim.api<{ content: string; encoding: string; path: string; url: string }>(
      "GET",
      `/repos/acme/web/contents/${run!.path}?ref=${run!.head_sha}`,
    );
    expect(r.status).toBe(200);
    expectValid("GET", "/repos/{owner}/{repo}/contents/{path}", 200, r.body);
    expect(r.body.path).toBe(run!.path);
    expect(r.body.url).toContain(`ref=${run!.head_sha}`);
    expect(Buffer.from(r.body.content, "base64").toString()).toMatch(/^name: /);

    const unknown = await sim.api("GET", `/repos/acme/web/contents/${run!.path}?ref=${"0".repeat(40)}`);
    expect(unknown.status).toBe(404);
    expectValidError("GET", "/repos/{owner}/{repo}/contents/{path}", 404, unknown.body);
    // A sha of another repository's run is not a commit of this one.
    const other = await sim.api<{ workflow_runs: { head_sha: string }[] }>("GET", "/repos/acme/api/actions/runs?per_page=1");
    const foreign = await sim.api("GET", `/repos/acme/web/contents/README.md?ref=${other.body.workflow_runs[0]!.head_sha}`);
    expect(foreign.status).toBe(404);
  });
});
