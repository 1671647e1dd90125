/**
 * The contract: every documented endpoint the simulator serves (the 74 seed endpoints and the extras of
 * issue 2) answers at least one success and one error request against the seeded simulator, and every
 * response validates against GitHub's OpenAPI description (simulator/testing/openapi.ts).
 *
 * Cases run in order within this file: writes happen on fresh objects (a runner group, secrets created
 * here) or on seeded objects no other case of this file depends on afterwards.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import sodium from "libsodium-wrappers";
import { parseDocument } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./app.js";
import { TOKENS, withSimulator, type ApiMethod, type ApiResponse } from "./testing/harness.js";
import { expectValid, expectValidError, hasOperation, validateResponse } from "./testing/openapi.js";

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** Extras of issue 2 that the OpenAPI description documents (OAuth pages and token revocation are not in it). */
const EXTRA_ENDPOINTS = [
  "GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}",
  "GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs",
  "GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/logs",
  "POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs",
  "POST /repos/{owner}/{repo}/actions/jobs/{job_id}/rerun",
  "POST /repos/{owner}/{repo}/actions/runs/{run_id}/force-cancel",
  "GET /orgs/{org}/actions/runners/{runner_id}/labels",
  "POST /orgs/{org}/actions/runners/{runner_id}/labels",
  "PUT /orgs/{org}/actions/runners/{runner_id}/labels",
  "DELETE /orgs/{org}/actions/runners/{runner_id}/labels",
  "DELETE /orgs/{org}/actions/runners/{runner_id}/labels/{name}",
  "GET /repos/{owner}/{repo}/actions/runners/{runner_id}/labels",
  "POST /repos/{owner}/{repo}/actions/runners/{runner_id}/labels",
  "PUT /repos/{owner}/{repo}/actions/runners/{runner_id}/labels",
  "DELETE /repos/{owner}/{repo}/actions/runners/{runner_id}/labels",
  "DELETE /repos/{owner}/{repo}/actions/runners/{runner_id}/labels/{name}",
  "GET /repos/{owner}/{repo}/actions/organization-secrets",
  "GET /user",
  "GET /user/orgs",
  "GET /user/repos",
  "GET /orgs/{org}",
  "GET /orgs/{org}/repos",
  "GET /repos/{owner}/{repo}",
  "GET /repos/{owner}/{repo}/branches",
  "GET /repos/{owner}/{repo}/contents/{path}",
  "GET /rate_limit",
];

const SEED_ENDPOINTS = readFileSync(path.join(HERE, "testing", "seed-endpoints.txt"), "utf8")
  .split("\n")
  .map((l) => l.trim())
  .filter(Boolean);

const MISSING = 999_999_999;

/** Seeded objects the cases use, resolved through list endpoints before the cases run. */
interface Ctx {
  webId: number;
  apiRepoId: number;
  orgRunnerId: number;
  /** An org runner no other case uses: moved between groups, labelled, then deleted. */
  spareOrgRunnerId: number;
  repoOwner: string;
  repoName: string;
  repoRunnerId: number;
  spareRepoRunnerId: number;
  groupId: number;
  workflowId: number;
  dispatchWorkflowId: number;
  dispatchInputs: Record<string, unknown>;
  runId: number;
  attempt: number;
  /** A completed run with a failure, for rerun-failed-jobs. */
  failedRunId: number;
  /** A completed run whose logs and then itself get deleted. */
  doomedRunId: number;
  /** Runs still running, for cancel and force-cancel. */
  activeRunIds: number[];
  jobId: number;
  /** A job of a completed run no other case touches, for POST .../jobs/{job_id}/rerun. */
  rerunJobId: number;
  artifactId: number;
  doomedArtifactId: number;
  orgKey: { key_id: string; key: string };
  repoKey: { key_id: string; key: string };
  seededOrgSecret: string;
}

interface Req {
  /** Defaults to the case's method. */
  method?: ApiMethod;
  path: (c: Ctx) => string;
  body?: (c: Ctx) => unknown;
  token?: string | null;
  headers?: Record<string, string>;
  status: number;
  /** Run after the response validated, e.g. to remember a created id. */
  then?: (res: ApiResponse, c: Ctx) => void;
}

interface Case {
  /** "METHOD /template" as in the OpenAPI description. */
  op: string;
  /** State the success requests need, set up before them (not validated here). */
  before?: () => Promise<void>;
  ok: Req[];
  errors: Req[];
}

const sim = withSimulator();
const ctx = {} as Ctx;
const created = { groupId: 0 };

async function getJson<T>(p: string, token: string = TOKENS.mona): Promise<T> {
  const res = await sim.api<T>("GET", p, { token });
  if (res.status !== 200)
    throw new Error(`setup: GET ${p} answered ${res.status}: ${res.text.slice(0, 300)}`);
  return res.body;
}

function first<T>(items: T[], what: string): T {
  const x = items[0];
  if (x === undefined) throw new Error(`setup: no ${what} in the seeded data`);
  return x;
}

async function seal(publicKeyB64: string, value: string): Promise<string> {
  await sodium.ready;
  const sealed = sodium.crypto_box_seal(
    sodium.from_string(value),
    sodium.from_base64(publicKeyB64, sodium.base64_variants.ORIGINAL),
  );
  return sodium.to_base64(sealed, sodium.base64_variants.ORIGINAL);
}

type Run = {
  id: number;
  status: string;
  conclusion: string | null;
  run_attempt?: number;
  workflow_id: number;
};
type Runner = { id: number; busy: boolean; status: string };

/** A value valid for a workflow_dispatch input of this definition. */
function inputValue(def: {
  type?: string;
  default?: string | number | boolean | null;
  options?: (string | number)[];
}): unknown {
  if (def.default !== undefined && def.default !== null && def.default !== "") return String(def.default);
  switch (def.type) {
    case "boolean":
      return "true";
    case "choice":
      return String(def.options?.[0] ?? "");
    case "number":
      return "1";
    case "environment":
      return "production";
    default:
      return "contract";
  }
}

