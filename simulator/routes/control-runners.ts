// Control interface for tests: add self-hosted runners (the real API only registers them from the runner
// application). POST /_sim/state/runners {org | repo: "owner/name", name, os?, status?, labels?, group_id?, busy?}.
// `busy: true` holds the runner on a job that never ends (no such job exists), so DELETE answers 422 reliably.
// DELETE /_sim/state/runners/{id} removes a runner the API would refuse to delete (such a "busy" one), so tests can
// leave the fleet as they found it; a runner on a real job is refused (409): the job would lose its runner.
import type { Hono } from "hono";
import type { SimEnv } from "../context.js";
import { DEFAULT_GROUP_ID, getRunnerGroup, label } from "../store/fleet.js";
import type { Runner } from "../store/types.js";

const OSES = ["Linux", "Windows", "macOS"] as const;
/** The job id a "busy" test runner holds: no job has it, so the engine never releases it. */
export const PHANTOM_JOB_ID = -1;

export function registerRunnerControl(app: Hono<SimEnv>): void {
  app.post("/_sim/state/runners", async (c) => {
    const state = c.get("sim").state;
    const body = (await c.req.json().catch(() => ({}))) as Record<string, unknown>;
    const name = typeof body.name === "string" ? body.name.trim() : "";
    if (!name) return c.json({ message: "name is required" }, 400);
    const os = OSES.find((o) => o === body.os) ?? "Linux";
    const status = body.status === "online" ? "online" : "offline";
    let org: string | null = null;
    let repoId: number | null = null;
    let groupId: number | null = null;
    if (typeof body.org === "string") {
      const o = [...state.orgs.values()].find((x) => x.login.toLowerCase() === String(body.org).toLowerCase());
      if (!o) return c.json({ message: "no such org" }, 400);
      org = o.login;
      groupId = typeof body.group_id === "number" ? body.group_id : DEFAULT_GROUP_ID;
      if (!getRunnerGroup(state, org, groupId)) return c.json({ message: "no such runner group" }, 400);
    } else if (typeof body.repo === "string") {
      const [owner, rname] = body.repo.split("/");
      const repo = [...state.repos.values()].find(
        (r) => r.owner.toLowerCase() === owner?.toLowerCase() && r.name.toLowerCase() === rname?.toLowerCase(),
      );
      if (!repo) return c.json({ message: "no such repo" }, 400);
      repoId = repo.id;
      groupId = repo.ownerType === "Organization" ? DEFAULT_GROUP_ID : null;
    } else return c.json({ message: "org or repo is required" }, 400);
    const custom = Array.isArray(body.labels) ? body.labels.filter((l): l is string => typeof l === "string") : [];
    const runner: Runner = {
      id: state.nextId++,
      name,
      os,
      status,
      labels: [label("self-hosted", "read-only"), label(os, "read-only"), label("X64", "read-only"), ...custom.map((l) => label(l, "custom"))],
      org,
      repoId,
      runner_group_id: groupId,
      jobId: body.busy === true ? PHANTOM_JOB_ID : null,
      ephemeral: false,
    };
    state.runners.set(runner.id, runner);
    return c.json({ id: runner.id, name: runner.name }, 201);
  });

  app.delete("/_sim/state/runners/:id", (c) => {
    const state = c.get("sim").state;
    const id = Number(c.req.param("id"));
    const runner = Number.isSafeInteger(id) ? state.runners.get(id) : undefined;
    if (!runner) return c.json({ message: "no such runner" }, 404);
    if (runner.jobId !== null && runner.jobId !== PHANTOM_JOB_ID) {
      return c.json({ message: `runner ${runner.name} is running job ${runner.jobId}; delete it once the job has ended` }, 409);
    }
    state.runners.delete(runner.id);
    return c.body(null, 204);
  });
}
