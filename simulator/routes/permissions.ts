// GitHub Actions permissions: the org policy (which repositories may run Actions, which actions are allowed) and the
// repository policy, which can only be as strict as or stricter than its organization's.
import type { Hono } from "hono";
import type { SimEnv } from "../context.js";
import { countWrite } from "../http/access.js";
import { paginate } from "../http/pagination.js";
import { route } from "../http/route.js";
import { apiUrl } from "../http/urls.js";
import { repository } from "../serialize/common.js";
import type { AllowedActions, Org, Repo, SelectedActions, State } from "../store/types.js";
import {
  boolField,
  conflict,
  enumField,
  intArrayField,
  invalidBody,
  noContent,
  orgRepoById,
  orgRepoIds,
  orgRepos,
  ownerOrg,
  adminRepo,
  readJson,
  requireField,
  stringArrayField,
} from "./fleet-common.js";

const ALLOWED = ["all", "local_only", "selected"] as const;
const ENABLED = ["all", "none", "selected"] as const;
/** How strict each allowed_actions policy is. */
const STRICTNESS: Record<AllowedActions, number> = { all: 0, selected: 1, local_only: 2 };

function orgOf(state: State, repo: Repo): Org | undefined {
  return repo.ownerType === "Organization" ? state.orgs.get(repo.owner) ?? [...state.orgs.values()].find((o) => o.login === repo.owner) : undefined;
}

/** Whether the org policy lets a repository run Actions at all. */
export function orgAllowsRepo(org: Org | undefined, repo: Repo): boolean {
  if (!org) return true;
  const p = org.permissions;
  return p.enabled_repositories === "all" || (p.enabled_repositories === "selected" && p.selectedRepoIds.includes(repo.id));
}

/** The repository's effective policy: its own, tightened by its organization's. */
export function effectiveRepoPermissions(state: State, repo: Repo): { enabled: boolean; allowed_actions: AllowedActions } {
  const org = orgOf(state, repo);
  const enabled = repo.permissions.enabled && orgAllowsRepo(org, repo);
  let allowed = repo.permissions.allowed_actions;
  if (org && STRICTNESS[org.permissions.allowed_actions] > STRICTNESS[allowed]) allowed = org.permissions.allowed_actions;
  return { enabled, allowed_actions: allowed };
}

function selectedActionsBody(s: SelectedActions) {
  return { github_owned_allowed: s.github_owned_allowed, verified_allowed: s.verified_allowed, patterns_allowed: [...s.patterns_allowed] };
}

function readSelectedActions(body: Record<string, unknown>, current: SelectedActions): SelectedActions {
  const patterns = stringArrayField(body, "patterns_allowed", false);
  for (const p of patterns ?? []) {
    if (p.trim() === "" || /\s/.test(p)) throw invalidBody(`For 'patterns_allowed', ${JSON.stringify(p)} is not a valid pattern.`);
  }
  return {
    github_owned_allowed: boolField(body, "github_owned_allowed") ?? current.github_owned_allowed,
    verified_allowed: boolField(body, "verified_allowed") ?? current.verified_allowed,
    patterns_allowed: patterns ?? current.patterns_allowed,
  };
}

