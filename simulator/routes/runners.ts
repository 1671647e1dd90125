// Self-hosted runners for organizations and repositories: list, get, delete, downloads, tokens, labels.
import { createHash, randomBytes } from "node:crypto";
import type { Hono } from "hono";
import type { SimContext, SimEnv } from "../context.js";
import { countWrite } from "../http/access.js";
import { GhError, notFound } from "../http/errors.js";
import { paginate } from "../http/pagination.js";
import { route } from "../http/route.js";
import { iso, label } from "../store/fleet.js";
import type { Runner, RunnerLabel, State } from "../store/types.js";
import { ACTIONS_DOCS, adminRepo, intParam, invalidBody, ownerOrg, readJson, stringArrayField, unprocessable } from "./fleet-common.js";

export const RUNNER_VERSION = "2.328.0";
const VERSIONS = ["2.326.0", "2.327.1", RUNNER_VERSION, RUNNER_VERSION, RUNNER_VERSION];

export function serializeRunner(runner: Runner) {
  return {
    id: runner.id,
    ...(runner.runner_group_id !== null ? { runner_group_id: runner.runner_group_id } : {}),
    name: runner.name,
    os: runner.os,
    status: runner.status,
    busy: runner.jobId !== null,
    ephemeral: runner.ephemeral,
    version: VERSIONS[runner.id % VERSIONS.length] ?? RUNNER_VERSION,
    labels: runner.labels.map((l) => ({ id: l.id, name: l.name, type: l.type })),
  };
}

type Scope = { kind: "org"; org: string } | { kind: "repo"; repoId: number; fullName: string };

/** The scope named by the path, after auth: org owner with admin:org, or repo admin with repo. */
function scopeOf(c: SimContext, p: Record<string, string>): Scope {
  if (p.org !== undefined) {
    const org = ownerOrg(c, p.org);
    return { kind: "org", org: org.login };
  }
  const repo = adminRepo(c, p.owner ?? "", p.repo ?? "");
  return { kind: "repo", repoId: repo.id, fullName: `${repo.owner}/${repo.name}` };
}

function runnersIn(state: State, scope: Scope): Runner[] {
  return [...state.runners.values()]
    .filter((r) => (scope.kind === "org" ? r.org === scope.org : r.repoId === scope.repoId))
    .sort((a, b) => a.id - b.id);
}

function findRunner(state: State, scope: Scope, idRaw: string | undefined): Runner {
  const id = intParam(idRaw);
  const runner = state.runners.get(id);
  if (!runner) throw notFound();
  if (scope.kind === "org" ? runner.org !== scope.org : runner.repoId !== scope.repoId) throw notFound();
  return runner;
}

const labelsBody = (runner: Runner) => ({
  total_count: runner.labels.length,
  labels: runner.labels.map((l) => ({ id: l.id, name: l.name, type: l.type })),
});

function validLabelNames(names: string[], field: string): string[] {
  for (const n of names) {
    if (n.trim() === "" || n.length > 256 || /[,\s]/.test(n)) {
      throw unprocessable(`Validation Failed`, [`Label "${n}" is not valid: labels must be non-empty, at most 256 characters, without spaces or commas (${field}).`]);
    }
  }
  // Case-insensitive de-duplication, first spelling wins, as GitHub does.
  const seen = new Set<string>();
  return names.filter((n) => (seen.has(n.toLowerCase()) ? false : (seen.add(n.toLowerCase()), true)));
}

function addCustom(runner: Runner, names: string[]): void {
  for (const n of names) {
    if (runner.labels.some((l) => l.name.toLowerCase() === n.toLowerCase())) continue;
    runner.labels.push(label(n, "custom"));
  }
}

const readOnly = (labels: RunnerLabel[]) => labels.filter((l) => l.type === "read-only");

/** The actions/runner release assets GitHub lists for a runner version. */
export function runnerDownloads(version = RUNNER_VERSION) {
  const assets: [string, string, string][] = [
    ["osx", "x64", "tar.gz"],
    ["osx", "arm64", "tar.gz"],
    ["linux", "x64", "tar.gz"],
    ["linux", "arm", "tar.gz"],
    ["linux", "arm64", "tar.gz"],
    ["win", "x64", "zip"],
    ["win", "arm64", "zip"],
  ];
  return assets.map(([os, architecture, ext]) => {
    const filename = `actions-runner-${os}-${architecture}-${version}.${ext}`;
    return {
      os,
      architecture,
      download_url: `https://github.com/actions/runner/releases/download/v${version}/${filename}`,
      filename,
      sha256_checksum: createHash("sha256").update(`actions/runner@${version}/${filename}`).digest("hex"),
    };
  });
}

function runnerToken(): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  return [...randomBytes(29)].map((b) => alphabet[b % 32]).join("");
}

