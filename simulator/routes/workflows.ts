// Workflows: list, get (by id or file name), enable/disable, dispatch, runs of a workflow, timing.
import type { Hono } from "hono";
import type { SimContext, SimEnv } from "../context.js";
import { countWrite } from "../http/access.js";
import { DOCS, GhError, invalid, notFound } from "../http/errors.js";
import { paginate } from "../http/pagination.js";
import { route } from "../http/route.js";
import { workflowBody } from "../serialize/actions.js";
import type { Repo, Run, Workflow } from "../store/types.js";
import { hash32, interpolate, iso, newJob, parseWorkflow, planJobs, type DispatchInput } from "../actions/model.js";
import { listRuns, osOf, readRepo, writeRepo } from "./runs.js";

function workflowsOf(c: SimContext, repo: Repo): Workflow[] {
  return [...c.get("sim").state.workflows.values()].filter((w) => w.repoId === repo.id && w.state !== "deleted").sort((a, b) => a.id - b.id);
}

/** A workflow by id or by file name (`ci.yml`), as GitHub accepts either. */
export function findWorkflow(c: SimContext, repo: Repo, idOrFile: string | undefined): Workflow {
  const key = decodeURIComponent(idOrFile ?? "");
  const list = workflowsOf(c, repo);
  const wf = /^\d+$/.test(key) ? list.find((w) => w.id === Number(key)) : list.find((w) => w.path.split("/").pop() === key || w.path === key);
  if (!wf) throw notFound();
  return wf;
}

const DISPATCH_DOCS = `${DOCS}/actions/workflows#create-a-workflow-dispatch-event`;

/** Validates dispatch inputs against the workflow's `workflow_dispatch.inputs`, with defaults filled in. */
function checkInputs(defs: DispatchInput[], given: Record<string, unknown>): Record<string, string> {
  const unknown = Object.keys(given).filter((k) => !defs.some((d) => d.name === k));
  if (unknown.length) throw invalid(`Unexpected inputs provided: ${JSON.stringify(unknown)}`);
  const out: Record<string, string> = {};
  for (const d of defs) {
    const raw = given[d.name];
    let value: string | null;
    if (raw === undefined || raw === null) value = d.default;
    else if (typeof raw === "string" || typeof raw === "number" || typeof raw === "boolean") value = String(raw);
    else throw invalid(`Provided value for input '${d.name}' must be a string, number or boolean`);
    if ((value === null || value === "") && d.required) throw invalid(`Required input '${d.name}' not provided`);
    if (value === null) {
      if (d.type === "boolean") value = "false";
      else if (d.type === "choice") value = d.options[0] ?? "";
      else value = "";
    }
    if (d.type === "choice" && value !== "" && !d.options.includes(value)) {
      throw invalid(`Provided value '${value}' for input '${d.name}' not in the list of allowed values`);
    }
    if (d.type === "boolean" && value !== "true" && value !== "false") {
      throw invalid(`Provided value '${value}' for input '${d.name}' is not a valid boolean`);
    }
    if (d.type === "number" && value !== "" && !Number.isFinite(Number(value))) {
      throw invalid(`Provided value '${value}' for input '${d.name}' is not a valid number`);
    }
    out[d.name] = value;
  }
  return out;
}

