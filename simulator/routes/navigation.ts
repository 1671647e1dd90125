// What a dashboard needs to find its way: the user, their orgs and repositories, branches, workflow files
// through the contents API, /rate_limit and /meta.
import { createHash } from "node:crypto";
import type { Hono } from "hono";
import { GHES_VERSION } from "../version.js";
import type { SimContext, SimEnv } from "../context.js";
import { auth } from "../http/auth.js";
import { findOrg, hasScope, lookupRepo, orgRole, repoRole, requireCaller, requireScope } from "../http/access.js";
import { DOCS, GhError, invalid, notFound } from "../http/errors.js";
import { paginate } from "../http/pagination.js";
import { rateInfo } from "../http/ratelimit.js";
import { route } from "../http/route.js";
import { apiUrl, webUrl } from "../http/urls.js";
import { fullRepo, minimalRepo, orgFull, orgSimple, repository, simpleUser } from "../serialize/common.js";
import type { Org, Repo } from "../store/types.js";

function findOrgPublic(c: SimContext, login: string): Org {
  const orgs = c.get("sim").state.orgs;
  const org = orgs.get(login) ?? [...orgs.values()].find((o) => o.login.toLowerCase() === login.toLowerCase());
  if (!org) throw notFound();
  return org;
}

/** Whether the caller (or an anonymous client) may see a repository at all. */
export function canSee(c: SimContext, repo: Repo): boolean {
  if (repo.visibility === "public") return true;
  const caller = c.get("caller");
  if (!caller) return false;
  if (!hasScope(caller.token.scopes, "repo")) return false;
  return repoRole(c.get("sim"), repo, caller.user.login) !== null;
}

/** A visible repository, or 404 (private ones are hidden, as GitHub hides them). */
export function visibleRepo(c: SimContext, owner: string, name: string): Repo {
  const repo = lookupRepo(c.get("sim"), owner, name);
  if (!repo || !canSee(c, repo)) throw notFound();
  return repo;
}

type SortKey = "created" | "updated" | "pushed" | "full_name";

function sortRepos(repos: Repo[], sort: SortKey, direction: "asc" | "desc"): Repo[] {
  const key = (r: Repo): string =>
    sort === "full_name" ? `${r.owner}/${r.name}`.toLowerCase() : sort === "created" ? r.created_at : sort === "updated" ? r.updated_at : r.pushed_at;
  const sorted = [...repos].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id - b.id));
  return direction === "desc" ? sorted.reverse() : sorted;
}

function enumParam<T extends string>(c: SimContext, name: string, allowed: readonly T[], fallback: T): T {
  const v = c.req.query(name);
  if (v === undefined || v === "") return fallback;
  if (!(allowed as readonly string[]).includes(v)) {
    throw invalid("Validation Failed", [
      { resource: "Search", field: name, code: "invalid", message: `${name} must be one of ${allowed.join(", ")}` },
    ]);
  }
  return v as T;
}

/** A git blob sha, as the contents API reports it. */
function blobSha(content: string): string {
  const buf = Buffer.from(content, "utf8");
  return createHash("sha1").update(`blob ${buf.length}\0`).update(buf).digest("hex");
}