function registerScope(api: Hono<SimEnv>, base: string): void {
  route(api, "GET", `${base}/actions/runners`, (c, p) => {
    const scope = scopeOf(c, p);
    const state = c.get("sim").state;
    const name = c.req.query("name");
    let list = runnersIn(state, scope);
    if (name !== undefined && name !== "") list = list.filter((r) => r.name.toLowerCase() === name.toLowerCase());
    const page = paginate(c, list);
    return c.json({ total_count: page.total, runners: page.items.map(serializeRunner) });
  });

  route(api, "GET", `${base}/actions/runners/downloads`, (c, p) => {
    scopeOf(c, p);
    return c.json(runnerDownloads());
  });

  for (const kind of ["registration", "remove"] as const) {
    route(api, "POST", `${base}/actions/runners/${kind}-token`, (c, p) => {
      const scope = scopeOf(c, p);
      const sim = c.get("sim");
      const token = runnerToken();
      const expires_at = iso(new Date(sim.now().getTime() + 3600_000));
      sim.state.runnerTokens.set(token, { kind, expires_at, scope: scope.kind === "org" ? scope.org : scope.fullName });
      countWrite(c);
      return c.json({ token, expires_at }, 201);
    });
  }

  route(api, "GET", `${base}/actions/runners/{runner_id}`, (c, p) => {
    const scope = scopeOf(c, p);
    return c.json(serializeRunner(findRunner(c.get("sim").state, scope, p.runner_id)));
  });

  route(api, "DELETE", `${base}/actions/runners/{runner_id}`, (c, p) => {
    const scope = scopeOf(c, p);
    const state = c.get("sim").state;
    const runner = findRunner(state, scope, p.runner_id);
    if (runner.jobId !== null) {
      throw new GhError(422, `Bad request - Runner "${runner.name}" is still running a job`, { documentation_url: ACTIONS_DOCS });
    }
    state.runners.delete(runner.id);
    countWrite(c);
    return c.body(null, 204);
  });

  route(api, "GET", `${base}/actions/runners/{runner_id}/labels`, (c, p) => {
    const scope = scopeOf(c, p);
    return c.json(labelsBody(findRunner(c.get("sim").state, scope, p.runner_id)));
  });

  route(api, "POST", `${base}/actions/runners/{runner_id}/labels`, async (c, p) => {
    const scope = scopeOf(c, p);
    const runner = findRunner(c.get("sim").state, scope, p.runner_id);
    const body = await readJson(c, true);
    const names = stringArrayField(body, "labels", true) ?? [];
    if (names.length < 1) throw invalidBody(`For 'labels', [] has fewer items than 1.`);
    if (names.length > 100) throw invalidBody(`For 'labels', the array has more items than 100.`);
    addCustom(runner, validLabelNames(names, "labels"));
    countWrite(c);
    return c.json(labelsBody(runner));
  });

  route(api, "PUT", `${base}/actions/runners/{runner_id}/labels`, async (c, p) => {
    const scope = scopeOf(c, p);
    const runner = findRunner(c.get("sim").state, scope, p.runner_id);
    const body = await readJson(c, true);
    const names = stringArrayField(body, "labels", true) ?? [];
    if (names.length > 100) throw invalidBody(`For 'labels', the array has more items than 100.`);
    const valid = validLabelNames(names, "labels");
    runner.labels = readOnly(runner.labels);
    addCustom(runner, valid);
    countWrite(c);
    return c.json(labelsBody(runner));
  });

  route(api, "DELETE", `${base}/actions/runners/{runner_id}/labels`, (c, p) => {
    const scope = scopeOf(c, p);
    const runner = findRunner(c.get("sim").state, scope, p.runner_id);
    runner.labels = readOnly(runner.labels);
    countWrite(c);
    return c.json(labelsBody(runner));
  });

  route(api, "DELETE", `${base}/actions/runners/{runner_id}/labels/{name}`, (c, p) => {
    const scope = scopeOf(c, p);
    const runner = findRunner(c.get("sim").state, scope, p.runner_id);
    const name = p.name ?? "";
    const found = runner.labels.find((l) => l.name.toLowerCase() === name.toLowerCase());
    if (!found) throw notFound();
    if (found.type === "read-only") {
      throw unprocessable(`Cannot remove read-only label "${found.name}" from runner "${runner.name}".`, [
        `Label "${found.name}" is read-only`,
      ]);
    }
    runner.labels = runner.labels.filter((l) => l !== found);
    countWrite(c);
    return c.json(labelsBody(runner));
  });
}

export function register(api: Hono<SimEnv>): void {
  registerScope(api, "/orgs/{org}");
  registerScope(api, "/repos/{owner}/{repo}");
}
