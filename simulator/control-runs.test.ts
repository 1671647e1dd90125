// The control interface's view of a run's dispatch inputs (GitHub's run object does not show them).
import { describe, expect, it } from "vitest";
import { withSimulator } from "./testing/harness.js";

describe("GET /_sim/state/runs/{id}", () => {
  const sim = withSimulator();

  it("shows the inputs a dispatch stored, with defaults filled in; 404 for an unknown run", async () => {
    const dispatch = await sim.api("POST", "/repos/acme/web/actions/workflows/deploy.yml/dispatches", {
      body: { ref: "main", inputs: { environment: "staging", version: "v9", dry_run: "true", replicas: "4" } },
    });
    expect(dispatch.status).toBe(204);
    const list = await sim.api("GET", "/repos/acme/web/actions/workflows/deploy.yml/runs?event=workflow_dispatch&per_page=1");
    const id = (list.body as { workflow_runs: { id: number }[] }).workflow_runs[0]?.id;
    const r = await sim.raw<{ inputs: Record<string, string>; event: string; head_branch: string; actor: string }>(
      "GET",
      `/_sim/state/runs/${id}`,
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      event: "workflow_dispatch",
      head_branch: "main",
      actor: "mona",
      inputs: { environment: "staging", version: "v9", log_level: "info", dry_run: "true", replicas: "4", notes: "" },
    });
    expect((await sim.raw("GET", "/_sim/state/runs/999999999")).status).toBe(404);
  });
});