export function register(api: Hono<SimEnv>): void {
  route(api, "GET", "/meta", (c) =>
    c.json({ verifiable_password_authentication: false, installed_version: GHES_VERSION }),
  );

  route(api, "GET", "/user", (c) => {
    const { user, token } = requireCaller(c);
    const sim = c.get("sim");
    const owned = [...sim.state.repos.values()].filter((r) => r.ownerType === "User" && r.owner === user.login);
    const priv = owned.filter((r) => r.visibility !== "public").length;
    const base = simpleUser(c, user.login);
    const { name: _n, email: _e, ...rest } = base;
    return c.json({
      ...rest,
      name: user.name,
      company: null,
      blog: "",
      location: null,
      // GitHub shows the email only with the user:email (or user) scope.
      email: hasScope(token.scopes, "user:email") ? user.email : null,
      hireable: null,
      bio: null,
      twitter_username: null,
      public_repos: owned.length - priv,
      public_gists: 0,
      followers: 0,
      following: 0,
      created_at: user.created_at,
      updated_at: user.created_at,
      private_gists: 0,
      total_private_repos: priv,
      owned_private_repos: priv,
      disk_usage: owned.length * 512,
      collaborators: 0,
      two_factor_authentication: true,
      plan: { name: "enterprise", space: 976562499, collaborators: 0, private_repos: 9999 },
      ...(user.site_admin ? { ldap_dn: `uid=${user.login},ou=users,dc=example,dc=com` } : {}),
    });
  });

  route(api, "GET", "/user/orgs", (c) => {
    const { user, token } = requireCaller(c);
    // Without read:org (or user) a token sees only public memberships; the simulator has none public.
    const canList = hasScope(token.scopes, "read:org") || hasScope(token.scopes, "user");
    const orgs = canList ? [...c.get("sim").state.orgs.values()].filter((o) => o.members[user.login]).sort((a, b) => a.id - b.id) : [];
    const page = paginate(c, orgs);
    return c.json(page.items.map((o) => orgSimple(c, o)));
  });

  // The caller's own membership: role "admin" for an owner, "member" otherwise; 404 for a non-member.
  // GitHub asks for read:org here (admin:org and write:org imply it).
  route(api, "GET", "/user/memberships/orgs/{org}", (c, p) => {
    const { user } = requireScope(c, "read:org");
    const org = findOrg(c, p.org ?? "", "member");
    const role = orgRole(org, user.login);
    return c.json({
      url: apiUrl(c, `/orgs/${org.login}/memberships/${user.login}`),
      state: "active",
      role: role === "owner" ? "admin" : "member",
      organization_url: apiUrl(c, `/orgs/${org.login}`),
      organization: orgSimple(c, org),
      user: simpleUser(c, user.login),
    });
  });

  route(api, "GET", "/user/repos", (c) => {
    const { user, token } = requireCaller(c);
    const sim = c.get("sim");
    const visibilityQ = c.req.query("visibility");
    const typeQ = c.req.query("type");
    const affiliationQ = c.req.query("affiliation");
    if ((visibilityQ || affiliationQ) && typeQ) {
      throw invalid("If you specify visibility or affiliation, you cannot specify type.", [
        { resource: "Search", field: "type", code: "invalid" },
      ]);
    }
    const visibility = enumParam(c, "visibility", ["all", "public", "private"] as const, "all");
    const type = enumParam(c, "type", ["all", "owner", "public", "private", "member"] as const, "all");
    const affiliations = new Set((affiliationQ ?? "owner,collaborator,organization_member").split(",").map((s) => s.trim()));
    const sort = enumParam(c, "sort", ["created", "updated", "pushed", "full_name"] as const, "full_name");
    const direction = enumParam(c, "direction", ["asc", "desc"] as const, sort === "full_name" ? "asc" : "desc");
    const since = c.req.query("since");
    const before = c.req.query("before");
    const withPrivate = hasScope(token.scopes, "repo");

    const repos = [...sim.state.repos.values()].filter((r) => {
      if (r.visibility !== "public" && !withPrivate) return false;
      const owner = r.ownerType === "User" && r.owner === user.login;
      const collaborator = r.collaborators[user.login] !== undefined;
      const orgMember = r.ownerType === "Organization" && !!sim.state.orgs.get(r.owner)?.members[user.login] && repoRole(sim, r, user.login) !== null;
      const affiliated =
        (affiliations.has("owner") && owner) ||
        (affiliations.has("collaborator") && collaborator) ||
        (affiliations.has("organization_member") && orgMember);
      if (!affiliated) return false;
      if (visibility === "public" && r.visibility !== "public") return false;
      if (visibility === "private" && r.visibility === "public") return false;
      if (type === "owner" && !owner) return false;
      if (type === "public" && r.visibility !== "public") return false;
      if (type === "private" && r.visibility === "public") return false;
      if (type === "member" && owner) return false;
      if (since && r.updated_at < since) return false;
      if (before && r.updated_at >= before) return false;
      return true;
    });
    const page = paginate(c, sortRepos(repos, sort, direction));
    return c.json(page.items.map((r) => repository(c, r)));
  });

  route(api, "GET", "/orgs/{org}", (c, p) => {
    const org = findOrgPublic(c, p.org ?? "");
    return c.json(orgFull(c, org));
  });

  route(api, "GET", "/orgs/{org}/repos", (c, p) => {
    const org = findOrgPublic(c, p.org ?? "");
    const type = enumParam(c, "type", ["all", "public", "private", "forks", "sources", "member", "internal"] as const, "all");
    const sort = enumParam(c, "sort", ["created", "updated", "pushed", "full_name"] as const, "created");
    const direction = enumParam(c, "direction", ["asc", "desc"] as const, sort === "full_name" ? "asc" : "desc");
    const caller = c.get("caller");
    const repos = [...c.get("sim").state.repos.values()].filter((r) => {
      if (r.ownerType !== "Organization" || r.owner !== org.login || !canSee(c, r)) return false;
      if (type === "public") return r.visibility === "public";
      if (type === "private") return r.visibility === "private";
      if (type === "internal") return r.visibility === "internal";
      if (type === "forks") return false;
      if (type === "member") return !!caller && r.collaborators[caller.user.login] !== undefined;
      return true;
    });
    const page = paginate(c, sortRepos(repos, sort, direction));
    return c.json(page.items.map((r) => minimalRepo(c, r, { extended: true })));
  });

  route(api, "GET", "/repos/{owner}/{repo}", (c, p) => {
    const repo = visibleRepo(c, p.owner ?? "", p.repo ?? "");
    return c.json(fullRepo(c, repo));
  });

  route(api, "GET", "/repos/{owner}/{repo}/branches", (c, p) => {
    const repo = visibleRepo(c, p.owner ?? "", p.repo ?? "");
    const protectedQ = c.req.query("protected");
    const branches = repo.branches.filter((b) =>
      protectedQ === "true" ? b.protected : protectedQ === "false" ? !b.protected : true,
    );
    const page = paginate(c, branches);
    const base = `/repos/${repo.owner}/${repo.name}`;
    return c.json(
      page.items.map((b) => ({
        name: b.name,
        commit: { sha: b.sha, url: apiUrl(c, `${base}/commits/${b.sha}`) },
        protected: b.protected,
        ...(b.protected ? { protection_url: apiUrl(c, `${base}/branches/${encodeURIComponent(b.name)}/protection`) } : {}),
      })),
    );
  });

  // The repository's root is `/contents` (no path) as on GitHub.
  route(api, "GET", "/repos/{owner}/{repo}/contents", (c, p) => contents(c, { ...p, path: "" }));
  route(api, "GET", "/repos/{owner}/{repo}/contents/{path}", (c, p) => contents(c, p));

  route(api, "GET", "/rate_limit", (c) => {
    const info = rateInfo(c);
    const core = { limit: info.limit, used: info.used, remaining: Math.max(0, info.limit - info.used), reset: info.reset };
    const other = (limit: number) => ({ limit, used: 0, remaining: limit, reset: info.reset });
    return c.json({
      resources: {
        core,
        search: other(30),
        graphql: other(info.limit),
        integration_manifest: other(5000),
        code_search: other(10),
        actions_runner_registration: other(10000),
      },
      rate: core,
    });
  });
}