beforeAll(async () => {
  ctx.webId = (await getJson<{ id: number }>("/repos/acme/web")).id;
  ctx.apiRepoId = (await getJson<{ id: number }>("/repos/acme/api")).id;

  const orgRunners = (await getJson<{ runners: Runner[] }>("/orgs/acme/actions/runners?per_page=100"))
    .runners;
  const idle = orgRunners.filter((r) => !r.busy);
  ctx.orgRunnerId = first(orgRunners, "org runner").id;
  ctx.spareOrgRunnerId = first(idle.filter((r) => r.id !== ctx.orgRunnerId).reverse(), "idle org runner").id;

  // Repo-level runners: acme/web if it has some, else the first acme repository that does.
  const repos = (
    await getJson<{ name: string; owner: { login: string } }[]>("/orgs/acme/repos?per_page=100")
  ).map((r) => r.name);
  ctx.repoOwner = "acme";
  ctx.repoName = "";
  for (const name of ["web", ...repos.filter((n) => n !== "web")]) {
    const rs = (await getJson<{ runners: Runner[] }>(`/repos/acme/${name}/actions/runners?per_page=100`))
      .runners;
    const idleRs = rs.filter((r) => !r.busy);
    if (rs.length >= 2 && idleRs.length >= 1) {
      ctx.repoName = name;
      ctx.repoRunnerId = first(rs, "repo runner").id;
      ctx.spareRepoRunnerId = first(
        idleRs.filter((r) => r.id !== ctx.repoRunnerId).reverse(),
        "idle repo runner",
      ).id;
      break;
    }
  }
  if (!ctx.repoName) throw new Error("setup: no acme repository with two repo-level runners");

  const groups = (
    await getJson<{ runner_groups: { id: number; default: boolean }[] }>("/orgs/acme/actions/runner-groups")
  ).runner_groups;
  ctx.groupId = first(
    groups.filter((g) => !g.default),
    "non-default runner group",
  ).id;

  const workflows = (
    await getJson<{ workflows: { id: number; path: string }[] }>("/repos/acme/web/actions/workflows")
  ).workflows;
  const ci = workflows.find((w) => w.path.endsWith("/ci.yml")) ?? first(workflows, "workflow");
  ctx.workflowId = ci.id;
  const deploy = workflows.find((w) => w.path.endsWith("/deploy.yml"));
  if (!deploy) throw new Error("setup: acme/web has no deploy.yml workflow");
  ctx.dispatchWorkflowId = deploy.id;
  const file = await getJson<{ content: string; encoding: string }>(
    `/repos/acme/web/contents/${deploy.path}`,
  );
  // toJS() of the document rather than parse(), so a YAML error elsewhere in the file does not hide the inputs.
  const yaml = parseDocument(Buffer.from(file.content, "base64").toString("utf8")).toJS() as {
    on?: { workflow_dispatch?: { inputs?: Record<string, Parameters<typeof inputValue>[0] | null> } };
  };
  ctx.dispatchInputs = Object.fromEntries(
    Object.entries(yaml.on?.workflow_dispatch?.inputs ?? {}).map(([k, def]) => [k, inputValue(def ?? {})]),
  );

  const completed = (
    await getJson<{ workflow_runs: Run[] }>("/repos/acme/web/actions/runs?status=completed&per_page=100")
  ).workflow_runs;
  const success = completed.filter((r) => r.conclusion === "success");
  ctx.runId = first(success, "successful run").id;
  ctx.attempt = first(success, "successful run").run_attempt ?? 1;
  ctx.failedRunId = first(
    completed.filter((r) => r.conclusion === "failure" && r.id !== ctx.runId),
    "failed run",
  ).id;
  ctx.doomedRunId = first(
    completed.filter((r) => r.id !== ctx.runId && r.id !== ctx.failedRunId).reverse(),
    "another completed run",
  ).id;
  const active: Run[] = [];
  for (const status of ["in_progress", "queued", "waiting", "pending", "requested"]) {
    const rs = (
      await getJson<{ workflow_runs: Run[] }>(`/repos/acme/web/actions/runs?status=${status}&per_page=100`)
    ).workflow_runs;
    active.push(...rs);
  }
  if (active.length < 2)
    throw new Error("setup: acme/web needs two runs still running (queued or in progress)");
  ctx.activeRunIds = active.map((r) => r.id);

  const jobs = (await getJson<{ jobs: { id: number }[] }>(`/repos/acme/web/actions/runs/${ctx.runId}/jobs`))
    .jobs;
  ctx.jobId = first(jobs, "job").id;
  // A job of another completed run (one that has jobs: some conclusions, e.g. startup failures, have none).
  ctx.rerunJobId = 0;
  for (const r of completed.filter((x) => ![ctx.runId, ctx.failedRunId, ctx.doomedRunId].includes(x.id))) {
    const js = (await getJson<{ jobs: { id: number }[] }>(`/repos/acme/web/actions/runs/${r.id}/jobs`)).jobs;
    if (js[0]) {
      ctx.rerunJobId = js[0].id;
      break;
    }
  }
  if (!ctx.rerunJobId) throw new Error("setup: no job of a fourth completed run in the seeded data");

  const artifacts = (
    await getJson<{ artifacts: { id: number; expired: boolean }[] }>(
      "/repos/acme/web/actions/artifacts?per_page=100",
    )
  ).artifacts.filter((a) => !a.expired);
  ctx.artifactId = first(artifacts, "artifact").id;
  ctx.doomedArtifactId = first(
    artifacts.filter((a) => a.id !== ctx.artifactId).reverse(),
    "second artifact",
  ).id;

  ctx.orgKey = await getJson("/orgs/acme/actions/secrets/public-key");
  ctx.repoKey = await getJson("/repos/acme/web/actions/secrets/public-key");
  const orgSecrets = (await getJson<{ secrets: { name: string }[] }>("/orgs/acme/actions/secrets")).secrets;
  ctx.seededOrgSecret = first(orgSecrets, "org secret").name;
}, 60_000);

const W = "/repos/acme/web";
const RR = (c: Ctx) => `/repos/${c.repoOwner}/${c.repoName}`;
const get = (p: (c: Ctx) => string, status = 200): Req => ({ path: p, status });
const notFoundOrg = (suffix: string): Req => ({
  path: () => `/orgs/no-such-org-zz/actions${suffix}`,
  status: 404,
});
const notFoundRepo = (suffix: string): Req => ({
  path: () => `/repos/acme/no-such-repo-zz${suffix}`,
  status: 404,
});

