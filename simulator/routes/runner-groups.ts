// Self-hosted runner groups of an organization: CRUD, repository access and runner membership.
import type { Hono } from "hono";
import type { SimContext, SimEnv } from "../context.js";
import { countWrite } from "../http/access.js";
import { notFound } from "../http/errors.js";
import { paginate } from "../http/pagination.js";
import { route } from "../http/route.js";
import { apiUrl } from "../http/urls.js";
import { minimalRepo } from "../serialize/common.js";
import { DEFAULT_GROUP_ID, defaultGroup, getRunnerGroup, groupKey, groupVisibleTo, putRunnerGroup } from "../store/fleet.js";
import type { Org, Runner, RunnerGroup, State } from "../store/types.js";
import {
  boolField,
  conflict,
  enumField,
  intArrayField,
  intParam,
  invalidBody,
  noContent,
  orgRepoById,
  orgRepoIds,
  orgRepos,
  ownerOrg,
  readJson,
  stringArrayField,
  stringField,
  unprocessable,
} from "./fleet-common.js";
import { serializeRunner } from "./runners.js";

const VISIBILITIES = ["selected", "all", "private"] as const;

export function serializeGroup(c: SimContext, g: RunnerGroup) {
  const base = `/orgs/${g.org}/actions/runner-groups/${g.id}`;
  return {
    id: g.id,
    name: g.name,
    visibility: g.visibility,
    default: g.default,
    ...(g.visibility === "selected" ? { selected_repositories_url: apiUrl(c, `${base}/repositories`) } : {}),
    runners_url: apiUrl(c, `${base}/runners`),
    inherited: g.inherited,
    ...(g.inherited ? { inherited_allows_public_repositories: g.allows_public_repositories } : {}),
    allows_public_repositories: g.allows_public_repositories,
    workflow_restrictions_read_only: g.inherited,
    restricted_to_workflows: g.restricted_to_workflows,
    selected_workflows: g.selected_workflows,
  };
}

function groupsOf(state: State, org: Org): RunnerGroup[] {
  return [...state.runnerGroups.values()]
    .filter((g) => g.org.toLowerCase() === org.login.toLowerCase())
    .sort((a, b) => (a.default === b.default ? a.id - b.id : a.default ? -1 : 1));
}

function findGroup(c: SimContext, org: Org, idRaw: string | undefined): RunnerGroup {
  const g = getRunnerGroup(c.get("sim").state, org.login, intParam(idRaw));
  if (!g) throw notFound();
  return g;
}

function notInherited(g: RunnerGroup): void {
  if (g.inherited) throw conflict(`Runner group "${g.name}" is inherited from the enterprise and cannot be changed by the organization.`);
}

function orgRunner(c: SimContext, org: Org, id: number): Runner | undefined {
  const r = c.get("sim").state.runners.get(id);
  return r && r.org === org.login ? r : undefined;
}

function groupRunners(state: State, g: RunnerGroup): Runner[] {
  return [...state.runners.values()].filter((r) => r.org === g.org && r.runner_group_id === g.id).sort((a, b) => a.id - b.id);
}

function workflowsField(body: Record<string, unknown>): string[] | undefined {
  const list = stringArrayField(body, "selected_workflows", false);
  for (const w of list ?? []) {
    if (!/^[^/\s]+\/[^/\s]+\/\.github\/workflows\/[^@\s]+\.ya?ml@\S+$/.test(w)) {
      throw unprocessable("Validation Failed", [`Invalid workflow reference "${w}": a ref, tag, or long SHA is required.`]);
    }
  }
  return list;
}