/** GET .../contents[/{path}]: a file (base64, or raw with the raw media type) or a directory listing. */
function contents(c: SimContext, p: Record<string, string>): Response {
  const repo = visibleRepo(c, p.owner ?? "", p.repo ?? "");
  const path = (p.path ?? "").replace(/^\/+|\/+$/g, "");
  const ref = c.req.query("ref") || repo.default_branch;
  const branch = repo.branches.find((b) => b.name === ref || b.sha === ref) ?? runCommit(c, repo, ref);
  if (!branch) {
    throw new GhError(404, `No commit found for the ref ${ref}`, { documentation_url: `${DOCS}/repos/contents#get-repository-content` });
  }
  const base = `/repos/${repo.owner}/${repo.name}`;
  const raw = /vnd\.github(\.v3)?\.raw/.test(c.req.header("accept") ?? "");
  const entry = (filePath: string, type: "file" | "dir", size: number, sha: string) => {
    const self = apiUrl(c, `${base}/contents/${filePath}?ref=${encodeURIComponent(branch.name)}`);
    const html = webUrl(c, `/${repo.owner}/${repo.name}/${type === "dir" ? "tree" : "blob"}/${branch.name}/${filePath}`);
    const git = apiUrl(c, `${base}/git/${type === "dir" ? "trees" : "blobs"}/${sha}`);
    return {
      name: filePath.split("/").pop() ?? filePath,
      path: filePath,
      sha,
      size,
      url: self,
      html_url: html,
      git_url: git,
      download_url: type === "file" ? webUrl(c, `/raw/${repo.owner}/${repo.name}/${branch.name}/${filePath}`) : null,
      type,
      _links: { self, git, html },
    };
  };

  const content = repo.files[path];
  if (content !== undefined) {
    if (raw) {
      return c.body(content, 200, { "Content-Type": "text/plain; charset=utf-8" });
    }
    const size = Buffer.byteLength(content, "utf8");
    // GitHub wraps base64 content at 60 characters with "\n".
    const b64 = (Buffer.from(content, "utf8").toString("base64").match(/.{1,60}/g) ?? []).join("\n");
    return c.json({ ...entry(path, "file", size, blobSha(content)), content: b64 ? `${b64}\n` : "", encoding: "base64" });
  }
  // A directory: the files and subdirectories directly under it.
  const prefix = path ? `${path}/` : "";
  const children = new Map<string, { type: "file" | "dir"; size: number; sha: string }>();
  for (const [filePath, text] of Object.entries(repo.files)) {
    if (!filePath.startsWith(prefix)) continue;
    const rest = filePath.slice(prefix.length);
    const [head, ...more] = rest.split("/");
    if (!head) continue;
    const childPath = prefix + head;
    if (more.length === 0) children.set(childPath, { type: "file", size: Buffer.byteLength(text, "utf8"), sha: blobSha(text) });
    else if (!children.has(childPath)) children.set(childPath, { type: "dir", size: 0, sha: blobSha(childPath) });
  }
  if (children.size === 0) {
    throw new GhError(404, "Not Found", { documentation_url: `${DOCS}/repos/contents#get-repository-content` });
  }
  const list = [...children.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([childPath, v]) => entry(childPath, v.type, v.size, v.sha));
  return c.json(list);
}