const CASES: Case[] = [
  // --- navigation -------------------------------------------------------------------------------------
  {
    op: "GET /meta",
    ok: [get(() => "/meta")],
    errors: [{ path: () => "/meta", headers: { "X-GitHub-Api-Version": "1999-01-01" }, status: 400 }],
  },
  { op: "GET /user", ok: [get(() => "/user")], errors: [{ path: () => "/user", token: null, status: 401 }] },
  {
    op: "GET /user/orgs",
    ok: [get(() => "/user/orgs")],
    errors: [{ path: () => "/user/orgs", token: null, status: 401 }],
  },
  {
    op: "GET /user/repos",
    ok: [get(() => "/user/repos?per_page=5")],
    errors: [{ path: () => "/user/repos", token: null, status: 401 }],
  },
  { op: "GET /orgs/{org}", ok: [get(() => "/orgs/acme")], errors: [get(() => "/orgs/no-such-org-zz", 404)] },
  {
    op: "GET /orgs/{org}/repos",
    ok: [get(() => "/orgs/acme/repos?per_page=5")],
    errors: [get(() => "/orgs/no-such-org-zz/repos", 404)],
  },
  {
    op: "GET /repos/{owner}/{repo}",
    ok: [get(() => W), get(() => "/repos/acme/api")],
    errors: [
      get(() => "/repos/acme/no-such-repo-zz", 404),
      { path: () => "/repos/acme/api", token: null, status: 404 },
    ],
  },
  {
    op: "GET /repos/{owner}/{repo}/branches",
    ok: [get(() => `${W}/branches`)],
    errors: [notFoundRepo("/branches")],
  },
  {
    op: "GET /repos/{owner}/{repo}/contents/{path}",
    ok: [get(() => `${W}/contents/.github/workflows/ci.yml`)],
    errors: [get(() => `${W}/contents/.github/workflows/no-such-file.yml`, 404)],
  },
  {
    op: "GET /rate_limit",
    ok: [get(() => "/rate_limit")],
    errors: [{ path: () => "/rate_limit", token: "ghp_notARealToken00000000000000000000000", status: 401 }],
  },

  // --- org Actions permissions -----------------------------------------------------------------------
  {
    op: "GET /orgs/{org}/actions/permissions",
    ok: [get(() => "/orgs/acme/actions/permissions")],
    errors: [notFoundOrg("/permissions")],
  },
  {
    op: "PUT /orgs/{org}/actions/permissions",
    ok: [
      {
        path: () => "/orgs/acme/actions/permissions",
        body: () => ({ enabled_repositories: "selected", allowed_actions: "selected" }),
        status: 204,
      },
    ],
    errors: [
      {
        path: () => "/orgs/acme/actions/permissions",
        body: () => ({ enabled_repositories: "bogus" }),
        status: 422,
      },
      {
        path: () => "/orgs/acme/actions/permissions",
        token: TOKENS.octocat,
        body: () => ({ enabled_repositories: "all" }),
        status: 403,
      },
    ],
  },
  {
    op: "PUT /orgs/{org}/actions/permissions/repositories",
    ok: [
      {
        path: () => "/orgs/acme/actions/permissions/repositories",
        body: (c) => ({ selected_repository_ids: [c.webId] }),
        status: 204,
      },
    ],
    errors: [{ path: () => "/orgs/acme/actions/permissions/repositories", body: () => ({}), status: 422 }],
  },
  {
    op: "GET /orgs/{org}/actions/permissions/repositories",
    ok: [get(() => "/orgs/acme/actions/permissions/repositories")],
    errors: [notFoundOrg("/permissions/repositories")],
  },
  {
    op: "PUT /orgs/{org}/actions/permissions/repositories/{repository_id}",
    ok: [{ path: (c) => `/orgs/acme/actions/permissions/repositories/${c.apiRepoId}`, status: 204 }],
    errors: [
      { path: (c) => `/orgs/no-such-org-zz/actions/permissions/repositories/${c.apiRepoId}`, status: 404 },
    ],
  },
  {
    op: "DELETE /orgs/{org}/actions/permissions/repositories/{repository_id}",
    ok: [{ path: (c) => `/orgs/acme/actions/permissions/repositories/${c.apiRepoId}`, status: 204 }],
    errors: [
      { path: (c) => `/orgs/no-such-org-zz/actions/permissions/repositories/${c.apiRepoId}`, status: 404 },
    ],
  },
  {
    op: "PUT /orgs/{org}/actions/permissions/selected-actions",
    ok: [
      {
        path: () => "/orgs/acme/actions/permissions/selected-actions",
        body: () => ({
          github_owned_allowed: true,
          verified_allowed: false,
          patterns_allowed: ["monalisa/octocat@*", "docker/*"],
        }),
        status: 204,
      },
    ],
    errors: [notFoundOrg("/permissions/selected-actions")],
  },
  {
    op: "GET /orgs/{org}/actions/permissions/selected-actions",
    ok: [get(() => "/orgs/acme/actions/permissions/selected-actions")],
    errors: [notFoundOrg("/permissions/selected-actions")],
  },

  // --- runner groups (on a group created here) --------------------------------------------------------
  {
    op: "GET /orgs/{org}/actions/runner-groups",
    ok: [get(() => "/orgs/acme/actions/runner-groups")],
    errors: [notFoundOrg("/runner-groups")],
  },
  {
    op: "POST /orgs/{org}/actions/runner-groups",
    ok: [
      {
        path: () => "/orgs/acme/actions/runner-groups",
        body: (c) => ({
          name: "contract-group",
          visibility: "selected",
          selected_repository_ids: [c.webId],
          runners: [],
        }),
        status: 201,
        then: (res) => {
          created.groupId = (res.body as { id: number }).id;
        },
      },
    ],
    errors: [
      { path: () => "/orgs/acme/actions/runner-groups", body: () => ({ visibility: "all" }), status: 422 },
    ],
  },
  {
    op: "GET /orgs/{org}/actions/runner-groups/{runner_group_id}",
    ok: [
      get(() => `/orgs/acme/actions/runner-groups/${created.groupId}`),
      get((c) => `/orgs/acme/actions/runner-groups/${c.groupId}`),
    ],
    errors: [get(() => `/orgs/acme/actions/runner-groups/${MISSING}`, 404)],
  },
  {
    op: "PATCH /orgs/{org}/actions/runner-groups/{runner_group_id}",
    ok: [
      {
        path: () => `/orgs/acme/actions/runner-groups/${created.groupId}`,
        body: () => ({ name: "contract-group-renamed" }),
        status: 200,
      },
    ],
    errors: [
      { path: () => `/orgs/acme/actions/runner-groups/${MISSING}`, body: () => ({ name: "x" }), status: 404 },
    ],
  },
  {
    op: "PUT /orgs/{org}/actions/runner-groups/{runner_group_id}/repositories",
    ok: [
      {
        path: () => `/orgs/acme/actions/runner-groups/${created.groupId}/repositories`,
        body: (c) => ({ selected_repository_ids: [c.webId] }),
        status: 204,
      },
    ],
    errors: [
      {
        path: () => `/orgs/acme/actions/runner-groups/${MISSING}/repositories`,
        body: (c) => ({ selected_repository_ids: [c.webId] }),
        status: 404,
      },
    ],
  },
  {
    op: "PUT /orgs/{org}/actions/runner-groups/{runner_group_id}/repositories/{repository_id}",
    ok: [
      {
        path: (c) => `/orgs/acme/actions/runner-groups/${created.groupId}/repositories/${c.apiRepoId}`,
        status: 204,
      },
    ],
    errors: [
      { path: (c) => `/orgs/acme/actions/runner-groups/${MISSING}/repositories/${c.apiRepoId}`, status: 404 },
    ],
  },
  {
    op: "GET /orgs/{org}/actions/runner-groups/{runner_group_id}/repositories",
    ok: [get(() => `/orgs/acme/actions/runner-groups/${created.groupId}/repositories`)],
    errors: [get(() => `/orgs/acme/actions/runner-groups/${MISSING}/repositories`, 404)],
  },
  {
    op: "DELETE /orgs/{org}/actions/runner-groups/{runner_group_id}/repositories/{repository_id}",
    ok: [
      {
        path: (c) => `/orgs/acme/actions/runner-groups/${created.groupId}/repositories/${c.apiRepoId}`,
        status: 204,
      },
    ],
    errors: [
      { path: (c) => `/orgs/acme/actions/runner-groups/${MISSING}/repositories/${c.apiRepoId}`, status: 404 },
    ],
  },
  {
    op: "PUT /orgs/{org}/actions/runner-groups/{runner_group_id}/runners",
    ok: [
      {
        path: () => `/orgs/acme/actions/runner-groups/${created.groupId}/runners`,
        body: (c) => ({ runners: [c.spareOrgRunnerId] }),
        status: 204,
      },
    ],
    errors: [
      {
        path: () => `/orgs/acme/actions/runner-groups/${MISSING}/runners`,
        body: (c) => ({ runners: [c.spareOrgRunnerId] }),
        status: 404,
      },
    ],
  },
  {
    op: "GET /orgs/{org}/actions/runner-groups/{runner_group_id}/runners",
    ok: [get(() => `/orgs/acme/actions/runner-groups/${created.groupId}/runners`)],
    errors: [get(() => `/orgs/acme/actions/runner-groups/${MISSING}/runners`, 404)],
  },
  {
    op: "DELETE /orgs/{org}/actions/runner-groups/{runner_group_id}/runners/{runner_id}",
    ok: [
      {
        path: (c) => `/orgs/acme/actions/runner-groups/${created.groupId}/runners/${c.spareOrgRunnerId}`,
        status: 204,
      },
    ],
    errors: [
      {
        path: (c) => `/orgs/acme/actions/runner-groups/${MISSING}/runners/${c.spareOrgRunnerId}`,
        status: 404,
      },
    ],
  },
  {
    op: "PUT /orgs/{org}/actions/runner-groups/{runner_group_id}/runners/{runner_id}",
    ok: [
      {
        path: (c) => `/orgs/acme/actions/runner-groups/${created.groupId}/runners/${c.spareOrgRunnerId}`,
        status: 204,
      },
    ],
    errors: [
      { path: () => `/orgs/acme/actions/runner-groups/${created.groupId}/runners/${MISSING}`, status: 404 },
    ],
  },
  {
    op: "DELETE /orgs/{org}/actions/runner-groups/{runner_group_id}",
    ok: [{ path: () => `/orgs/acme/actions/runner-groups/${created.groupId}`, status: 204 }],
    errors: [
      { path: () => `/orgs/acme/actions/runner-groups/${MISSING}`, status: 404 },
      { path: () => `/orgs/acme/actions/runner-groups/1`, status: 409 },
    ],
  },

  // --- org runners --------------------------------------------------------------------------------------
  {
    op: "GET /orgs/{org}/actions/runners",
    ok: [get(() => "/orgs/acme/actions/runners?per_page=5")],
    errors: [notFoundOrg("/runners")],
  },
  {
    op: "GET /orgs/{org}/actions/runners/downloads",
    ok: [get(() => "/orgs/acme/actions/runners/downloads")],
    errors: [notFoundOrg("/runners/downloads")],
  },
  {
    op: "POST /orgs/{org}/actions/runners/registration-token",
    ok: [{ path: () => "/orgs/acme/actions/runners/registration-token", status: 201 }],
    errors: [
      { ...notFoundOrg("/runners/registration-token") },
      { path: () => "/orgs/acme/actions/runners/registration-token", token: TOKENS.octocat, status: 403 },
    ],
  },
  {
    op: "POST /orgs/{org}/actions/runners/remove-token",
    ok: [{ path: () => "/orgs/acme/actions/runners/remove-token", status: 201 }],
    errors: [notFoundOrg("/runners/remove-token")],
  },
  {
    op: "GET /orgs/{org}/actions/runners/{runner_id}",
    ok: [get((c) => `/orgs/acme/actions/runners/${c.orgRunnerId}`)],
    errors: [get(() => `/orgs/acme/actions/runners/${MISSING}`, 404)],
  },
  {
    op: "GET /orgs/{org}/actions/runners/{runner_id}/labels",
    ok: [get((c) => `/orgs/acme/actions/runners/${c.spareOrgRunnerId}/labels`)],
    errors: [get(() => `/orgs/acme/actions/runners/${MISSING}/labels`, 404)],
  },
  {
    op: "POST /orgs/{org}/actions/runners/{runner_id}/labels",
    ok: [
      {
        path: (c) => `/orgs/acme/actions/runners/${c.spareOrgRunnerId}/labels`,
        body: () => ({ labels: ["contract-a"] }),
        status: 200,
      },
    ],
    errors: [
      {
        path: () => `/orgs/acme/actions/runners/${MISSING}/labels`,
        body: () => ({ labels: ["contract-a"] }),
        status: 404,
      },
      {
        path: (c) => `/orgs/acme/actions/runners/${c.spareOrgRunnerId}/labels`,
        body: () => ({ labels: [] }),
        status: 422,
      },
    ],
  },
  {
    op: "PUT /orgs/{org}/actions/runners/{runner_id}/labels",
    ok: [
      {
        path: (c) => `/orgs/acme/actions/runners/${c.spareOrgRunnerId}/labels`,
        body: () => ({ labels: ["contract-b", "gpu-x"] }),
        status: 200,
      },
    ],
    errors: [
      {
        path: () => `/orgs/acme/actions/runners/${MISSING}/labels`,
        body: () => ({ labels: ["x"] }),
        status: 404,
      },
    ],
  },
  {
    op: "DELETE /orgs/{org}/actions/runners/{runner_id}/labels/{name}",
    ok: [{ path: (c) => `/orgs/acme/actions/runners/${c.spareOrgRunnerId}/labels/gpu-x`, status: 200 }],
    errors: [
      { path: (c) => `/orgs/acme/actions/runners/${c.spareOrgRunnerId}/labels/no-such-label`, status: 404 },
    ],
  },
  {
    op: "DELETE /orgs/{org}/actions/runners/{runner_id}/labels",
    ok: [{ path: (c) => `/orgs/acme/actions/runners/${c.spareOrgRunnerId}/labels`, status: 200 }],
    errors: [{ path: () => `/orgs/acme/actions/runners/${MISSING}/labels`, status: 404 }],
  },
  {
    op: "DELETE /orgs/{org}/actions/runners/{runner_id}",
    ok: [{ path: (c) => `/orgs/acme/actions/runners/${c.spareOrgRunnerId}`, status: 204 }],
    errors: [{ path: () => `/orgs/acme/actions/runners/${MISSING}`, status: 404 }],
  },

  // --- org secrets ---------------------------------------------------------------------------------------
  {
    op: "GET /orgs/{org}/actions/secrets",
    ok: [get(() => "/orgs/acme/actions/secrets")],
    errors: [notFoundOrg("/secrets")],
  },
  {
    op: "GET /orgs/{org}/actions/secrets/public-key",
    ok: [get(() => "/orgs/acme/actions/secrets/public-key")],
    errors: [
      notFoundOrg("/secrets/public-key"),
      { path: () => "/orgs/acme/actions/secrets/public-key", token: TOKENS.octocat, status: 403 },
    ],
  },
  {
    op: "PUT /orgs/{org}/actions/secrets/{secret_name}",
    ok: [
      {
        path: () => "/orgs/acme/actions/secrets/CONTRACT_ORG_SECRET",
        body: (c) => ({ __seal: c.orgKey, visibility: "selected", selected_repository_ids: [c.webId] }),
        status: 201,
      },
      {
        path: () => "/orgs/acme/actions/secrets/CONTRACT_ORG_SECRET",
        body: (c) => ({ __seal: c.orgKey, visibility: "selected", selected_repository_ids: [c.webId] }),
        status: 204,
      },
    ],
    errors: [
      {
        path: () => "/orgs/acme/actions/secrets/CONTRACT_BAD_KEY",
        body: (c) => ({ __seal: c.orgKey, key_id: "not-the-key", visibility: "all" }),
        status: 422,
      },
    ],
  },
  {
    op: "GET /orgs/{org}/actions/secrets/{secret_name}",
    ok: [
      get(() => "/orgs/acme/actions/secrets/CONTRACT_ORG_SECRET"),
      get((c) => `/orgs/acme/actions/secrets/${c.seededOrgSecret}`),
    ],
    errors: [get(() => "/orgs/acme/actions/secrets/NO_SUCH_SECRET_ZZ", 404)],
  },
  {
    op: "PUT /orgs/{org}/actions/secrets/{secret_name}/repositories",
    ok: [
      {
        path: () => "/orgs/acme/actions/secrets/CONTRACT_ORG_SECRET/repositories",
        body: (c) => ({ selected_repository_ids: [c.webId] }),
        status: 204,
      },
    ],
    errors: [
      {
        path: () => "/orgs/acme/actions/secrets/NO_SUCH_SECRET_ZZ/repositories",
        body: (c) => ({ selected_repository_ids: [c.webId] }),
        status: 404,
      },
    ],
  },
  {
    op: "PUT /orgs/{org}/actions/secrets/{secret_name}/repositories/{repository_id}",
    ok: [
      {
        path: (c) => `/orgs/acme/actions/secrets/CONTRACT_ORG_SECRET/repositories/${c.apiRepoId}`,
        status: 204,
      },
    ],
    errors: [
      {
        path: (c) => `/orgs/acme/actions/secrets/NO_SUCH_SECRET_ZZ/repositories/${c.apiRepoId}`,
        status: 404,
      },
    ],
  },
  {
    op: "GET /orgs/{org}/actions/secrets/{secret_name}/repositories",
    ok: [get(() => "/orgs/acme/actions/secrets/CONTRACT_ORG_SECRET/repositories")],
    errors: [get(() => "/orgs/acme/actions/secrets/NO_SUCH_SECRET_ZZ/repositories", 404)],
  },
  {
    op: "DELETE /orgs/{org}/actions/secrets/{secret_name}/repositories/{repository_id}",
    ok: [
      {
        path: (c) => `/orgs/acme/actions/secrets/CONTRACT_ORG_SECRET/repositories/${c.apiRepoId}`,
        status: 204,
      },
    ],
    errors: [
      {
        path: (c) => `/orgs/acme/actions/secrets/NO_SUCH_SECRET_ZZ/repositories/${c.apiRepoId}`,
        status: 404,
      },
    ],
  },
  {
    op: "DELETE /orgs/{org}/actions/secrets/{secret_name}",
    ok: [{ path: () => "/orgs/acme/actions/secrets/CONTRACT_ORG_SECRET", status: 204 }],
    errors: [{ path: () => "/orgs/acme/actions/secrets/CONTRACT_ORG_SECRET", status: 404 }],
  },
  {
    op: "GET /repos/{owner}/{repo}/actions/organization-secrets",
    ok: [get(() => `${W}/actions/organization-secrets`)],
    errors: [notFoundRepo("/actions/organization-secrets")],
  },

  // --- repo Actions permissions --------------------------------------------------------------------
  {
    op: "GET /repos/{owner}/{repo}/actions/permissions",
    ok: [get(() => `${W}/actions/permissions`)],
    errors: [
      notFoundRepo("/actions/permissions"),
      { path: () => `${W}/actions/permissions`, token: TOKENS.octocat, status: 403 },
    ],
  },
  {
    op: "PUT /repos/{owner}/{repo}/actions/permissions",
    ok: [
      {
        path: () => `${W}/actions/permissions`,
        body: () => ({ enabled: true, allowed_actions: "selected" }),
        status: 204,
      },
    ],
    errors: [
      { path: () => `${W}/actions/permissions`, body: () => ({ allowed_actions: "all" }), status: 422 },
    ],
  },
  {
    op: "PUT /repos/{owner}/{repo}/actions/permissions/selected-actions",
    // A repository cannot override selected actions its organization sets (409): let the org allow all actions.
    before: async () => {
      const res = await sim.api("PUT", "/orgs/acme/actions/permissions", {
        body: { enabled_repositories: "all", allowed_actions: "all" },
      });
      expect(res.status).toBe(204);
    },
    ok: [
      {
        path: () => `${W}/actions/permissions/selected-actions`,
        body: () => ({ github_owned_allowed: true, verified_allowed: true, patterns_allowed: ["acme/*"] }),
        status: 204,
      },
    ],
    errors: [
      {
        ...notFoundRepo("/actions/permissions/selected-actions"),
        body: () => ({ github_owned_allowed: true }),
      },
    ],
  },
  {
    op: "GET /repos/{owner}/{repo}/actions/permissions/selected-actions",
    ok: [get(() => `${W}/actions/permissions/selected-actions`)],
    errors: [notFoundRepo("/actions/permissions/selected-actions")],
  },

  // --- repo runners ------------------------------------------------------------------------------------
  {
    op: "GET /repos/{owner}/{repo}/actions/runners",
    ok: [get((c) => `${RR(c)}/actions/runners`), get(() => `${W}/actions/runners?per_page=1`)],
    errors: [notFoundRepo("/actions/runners")],
  },
  {
    op: "GET /repos/{owner}/{repo}/actions/runners/downloads",
    ok: [get(() => `${W}/actions/runners/downloads`)],
    errors: [notFoundRepo("/actions/runners/downloads")],
  },
  {
    op: "POST /repos/{owner}/{repo}/actions/runners/registration-token",
    ok: [{ path: () => `${W}/actions/runners/registration-token`, status: 201 }],
    errors: [
      notFoundRepo("/actions/runners/registration-token"),
      { path: () => `${W}/actions/runners/registration-token`, token: TOKENS.octocat, status: 403 },
    ],
  },
  {
    op: "POST /repos/{owner}/{repo}/actions/runners/remove-token",
    ok: [{ path: () => `${W}/actions/runners/remove-token`, status: 201 }],
    errors: [notFoundRepo("/actions/runners/remove-token")],
  },
  {
    op: "GET /repos/{owner}/{repo}/actions/runners/{runner_id}",
    ok: [get((c) => `${RR(c)}/actions/runners/${c.repoRunnerId}`)],
    errors: [get((c) => `${RR(c)}/actions/runners/${MISSING}`, 404)],
  },
  {
    op: "GET /repos/{owner}/{repo}/actions/runners/{runner_id}/labels",
    ok: [get((c) => `${RR(c)}/actions/runners/${c.spareRepoRunnerId}/labels`)],
    errors: [get((c) => `${RR(c)}/actions/runners/${MISSING}/labels`, 404)],
  },
  {
    op: "POST /repos/{owner}/{repo}/actions/runners/{runner_id}/labels",
    ok: [
      {
        path: (c) => `${RR(c)}/actions/runners/${c.spareRepoRunnerId}/labels`,
        body: () => ({ labels: ["contract-a"] }),
        status: 200,
      },
    ],
    errors: [
      {
        path: (c) => `${RR(c)}/actions/runners/${MISSING}/labels`,
        body: () => ({ labels: ["contract-a"] }),
        status: 404,
      },
    ],
  },
  {
    op: "PUT /repos/{owner}/{repo}/actions/runners/{runner_id}/labels",
    ok: [
      {
        path: (c) => `${RR(c)}/actions/runners/${c.spareRepoRunnerId}/labels`,
        body: () => ({ labels: ["contract-b", "gpu-x"] }),
        status: 200,
      },
    ],
    errors: [
      {
        path: (c) => `${RR(c)}/actions/runners/${MISSING}/labels`,
        body: () => ({ labels: ["x"] }),
        status: 404,
      },
    ],
  },
  {
    op: "DELETE /repos/{owner}/{repo}/actions/runners/{runner_id}/labels/{name}",
    ok: [{ path: (c) => `${RR(c)}/actions/runners/${c.spareRepoRunnerId}/labels/gpu-x`, status: 200 }],
    errors: [
      { path: (c) => `${RR(c)}/actions/runners/${c.spareRepoRunnerId}/labels/no-such-label`, status: 404 },
    ],
  },
  {
    op: "DELETE /repos/{owner}/{repo}/actions/runners/{runner_id}/labels",
    ok: [{ path: (c) => `${RR(c)}/actions/runners/${c.spareRepoRunnerId}/labels`, status: 200 }],
    errors: [{ path: (c) => `${RR(c)}/actions/runners/${MISSING}/labels`, status: 404 }],
  },
  {
    op: "DELETE /repos/{owner}/{repo}/actions/runners/{runner_id}",
    ok: [{ path: (c) => `${RR(c)}/actions/runners/${c.spareRepoRunnerId}`, status: 204 }],
    errors: [{ path: (c) => `${RR(c)}/actions/runners/${MISSING}`, status: 404 }],
  },

  // --- repo secrets --------------------------------------------------------------------------------------
  {
    op: "GET /repos/{owner}/{repo}/actions/secrets",
    ok: [get(() => `${W}/actions/secrets`)],
    errors: [notFoundRepo("/actions/secrets")],
  },
  {
    op: "GET /repos/{owner}/{repo}/actions/secrets/public-key",
    ok: [get(() => `${W}/actions/secrets/public-key`)],
    errors: [notFoundRepo("/actions/secrets/public-key")],
  },
  {
    op: "PUT /repos/{owner}/{repo}/actions/secrets/{secret_name}",
    ok: [
      {
        path: () => `${W}/actions/secrets/contract_repo_secret`,
        body: (c) => ({ __seal: c.repoKey }),
        status: 201,
      },
      {
        path: () => `${W}/actions/secrets/CONTRACT_REPO_SECRET`,
        body: (c) => ({ __seal: c.repoKey }),
        status: 204,
      },
    ],
    errors: [
      {
        path: () => `${W}/actions/secrets/CONTRACT_BAD_KEY`,
        body: (c) => ({ __seal: c.repoKey, key_id: "not-the-key" }),
        status: 422,
      },
      {
        path: () => `${W}/actions/secrets/GITHUB_TOKEN_X`,
        body: (c) => ({ __seal: c.repoKey }),
        status: 422,
      },
    ],
  },
  {
    op: "GET /repos/{owner}/{repo}/actions/secrets/{secret_name}",
    ok: [get(() => `${W}/actions/secrets/CONTRACT_REPO_SECRET`)],
    errors: [get(() => `${W}/actions/secrets/NO_SUCH_SECRET_ZZ`, 404)],
  },
  {
    op: "DELETE /repos/{owner}/{repo}/actions/secrets/{secret_name}",
    ok: [{ path: () => `${W}/actions/secrets/CONTRACT_REPO_SECRET`, status: 204 }],
    errors: [{ path: () => `${W}/actions/secrets/CONTRACT_REPO_SECRET`, status: 404 }],
  },

  // --- workflows -----------------------------------------------------------------------------------------
  {
    op: "GET /repos/{owner}/{repo}/actions/workflows",
    ok: [get(() => `${W}/actions/workflows`)],
    errors: [notFoundRepo("/actions/workflows")],
  },
  {
    op: "GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}",
    ok: [get((c) => `${W}/actions/workflows/${c.workflowId}`), get(() => `${W}/actions/workflows/ci.yml`)],
    errors: [
      get(() => `${W}/actions/workflows/${MISSING}`, 404),
      get(() => `${W}/actions/workflows/no-such.yml`, 404),
    ],
  },
  {
    op: "GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs",
    ok: [get((c) => `${W}/actions/workflows/${c.workflowId}/runs?per_page=5`)],
    errors: [get(() => `${W}/actions/workflows/${MISSING}/runs`, 404)],
  },
  {
    op: "GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/timing",
    ok: [get((c) => `${W}/actions/workflows/${c.workflowId}/timing`)],
    errors: [get(() => `${W}/actions/workflows/${MISSING}/timing`, 404)],
  },
  {
    op: "PUT /repos/{owner}/{repo}/actions/workflows/{workflow_id}/disable",
    ok: [{ path: (c) => `${W}/actions/workflows/${c.dispatchWorkflowId}/disable`, status: 204 }],
    errors: [{ path: () => `${W}/actions/workflows/${MISSING}/disable`, status: 404 }],
  },
  {
    op: "PUT /repos/{owner}/{repo}/actions/workflows/{workflow_id}/enable",
    ok: [{ path: (c) => `${W}/actions/workflows/${c.dispatchWorkflowId}/enable`, status: 204 }],
    errors: [{ path: () => `${W}/actions/workflows/${MISSING}/enable`, status: 404 }],
  },
  {
    op: "POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches",
    ok: [
      {
        path: (c) => `${W}/actions/workflows/${c.dispatchWorkflowId}/dispatches`,
        body: (c) => ({ ref: "main", inputs: c.dispatchInputs }),
        status: 204,
      },
    ],
    errors: [
      {
        path: (c) => `${W}/actions/workflows/${c.dispatchWorkflowId}/dispatches`,
        body: () => ({ inputs: {} }),
        status: 422,
      },
      {
        path: () => `${W}/actions/workflows/${MISSING}/dispatches`,
        body: () => ({ ref: "main" }),
        status: 404,
      },
    ],
  },

  // --- runs ------------------------------------------------------------------------------------------------
  {
    op: "GET /repos/{owner}/{repo}/actions/runs",
    ok: [
      get(() => `${W}/actions/runs?per_page=100`),
      get(() => `${W}/actions/runs?per_page=20&page=2&status=completed`),
      get(() => `${W}/actions/runs?event=push&branch=main&exclude_pull_requests=true`),
    ],
    errors: [notFoundRepo("/actions/runs")],
  },
  {
    op: "GET /repos/{owner}/{repo}/actions/runs/{run_id}",
    ok: [get((c) => `${W}/actions/runs/${c.runId}`), get((c) => `${W}/actions/runs/${c.activeRunIds[0]}`)],
    errors: [get(() => `${W}/actions/runs/${MISSING}`, 404)],
  },
  {
    op: "GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}",
    ok: [get((c) => `${W}/actions/runs/${c.runId}/attempts/${c.attempt}`)],
    errors: [get((c) => `${W}/actions/runs/${c.runId}/attempts/99`, 404)],
  },
  {
    op: "GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs",
    ok: [get((c) => `${W}/actions/runs/${c.runId}/attempts/${c.attempt}/jobs`)],
    errors: [get((c) => `${W}/actions/runs/${c.runId}/attempts/99/jobs`, 404)],
  },
  {
    op: "GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/logs",
    ok: [get((c) => `${W}/actions/runs/${c.runId}/attempts/${c.attempt}/logs`, 302)],
    errors: [get((c) => `${W}/actions/runs/${c.runId}/attempts/99/logs`, 404)],
  },
  {
    op: "GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs",
    ok: [
      get((c) => `${W}/actions/runs/${c.runId}/jobs`),
      get((c) => `${W}/actions/runs/${c.runId}/jobs?filter=all`),
    ],
    errors: [get(() => `${W}/actions/runs/${MISSING}/jobs`, 404)],
  },
  {
    op: "GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts",
    ok: [get((c) => `${W}/actions/runs/${c.runId}/artifacts`)],
    errors: [get(() => `${W}/actions/runs/${MISSING}/artifacts`, 404)],
  },
  {
    op: "GET /repos/{owner}/{repo}/actions/runs/{run_id}/timing",
    ok: [get((c) => `${W}/actions/runs/${c.runId}/timing`)],
    errors: [get(() => `${W}/actions/runs/${MISSING}/timing`, 404)],
  },
  {
    op: "GET /repos/{owner}/{repo}/actions/runs/{run_id}/logs",
    ok: [get((c) => `${W}/actions/runs/${c.runId}/logs`, 302)],
    errors: [get(() => `${W}/actions/runs/${MISSING}/logs`, 404)],
  },
  {
    op: "POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel",
    ok: [{ path: (c) => `${W}/actions/runs/${c.activeRunIds[0]}/cancel`, status: 202 }],
    errors: [
      { path: (c) => `${W}/actions/runs/${c.runId}/cancel`, status: 409 },
      { path: () => `${W}/actions/runs/${MISSING}/cancel`, status: 404 },
    ],
  },
  {
    op: "POST /repos/{owner}/{repo}/actions/runs/{run_id}/force-cancel",
    ok: [{ path: (c) => `${W}/actions/runs/${c.activeRunIds[1]}/force-cancel`, status: 202 }],
    errors: [
      { path: (c) => `${W}/actions/runs/${c.runId}/force-cancel`, status: 409 },
      { path: () => `${W}/actions/runs/${MISSING}/force-cancel`, status: 404 },
    ],
  },
  {
    op: "POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun",
    ok: [
      {
        path: (c) => `${W}/actions/runs/${c.runId}/rerun`,
        body: () => ({ enable_debug_logging: false }),
        status: 201,
      },
    ],
    errors: [{ path: () => `${W}/actions/runs/${MISSING}/rerun`, status: 404 }],
  },
  {
    op: "POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs",
    ok: [{ path: (c) => `${W}/actions/runs/${c.failedRunId}/rerun-failed-jobs`, status: 201 }],
    errors: [{ path: () => `${W}/actions/runs/${MISSING}/rerun-failed-jobs`, status: 404 }],
  },
  {
    op: "DELETE /repos/{owner}/{repo}/actions/runs/{run_id}/logs",
    ok: [{ path: (c) => `${W}/actions/runs/${c.doomedRunId}/logs`, status: 204 }],
    errors: [{ path: () => `${W}/actions/runs/${MISSING}/logs`, status: 404 }],
  },
  {
    op: "DELETE /repos/{owner}/{repo}/actions/runs/{run_id}",
    ok: [{ path: (c) => `${W}/actions/runs/${c.doomedRunId}`, status: 204 }],
    errors: [{ path: (c) => `${W}/actions/runs/${c.doomedRunId}`, status: 404 }],
  },

  // --- jobs ------------------------------------------------------------------------------------------------
  {
    op: "GET /repos/{owner}/{repo}/actions/jobs/{job_id}",
    ok: [get((c) => `${W}/actions/jobs/${c.jobId}`)],
    errors: [get(() => `${W}/actions/jobs/${MISSING}`, 404)],
  },
  {
    op: "GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs",
    ok: [get((c) => `${W}/actions/jobs/${c.jobId}/logs`, 302)],
    errors: [get(() => `${W}/actions/jobs/${MISSING}/logs`, 404)],
  },
  {
    op: "POST /repos/{owner}/{repo}/actions/jobs/{job_id}/rerun",
    ok: [{ path: (c) => `${W}/actions/jobs/${c.rerunJobId}/rerun`, status: 201 }],
    errors: [{ path: () => `${W}/actions/jobs/${MISSING}/rerun`, status: 404 }],
  },

  // --- artifacts -------------------------------------------------------------------------------------------
  {
    op: "GET /repos/{owner}/{repo}/actions/artifacts",
    ok: [
      get(() => `${W}/actions/artifacts?per_page=10`),
      get(() => `${W}/actions/artifacts?name=no-such-artifact`),
    ],
    errors: [notFoundRepo("/actions/artifacts")],
  },
  {
    op: "GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}",
    ok: [get((c) => `${W}/actions/artifacts/${c.artifactId}`)],
    errors: [get(() => `${W}/actions/artifacts/${MISSING}`, 404)],
  },
  {
    op: "GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}",
    ok: [get((c) => `${W}/actions/artifacts/${c.artifactId}/zip`, 302)],
    errors: [get(() => `${W}/actions/artifacts/${MISSING}/zip`, 404)],
  },
  {
    op: "DELETE /repos/{owner}/{repo}/actions/artifacts/{artifact_id}",
    ok: [{ path: (c) => `${W}/actions/artifacts/${c.doomedArtifactId}`, status: 204 }],
    errors: [{ path: (c) => `${W}/actions/artifacts/${c.doomedArtifactId}`, status: 404 }],
  },
];

