import { describe, expect, it } from "vitest";
import { withSimulator } from "./testing/harness.js";

describe("control: POST /_sim/state/runners", () => {
  const sim = withSimulator();

  it("adds an offline org runner in the Default group, listed and deletable through the API", async () => {
    const made = await sim.raw<{ id: number }>("POST", "/_sim/state/runners", { body: { org: "acme", name: "t-offline-1", labels: ["e2e"] } });
    expect(made.status).toBe(201);
    const got = await sim.api<{ name: string; status: string; busy: boolean; runner_group_id: number; labels: { name: string; type: string }[] }>(
      "GET",
      `/orgs/acme/actions/runners/${made.body.id}`,
    );
    expect(got.body).toMatchObject({ name: "t-offline-1", status: "offline", busy: false, runner_group_id: 1 });
    expect(got.body.labels.map((l) => `${l.name}:${l.type}`)).toEqual(["self-hosted:read-only", "Linux:read-only", "X64:read-only", "e2e:custom"]);
    expect((await sim.api("DELETE", `/orgs/acme/actions/runners/${made.body.id}`)).status).toBe(204);
  });

  it("a busy test runner stays busy and cannot be deleted (422)", async () => {
    const made = await sim.raw<{ id: number }>("POST", "/_sim/state/runners", { body: { repo: "acme/web", name: "t-busy-1", status: "online", busy: true } });
    expect(made.status).toBe(201);
    const got = await sim.api<{ busy: boolean }>("GET", `/repos/acme/web/actions/runners/${made.body.id}`);
    expect(got.body.busy).toBe(true);
    expect((await sim.api("DELETE", `/repos/acme/web/actions/runners/${made.body.id}`)).status).toBe(422);
  });

  it("refuses a missing name or scope", async () => {
    expect((await sim.raw("POST", "/_sim/state/runners", { body: { org: "acme" } })).status).toBe(400);
    expect((await sim.raw("POST", "/_sim/state/runners", { body: { name: "x" } })).status).toBe(400);
    expect((await sim.raw("POST", "/_sim/state/runners", { body: { org: "acme", name: "x", group_id: 999999 } })).status).toBe(400);
  });

  it("DELETE /_sim/state/runners/{id} removes a test runner the API refuses to delete (busy), and only that", async () => {
    const made = await sim.raw<{ id: number }>("POST", "/_sim/state/runners", { body: { org: "acme", name: "t-busy-gone", status: "online", busy: true } });
    expect(made.status).toBe(201);
    const before = sim.sim!.state.runners.size;
    expect((await sim.api("DELETE", `/orgs/acme/actions/runners/${made.body.id}`)).status).toBe(422);
    expect((await sim.raw("DELETE", `/_sim/state/runners/${made.body.id}`)).status).toBe(204);
    expect(sim.sim!.state.runners.size).toBe(before - 1);
    expect((await sim.api("GET", `/orgs/acme/actions/runners/${made.body.id}`)).status).toBe(404);
    const list = await sim.api<{ runners: { id: number }[] }>("GET", "/orgs/acme/actions/runners?per_page=100");
    expect(list.body.runners.map((r) => r.id)).not.toContain(made.body.id);
    // Gone is gone; junk ids are not found.
    expect((await sim.raw("DELETE", `/_sim/state/runners/${made.body.id}`)).status).toBe(404);
    expect((await sim.raw("DELETE", "/_sim/state/runners/abc")).status).toBe(404);
  });

  it("refuses to remove a runner that is running a real job (409), which stays", async () => {
    const onJob = [...sim.sim!.state.runners.values()].find((r) => r.jobId !== null && r.jobId > 0);
    expect(onJob).toBeDefined();
    const res = await sim.raw<{ message: string }>("DELETE", `/_sim/state/runners/${onJob!.id}`);
    expect(res.status).toBe(409);
    expect(res.body.message).toContain(`job ${onJob!.jobId}`);
    expect(sim.sim!.state.runners.has(onJob!.id)).toBe(true);
  });
});