/**
 * GHES serves a file's `download_url` from the web host under /raw/{owner}/{repo}/{ref}/{path}; private and internal
 * files need the caller's token (Authorization header), as they do there.
 */
export function registerRaw(app: Hono<SimEnv>): void {
  app.use("/raw/*", auth());
  app.get("/raw/:owner/:repo/:rest{.+}", (c) => {
    const repo = visibleRepo(c, c.req.param("owner"), c.req.param("repo"));
    // The ref may hold slashes ("feature/login"): take the longest branch name (or a commit) that prefixes the rest.
    const rest = c.req.param("rest");
    const refs = [...repo.branches.map((b) => b.name), rest.split("/")[0] ?? ""].sort((a, b) => b.length - a.length);
    const ref = refs.find((r) => rest.startsWith(`${r}/`) && (repo.branches.some((b) => b.name === r || b.sha === r) || runCommit(c, repo, r)));
    if (!ref) throw notFound();
    const content = repo.files[rest.slice(ref.length + 1)];
    if (content === undefined) throw notFound();
    return c.body(content, 200, { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" });
  });
}

/**
 * A run's `head_sha` is a commit of its repository too: the contents API answers at it (the repo has one file set,
 * so the files are those of the default branch). Lets clients read a run's workflow file at the run's commit.
 */
function runCommit(c: SimContext, repo: Repo, ref: string): { name: string; sha: string; protected: boolean } | undefined {
  if (!/^[0-9a-f]{40}$/.test(ref)) return undefined;
  for (const run of c.get("sim").state.runs.values()) {
    if (run.repoId === repo.id && run.head_sha === ref) return { name: ref, sha: ref, protected: false };
  }
  return undefined;
}