async function send(method: ApiMethod, req: Req): Promise<ApiResponse> {
  let body = req.body?.(ctx);
  if (body && typeof body === "object" && "__seal" in body) {
    // A secret sealed with the scope's public key, as a browser would: { __seal: key, key_id?: override }.
    const { __seal, ...rest } = body as { __seal: { key_id: string; key: string } } & Record<string, unknown>;
    body = { key_id: __seal.key_id, ...rest, encrypted_value: await seal(__seal.key, "contract-value") };
  }
  return sim.api(method, req.path(ctx), {
    token: req.token === undefined ? TOKENS.mona : req.token,
    body,
    headers: req.headers,
  });
}

function describeReq(method: string, req: Req): string {
  return `${method} ${req.path(ctx)}${req.token === null ? " (anonymous)" : req.token && req.token !== TOKENS.mona ? " (other token)" : ""}`;
}

describe("every endpoint answers as the OpenAPI description documents", () => {
  it("covers every seed endpoint and every documented extra", () => {
    const ops = new Set(CASES.map((c) => c.op));
    const missing = [...SEED_ENDPOINTS, ...EXTRA_ENDPOINTS].filter((op) => !ops.has(op));
    expect(missing).toEqual([]);
    expect(SEED_ENDPOINTS).toHaveLength(74);
    for (const c of CASES) {
      expect(c.ok.length, c.op).toBeGreaterThan(0);
      expect(c.errors.length, c.op).toBeGreaterThan(0);
      expect(
        hasOperation(c.op.slice(0, c.op.indexOf(" ")), c.op.slice(c.op.indexOf(" ") + 1)),
        `${c.op} is in the description`,
      ).toBe(true);
    }
  });

  it("covers every documented route the simulator registers", () => {
    const live = sim.sim;
    if (!live) throw new Error("no simulator");
    const ops = new Set(CASES.map((c) => c.op));
    const registered = new Set(
      createApp(live)
        .routes.filter((r) => r.method !== "ALL" && r.path.startsWith("/api/v3/"))
        .map((r) => `${r.method} ${r.path.slice("/api/v3".length).replace(/:(\w+)(\{[^}]*\})?/g, "{$1}")}`),
    );
    const documented = [...registered].filter((op) =>
      hasOperation(op.slice(0, op.indexOf(" ")), op.slice(op.indexOf(" ") + 1)),
    );
    expect(documented.filter((op) => !ops.has(op))).toEqual([]);
  });

  for (const cs of CASES) {
    const space = cs.op.indexOf(" ");
    const method = cs.op.slice(0, space) as ApiMethod;
    const template = cs.op.slice(space + 1);

    it(`${cs.op} → success`, async () => {
      await cs.before?.();
      for (const req of cs.ok) {
        const m = req.method ?? method;
        const res = await send(m, req);
        expect(res.status, `${describeReq(m, req)}: ${res.text.slice(0, 400)}`).toBe(req.status);
        expectValid(m, template, res.status, res.body, res.headers);
        if (res.status === 302) {
          // The redirect must lead somewhere: the signed URL answers the content without a token.
          const location = res.headers.location ?? "";
          expect(location, "302 without Location").toMatch(/^https?:\/\//);
          const target = await sim.raw("GET", location);
          expect(target.status, `GET ${location}: ${target.text.slice(0, 200)}`).toBe(200);
        }
        req.then?.(res, ctx);
      }
    });

    it(`${cs.op} → error`, async () => {
      for (const req of cs.errors) {
        const m = req.method ?? method;
        const res = await send(m, req);
        expect(res.status, `${describeReq(m, req)}: ${res.text.slice(0, 400)}`).toBe(req.status);
        expectValidError(m, template, res.status, res.body, res.headers);
      }
    });
  }
});

/**
 * The cases above validate one sample per endpoint; the seeded data has every status, conclusion, event,
 * visibility, runner state and owner type, so this sweep validates the responses over all of it and lists
 * every distinct failure at once.
 */
describe("every seeded object validates", () => {
  const failures = new Map<string, string>();
  let requests = 0;

  async function check<T>(template: string, p: string, token: string = TOKENS.mona): Promise<T | null> {
    const res = await sim.api<T>("GET", p, { token });
    requests++;
    const errors =
      res.status >= 400
        ? [`unexpected status ${res.status}: ${res.text.slice(0, 200)}`]
        : validateResponse("GET", template, res.status, res.body, res.headers);
    for (const e of errors.slice(0, 5)) {
      // One entry per operation and problem (ignoring array indexes), with the first URL that showed it.
      const key = `GET ${template}: ${e.replace(/\/\d+(?=\/|\s)/g, "/*")}`;
      if (!failures.has(key)) failures.set(key, p);
    }
    return res.status === 200 ? res.body : null;
  }

  async function pages<T>(template: string, p: string, key: string, max = 50, token?: string): Promise<T[]> {
    const all: T[] = [];
    for (let page = 1; page <= max; page++) {
      const sep = p.includes("?") ? "&" : "?";
      const body = await check<Record<string, T[]> | T[]>(
        template,
        `${p}${sep}per_page=100&page=${page}`,
        token,
      );
      const items = Array.isArray(body) ? body : (body?.[key] ?? []);
      all.push(...items);
      if (items.length < 100) break;
    }
    return all;
  }

  const T = {
    runs: "/repos/{owner}/{repo}/actions/runs",
    run: "/repos/{owner}/{repo}/actions/runs/{run_id}",
    jobs: "/repos/{owner}/{repo}/actions/runs/{run_id}/jobs",
    attempt: "/repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}",
    attemptJobs: "/repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs",
    timing: "/repos/{owner}/{repo}/actions/runs/{run_id}/timing",
    runArtifacts: "/repos/{owner}/{repo}/actions/runs/{run_id}/artifacts",
    job: "/repos/{owner}/{repo}/actions/jobs/{job_id}",
  };

  it("repositories, workflows, runners, artifacts, secrets and permissions of every repository", async () => {
    const repos = [
      ...(await pages<{ full_name: string }>("/user/repos", "/user/repos", "")),
      ...(await pages<{ full_name: string }>("/user/repos", "/user/repos", "", 5, TOKENS.octocat)),
    ];
    await check("/user", "/user");
    await check("/user", "/user", TOKENS.hubot);
    await check("/user", "/user", TOKENS.octocat);
    await check("/user/orgs", "/user/orgs", TOKENS.octocat);
    const seen = new Set<string>();
    for (const { full_name } of repos) {
      if (seen.has(full_name)) continue;
      seen.add(full_name);
      const r = `/repos/${full_name}`;
      const token = full_name.startsWith("octocat/") ? TOKENS.octocat : TOKENS.mona;
      await check("/repos/{owner}/{repo}", r, token);
      await check("/repos/{owner}/{repo}/branches", `${r}/branches`, token);
      await check(T.runs, `${r}/actions/runs?per_page=100`, token);
      await check("/repos/{owner}/{repo}/actions/workflows", `${r}/actions/workflows`, token);
      await check("/repos/{owner}/{repo}/actions/runners", `${r}/actions/runners?per_page=100`, token);
      await check("/repos/{owner}/{repo}/actions/artifacts", `${r}/actions/artifacts?per_page=100`, token);
      await check("/repos/{owner}/{repo}/actions/secrets", `${r}/actions/secrets?per_page=100`, token);
      await check(
        "/repos/{owner}/{repo}/actions/organization-secrets",
        `${r}/actions/organization-secrets`,
        token,
      );
      await check("/repos/{owner}/{repo}/actions/permissions", `${r}/actions/permissions`, token);
    }
    expect(seen.size).toBeGreaterThanOrEqual(30);
  }, 120_000);

  it("runners, runner groups, secrets and permissions of every organization", async () => {
    for (const org of ["acme", "globex"]) {
      const o = `/orgs/${org}`;
      await check("/orgs/{org}", o);
      await check("/orgs/{org}/repos", `${o}/repos?per_page=100`);
      const runners = await pages<{ id: number }>(
        "/orgs/{org}/actions/runners",
        `${o}/actions/runners`,
        "runners",
      );
      for (const rn of runners)
        await check("/orgs/{org}/actions/runners/{runner_id}", `${o}/actions/runners/${rn.id}`);
      const groups = await pages<{ id: number }>(
        "/orgs/{org}/actions/runner-groups",
        `${o}/actions/runner-groups`,
        "runner_groups",
      );
      for (const g of groups) {
        await check(
          "/orgs/{org}/actions/runner-groups/{runner_group_id}",
          `${o}/actions/runner-groups/${g.id}`,
        );
        await check(
          "/orgs/{org}/actions/runner-groups/{runner_group_id}/runners",
          `${o}/actions/runner-groups/${g.id}/runners?per_page=100`,
        );
      }
      const secrets = await pages<{ name: string; visibility: string }>(
        "/orgs/{org}/actions/secrets",
        `${o}/actions/secrets`,
        "secrets",
      );
      for (const s of secrets) {
        await check("/orgs/{org}/actions/secrets/{secret_name}", `${o}/actions/secrets/${s.name}`);
        if (s.visibility === "selected") {
          await check(
            "/orgs/{org}/actions/secrets/{secret_name}/repositories",
            `${o}/actions/secrets/${s.name}/repositories`,
          );
        }
      }
      const perms = await check<{ enabled_repositories: string }>(
        "/orgs/{org}/actions/permissions",
        `${o}/actions/permissions`,
      );
      // Only an org whose policy is "selected" has selected repositories (else 409).
      if (perms?.enabled_repositories === "selected") {
        await check("/orgs/{org}/actions/permissions/repositories", `${o}/actions/permissions/repositories`);
      }
    }
  }, 120_000);

  it("every run of acme/web, and a run, its jobs, attempts and timing for each status, conclusion and event", async () => {
    type RunLite = {
      id: number;
      status: string;
      conclusion: string | null;
      event: string;
      run_attempt?: number;
    };
    const runs = await pages<RunLite>(T.runs, `${W}/actions/runs`, "workflow_runs");
    expect(runs.length).toBeGreaterThan(0);
    const samples = new Map<string, RunLite>();
    for (const r of runs) {
      const k = `${r.status}/${r.conclusion}/${r.event}/${(r.run_attempt ?? 1) > 1 ? "re" : "first"}`;
      if (!samples.has(k)) samples.set(k, r);
    }
    for (const r of samples.values()) {
      const base = `${W}/actions/runs/${r.id}`;
      await check(T.run, base);
      await check(T.timing, `${base}/timing`);
      await check(T.runArtifacts, `${base}/artifacts`);
      const jobs = await check<{ jobs: { id: number }[] }>(T.jobs, `${base}/jobs?filter=all&per_page=100`);
      for (const j of (jobs?.jobs ?? []).slice(0, 5)) await check(T.job, `${W}/actions/jobs/${j.id}`);
      for (let n = 1; n <= (r.run_attempt ?? 1); n++) {
        await check(T.attempt, `${base}/attempts/${n}`);
        await check(T.attemptJobs, `${base}/attempts/${n}/jobs`);
      }
    }
    for (const status of [
      "queued",
      "in_progress",
      "completed",
      "success",
      "failure",
      "cancelled",
      "skipped",
      "waiting",
    ]) {
      await check(T.runs, `${W}/actions/runs?status=${status}&per_page=100`);
    }
    await check(T.runs, `${W}/actions/runs?created=>=2026-01-01&per_page=100`);
  }, 120_000);

  it("lists no failures", () => {
    console.info(`contract sweep: ${requests} responses validated`);
    const list = [...failures].map(([k, url]) => `${k}\n      first seen at ${url}`);
    expect(requests).toBeGreaterThan(100);
    expect(list, `${list.length} contract failures:\n${list.join("\n")}`).toEqual([]);
  });
});