export function register(api: Hono<SimEnv>): void {
  const ORG = "/orgs/{org}/actions/permissions";

  route(api, "GET", ORG, (c, p) => {
    const org = ownerOrg(c, p.org ?? "");
    const perm = org.permissions;
    return c.json({
      enabled_repositories: perm.enabled_repositories,
      ...(perm.enabled_repositories === "selected" ? { selected_repositories_url: apiUrl(c, `/orgs/${org.login}/actions/permissions/repositories`) } : {}),
      ...(perm.enabled_repositories !== "none" ? { allowed_actions: perm.allowed_actions } : {}),
      ...(perm.enabled_repositories !== "none" && perm.allowed_actions === "selected"
        ? { selected_actions_url: apiUrl(c, `/orgs/${org.login}/actions/permissions/selected-actions`) }
        : {}),
    });
  });

  route(api, "PUT", ORG, async (c, p) => {
    const org = ownerOrg(c, p.org ?? "");
    const body = await readJson(c, true);
    const enabled = enumField(body, "enabled_repositories", ENABLED, true) ?? "all";
    const allowed = enumField(body, "allowed_actions", ALLOWED, false);
    boolField(body, "sha_pinning_required");
    org.permissions.enabled_repositories = enabled;
    if (allowed !== undefined) org.permissions.allowed_actions = allowed;
    countWrite(c);
    return noContent(c);
  });

  const needSelectedRepos = (org: Org) => {
    if (org.permissions.enabled_repositories !== "selected") {
      throw conflict(`The organization's enabled_repositories policy must be "selected" to manage its selected repositories.`);
    }
  };

  route(api, "GET", `${ORG}/repositories`, (c, p) => {
    const org = ownerOrg(c, p.org ?? "");
    needSelectedRepos(org);
    const ids = org.permissions.selectedRepoIds;
    const page = paginate(c, orgRepos(c, org).filter((r) => ids.includes(r.id)));
    return c.json({ total_count: page.total, repositories: page.items.map((r) => {
        // The "Repository" schema here types temp_clone_token as a (non-null) string; it is optional, so omit it.
        const { temp_clone_token: _t, ...rest } = repository(c, r);
        return rest;
      }) });
  });

  route(api, "PUT", `${ORG}/repositories`, async (c, p) => {
    const org = ownerOrg(c, p.org ?? "");
    const body = await readJson(c, true);
    const ids = intArrayField(body, "selected_repository_ids", true) ?? [];
    needSelectedRepos(org);
    org.permissions.selectedRepoIds = orgRepoIds(c, org, ids);
    countWrite(c);
    return noContent(c);
  });

  route(api, "PUT", `${ORG}/repositories/{repository_id}`, (c, p) => {
    const org = ownerOrg(c, p.org ?? "");
    const repo = orgRepoById(c, org, p.repository_id);
    needSelectedRepos(org);
    if (!org.permissions.selectedRepoIds.includes(repo.id)) org.permissions.selectedRepoIds.push(repo.id);
    countWrite(c);
    return noContent(c);
  });

  route(api, "DELETE", `${ORG}/repositories/{repository_id}`, (c, p) => {
    const org = ownerOrg(c, p.org ?? "");
    const repo = orgRepoById(c, org, p.repository_id);
    needSelectedRepos(org);
    org.permissions.selectedRepoIds = org.permissions.selectedRepoIds.filter((id) => id !== repo.id);
    countWrite(c);
    return noContent(c);
  });

  const needSelectedActions = (allowed: AllowedActions, what: string) => {
    if (allowed !== "selected") throw conflict(`The ${what}'s allowed_actions policy must be "selected" to manage its selected actions.`);
  };

  route(api, "GET", `${ORG}/selected-actions`, (c, p) => {
    const org = ownerOrg(c, p.org ?? "");
    needSelectedActions(org.permissions.allowed_actions, "organization");
    return c.json(selectedActionsBody(org.selectedActions));
  });

  route(api, "PUT", `${ORG}/selected-actions`, async (c, p) => {
    const org = ownerOrg(c, p.org ?? "");
    const body = await readJson(c, false);
    const next = readSelectedActions(body, org.selectedActions);
    needSelectedActions(org.permissions.allowed_actions, "organization");
    org.selectedActions = next;
    countWrite(c);
    return noContent(c);
  });

  // Repository policy.
  const REPO = "/repos/{owner}/{repo}/actions/permissions";

  route(api, "GET", REPO, (c, p) => {
    const repo = adminRepo(c, p.owner ?? "", p.repo ?? "");
    const eff = effectiveRepoPermissions(c.get("sim").state, repo);
    return c.json({
      enabled: eff.enabled,
      ...(eff.enabled ? { allowed_actions: eff.allowed_actions } : {}),
      ...(eff.enabled && eff.allowed_actions === "selected"
        ? { selected_actions_url: apiUrl(c, `/repos/${repo.owner}/${repo.name}/actions/permissions/selected-actions`) }
        : {}),
    });
  });

  route(api, "PUT", REPO, async (c, p) => {
    const repo = adminRepo(c, p.owner ?? "", p.repo ?? "");
    const state = c.get("sim").state;
    const body = await readJson(c, true);
    const enabledRaw = requireField(body, "enabled");
    if (typeof enabledRaw !== "boolean") throw invalidBody(`For 'enabled', ${JSON.stringify(enabledRaw)} is not a boolean.`);
    const allowed = enumField(body, "allowed_actions", ALLOWED, false);
    boolField(body, "sha_pinning_required");
    const org = orgOf(state, repo);
    if (org) {
      if (enabledRaw && !orgAllowsRepo(org, repo)) {
        throw conflict(`GitHub Actions is disabled for this repository by the ${org.login} organization's policy.`);
      }
      if (allowed !== undefined && STRICTNESS[allowed] < STRICTNESS[org.permissions.allowed_actions]) {
        throw conflict(
          `The ${org.login} organization restricts allowed actions to "${org.permissions.allowed_actions}"; the repository cannot allow "${allowed}".`,
        );
      }
    }
    repo.permissions.enabled = enabledRaw;
    if (allowed !== undefined) repo.permissions.allowed_actions = allowed;
    countWrite(c);
    return noContent(c);
  });

  route(api, "GET", `${REPO}/selected-actions`, (c, p) => {
    const repo = adminRepo(c, p.owner ?? "", p.repo ?? "");
    const state = c.get("sim").state;
    const eff = effectiveRepoPermissions(state, repo);
    needSelectedActions(eff.allowed_actions, "repository");
    const org = orgOf(state, repo);
    // When the organization itself selects actions, its list is what applies to the repository.
    const source = org && org.permissions.allowed_actions === "selected" ? org.selectedActions : repo.selectedActions;
    return c.json(selectedActionsBody(source));
  });

  route(api, "PUT", `${REPO}/selected-actions`, async (c, p) => {
    const repo = adminRepo(c, p.owner ?? "", p.repo ?? "");
    const state = c.get("sim").state;
    const body = await readJson(c, false);
    const next = readSelectedActions(body, repo.selectedActions);
    const eff = effectiveRepoPermissions(state, repo);
    needSelectedActions(eff.allowed_actions, "repository");
    const org = orgOf(state, repo);
    if (org && org.permissions.allowed_actions === "selected") {
      throw conflict(`The ${org.login} organization sets the selected actions; the repository cannot override them.`);
    }
    repo.selectedActions = next;
    countWrite(c);
    return noContent(c);
  });
}