export function register(api: Hono<SimEnv>): void {
  route(api, "GET", "/repos/{owner}/{repo}/actions/workflows", (c, p) => {
    const repo = readRepo(c, p);
    const page = paginate(c, workflowsOf(c, repo));
    return c.json({ total_count: page.total, workflows: page.items.map((w) => workflowBody(c, repo, w)) });
  });

  route(api, "GET", "/repos/{owner}/{repo}/actions/workflows/{workflow_id}", (c, p) => {
    const repo = readRepo(c, p);
    return c.json(workflowBody(c, repo, findWorkflow(c, repo, p.workflow_id)));
  });

  const setState = (state: Workflow["state"]) => (c: SimContext, p: Record<string, string>) => {
    const repo = writeRepo(c, p);
    const wf = findWorkflow(c, repo, p.workflow_id);
    wf.state = state;
    wf.updated_at = iso(c.get("sim").now().getTime());
    countWrite(c);
    return c.body(null, 204);
  };
  route(api, "PUT", "/repos/{owner}/{repo}/actions/workflows/{workflow_id}/enable", setState("active"));
  route(api, "PUT", "/repos/{owner}/{repo}/actions/workflows/{workflow_id}/disable", setState("disabled_manually"));

  route(api, "POST", "/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches", async (c, p) => {
    const repo = writeRepo(c, p);
    const wf = findWorkflow(c, repo, p.workflow_id);
    let body: unknown;
    try {
      const text = await c.req.text();
      body = text ? JSON.parse(text) : {};
    } catch {
      throw new GhError(400, "Problems parsing JSON", { documentation_url: DISPATCH_DOCS });
    }
    const b = (body && typeof body === "object" && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
    if (typeof b.ref !== "string" || !b.ref) {
      throw invalid(`Invalid request.\n\n"ref" wasn't supplied.`, [{ resource: "WorkflowDispatch", field: "ref", code: "missing_field" }]);
    }
    if (b.inputs !== undefined && (typeof b.inputs !== "object" || b.inputs === null || Array.isArray(b.inputs))) {
      throw invalid(`Invalid request.\n\nFor 'properties/inputs', ${JSON.stringify(b.inputs)} is not an object.`);
    }
    const given = (b.inputs ?? {}) as Record<string, unknown>;
    if (Object.keys(given).length > 10) throw invalid("Invalid request.\n\nFor 'properties/inputs', the maximum number of properties is 10.");
    const branchName = b.ref.replace(/^refs\/heads\//, "");
    const branch = repo.branches.find((x) => x.name === branchName);
    if (!branch) throw invalid(`No ref found for: ${b.ref}`);
    const text = repo.files[wf.path];
    if (!text) throw notFound();
    const parsed = parseWorkflow(text, wf.path);
    if (!parsed.dispatchInputs) throw invalid("Workflow does not have 'workflow_dispatch' trigger");
    if (wf.state !== "active") throw invalid("Cannot trigger a 'workflow_dispatch' on a disabled workflow");
    const inputs = checkInputs(parsed.dispatchInputs, given);

    const sim = c.get("sim");
    const state = sim.state;
    const now = sim.now().getTime();
    const caller = c.get("caller");
    const actor = caller?.user.login ?? repo.owner;
    const user = state.users.get(actor);
    let number = 0;
    for (const r of state.runs.values()) if (r.workflowId === wf.id && r.run_number > number) number = r.run_number;
    const run: Run = {
      id: state.nextId++,
      repoId: repo.id,
      workflowId: wf.id,
      name: parsed.name,
      display_title: parsed.runName ? interpolate(parsed.runName, { inputs, actor, ref: branchName }) : parsed.name,
      run_number: number + 1,
      run_attempt: 1,
      event: "workflow_dispatch",
      status: "queued",
      conclusion: null,
      head_branch: branchName,
      head_sha: branch.sha,
      head_commit: {
        message: `Latest commit on ${branchName}`,
        author: actor,
        email: user?.email ?? `${actor}@users.noreply.github.com`,
        timestamp: iso(now - 60_000),
      },
      actor,
      triggering_actor: actor,
      created_at: iso(now),
      updated_at: iso(now),
      run_started_at: iso(now),
      previousAttempts: [],
      inputs,
      pull_request_number: null,
      logsDeleted: false,
    };
    state.runs.set(run.id, run);
    for (const plan of planJobs(parsed, hash32(run.id, 1), { inputs, actor, ref: branchName })) newJob(state, run, plan, now);
    countWrite(c);
    return c.body(null, 204);
  });

  route(api, "GET", "/repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs", (c, p) => {
    const repo = readRepo(c, p);
    const wf = findWorkflow(c, repo, p.workflow_id);
    const runs = [...c.get("sim").state.runs.values()].filter((r) => r.workflowId === wf.id);
    return listRuns(c, repo, runs);
  });

  route(api, "GET", "/repos/{owner}/{repo}/actions/workflows/{workflow_id}/timing", (c, p) => {
    const repo = readRepo(c, p);
    const wf = findWorkflow(c, repo, p.workflow_id);
    const state = c.get("sim").state;
    const now = c.get("sim").now();
    // usage in the current billing cycle (this calendar month)
    const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
    const billable = { UBUNTU: { total_ms: 0 }, MACOS: { total_ms: 0 }, WINDOWS: { total_ms: 0 } };
    const runIds = new Set<number>();
    for (const r of state.runs.values()) if (r.workflowId === wf.id && Date.parse(r.created_at) >= monthStart) runIds.add(r.id);
    for (const j of state.jobs.values()) {
      if (!runIds.has(j.runId) || !j.started_at || !j.completed_at || j.steps.length === 0) continue;
      billable[osOf(j.labels)].total_ms += Math.max(0, Date.parse(j.completed_at) - Date.parse(j.started_at));
    }
    return c.json({ billable });
  });
}