export function register(api: Hono<SimEnv>): void {
  const BASE = "/orgs/{org}/actions/runner-groups";

  route(api, "GET", BASE, (c, p) => {
    const org = ownerOrg(c, p.org ?? "");
    const state = c.get("sim").state;
    let groups = groupsOf(state, org);
    const repoName = c.req.query("visible_to_repository");
    if (repoName !== undefined && repoName !== "") {
      const repo = orgRepos(c, org).find((r) => r.name.toLowerCase() === repoName.toLowerCase());
      groups = repo ? groups.filter((g) => groupVisibleTo(g, repo)) : [];
    }
    const page = paginate(c, groups);
    return c.json({ total_count: page.total, runner_groups: page.items.map((g) => serializeGroup(c, g)) });
  });

  route(api, "POST", BASE, async (c, p) => {
    const org = ownerOrg(c, p.org ?? "");
    const state = c.get("sim").state;
    const body = await readJson(c, true);
    const name = stringField(body, "name", true) ?? "";
    if (name.trim() === "") throw unprocessable("Validation Failed", ["Name can't be blank"]);
    if (groupsOf(state, org).some((g) => g.name.toLowerCase() === name.trim().toLowerCase())) {
      throw unprocessable("Validation Failed", [`A runner group named "${name.trim()}" already exists`]);
    }
    const visibility = enumField(body, "visibility", VISIBILITIES, false) ?? "all";
    const repoIds = intArrayField(body, "selected_repository_ids", false);
    const runnerIds = intArrayField(body, "runners", false) ?? [];
    const allowsPublic = boolField(body, "allows_public_repositories") ?? false;
    const restricted = boolField(body, "restricted_to_workflows") ?? false;
    const workflows = workflowsField(body) ?? [];
    const selectedRepoIds = visibility === "selected" ? orgRepoIds(c, org, repoIds ?? []) : [];
    const runners = runnerIds.map((id) => {
      const r = orgRunner(c, org, id);
      if (!r) throw invalidBody(`For 'runners', runner ${id} does not exist in ${org.login}.`);
      return r;
    });
    const group: RunnerGroup = {
      id: state.nextId++,
      org: org.login,
      name: name.trim(),
      visibility,
      default: false,
      inherited: false,
      allows_public_repositories: allowsPublic,
      restricted_to_workflows: restricted,
      selected_workflows: workflows,
      selectedRepoIds,
    };
    putRunnerGroup(state, group);
    for (const r of runners) r.runner_group_id = group.id;
    countWrite(c);
    return c.json(serializeGroup(c, group), 201);
  });

  route(api, "GET", `${BASE}/{runner_group_id}`, (c, p) => {
    const org = ownerOrg(c, p.org ?? "");
    return c.json(serializeGroup(c, findGroup(c, org, p.runner_group_id)));
  });

  route(api, "PATCH", `${BASE}/{runner_group_id}`, async (c, p) => {
    const org = ownerOrg(c, p.org ?? "");
    const state = c.get("sim").state;
    const g = findGroup(c, org, p.runner_group_id);
    notInherited(g);
    const body = await readJson(c, true);
    const name = stringField(body, "name", true) ?? "";
    if (name.trim() === "") throw unprocessable("Validation Failed", ["Name can't be blank"]);
    if (groupsOf(state, org).some((o) => o !== g && o.name.toLowerCase() === name.trim().toLowerCase())) {
      throw unprocessable("Validation Failed", [`A runner group named "${name.trim()}" already exists`]);
    }
    const visibility = enumField(body, "visibility", VISIBILITIES, false);
    const allowsPublic = boolField(body, "allows_public_repositories");
    const restricted = boolField(body, "restricted_to_workflows");
    const workflows = workflowsField(body);
    g.name = name.trim();
    if (visibility !== undefined) {
      if (visibility !== "selected") g.selectedRepoIds = [];
      g.visibility = visibility;
    }
    if (allowsPublic !== undefined) g.allows_public_repositories = allowsPublic;
    if (restricted !== undefined) g.restricted_to_workflows = restricted;
    if (workflows !== undefined) g.selected_workflows = workflows;
    countWrite(c);
    return c.json(serializeGroup(c, g));
  });

  route(api, "DELETE", `${BASE}/{runner_group_id}`, (c, p) => {
    const org = ownerOrg(c, p.org ?? "");
    const state = c.get("sim").state;
    const g = findGroup(c, org, p.runner_group_id);
    if (g.default) throw conflict("The default runner group cannot be deleted.");
    notInherited(g);
    for (const r of groupRunners(state, g)) r.runner_group_id = DEFAULT_GROUP_ID;
    state.runnerGroups.delete(groupKey(state, org.login, g.id));
    countWrite(c);
    return noContent(c);
  });

  // Repository access.
  route(api, "GET", `${BASE}/{runner_group_id}/repositories`, (c, p) => {
    const org = ownerOrg(c, p.org ?? "");
    const g = findGroup(c, org, p.runner_group_id);
    const repos = orgRepos(c, org).filter((r) => g.selectedRepoIds.includes(r.id));
    const page = paginate(c, repos);
    return c.json({ total_count: page.total, repositories: page.items.map((r) => minimalRepo(c, r)) });
  });

  route(api, "PUT", `${BASE}/{runner_group_id}/repositories`, async (c, p) => {
    const org = ownerOrg(c, p.org ?? "");
    const g = findGroup(c, org, p.runner_group_id);
    notInherited(g);
    const body = await readJson(c, true);
    const ids = intArrayField(body, "selected_repository_ids", true) ?? [];
    if (g.visibility !== "selected") {
      throw conflict(`The runner group's visibility must be "selected" to set its repositories.`);
    }
    g.selectedRepoIds = orgRepoIds(c, org, ids);
    countWrite(c);
    return noContent(c);
  });

  route(api, "PUT", `${BASE}/{runner_group_id}/repositories/{repository_id}`, (c, p) => {
    const org = ownerOrg(c, p.org ?? "");
    const g = findGroup(c, org, p.runner_group_id);
    const repo = orgRepoById(c, org, p.repository_id);
    notInherited(g);
    if (g.visibility !== "selected") throw conflict(`The runner group's visibility must be "selected" to add repositories.`);
    if (!g.selectedRepoIds.includes(repo.id)) g.selectedRepoIds.push(repo.id);
    countWrite(c);
    return noContent(c);
  });

  route(api, "DELETE", `${BASE}/{runner_group_id}/repositories/{repository_id}`, (c, p) => {
    const org = ownerOrg(c, p.org ?? "");
    const g = findGroup(c, org, p.runner_group_id);
    const repo = orgRepoById(c, org, p.repository_id);
    notInherited(g);
    if (g.visibility !== "selected") throw conflict(`The runner group's visibility must be "selected" to remove repositories.`);
    g.selectedRepoIds = g.selectedRepoIds.filter((id) => id !== repo.id);
    countWrite(c);
    return noContent(c);
  });

  // Runners.
  route(api, "GET", `${BASE}/{runner_group_id}/runners`, (c, p) => {
    const org = ownerOrg(c, p.org ?? "");
    const g = findGroup(c, org, p.runner_group_id);
    const page = paginate(c, groupRunners(c.get("sim").state, g));
    return c.json({ total_count: page.total, runners: page.items.map(serializeRunner) });
  });

  route(api, "PUT", `${BASE}/{runner_group_id}/runners`, async (c, p) => {
    const org = ownerOrg(c, p.org ?? "");
    const state = c.get("sim").state;
    const g = findGroup(c, org, p.runner_group_id);
    notInherited(g);
    const body = await readJson(c, true);
    const ids = intArrayField(body, "runners", true) ?? [];
    const runners = ids.map((id) => {
      const r = orgRunner(c, org, id);
      if (!r) throw invalidBody(`For 'runners', runner ${id} does not exist in ${org.login}.`);
      return r;
    });
    if (!defaultGroup(state, org.login)) throw notFound();
    for (const r of groupRunners(state, g)) if (!runners.includes(r)) r.runner_group_id = DEFAULT_GROUP_ID;
    for (const r of runners) r.runner_group_id = g.id;
    countWrite(c);
    return noContent(c);
  });

  route(api, "PUT", `${BASE}/{runner_group_id}/runners/{runner_id}`, (c, p) => {
    const org = ownerOrg(c, p.org ?? "");
    const g = findGroup(c, org, p.runner_group_id);
    const r = orgRunner(c, org, intParam(p.runner_id));
    if (!r) throw notFound();
    notInherited(g);
    r.runner_group_id = g.id;
    countWrite(c);
    return noContent(c);
  });

  route(api, "DELETE", `${BASE}/{runner_group_id}/runners/{runner_id}`, (c, p) => {
    const org = ownerOrg(c, p.org ?? "");
    const g = findGroup(c, org, p.runner_group_id);
    const r = orgRunner(c, org, intParam(p.runner_id));
    if (!r || r.runner_group_id !== g.id) throw notFound();
    notInherited(g);
    if (g.default) throw conflict("A runner cannot be removed from the default runner group; add it to another group instead.");
    r.runner_group_id = DEFAULT_GROUP_ID;
    countWrite(c);
    return noContent(c);
  });
}
