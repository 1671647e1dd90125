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
});
