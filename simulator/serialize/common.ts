// Shapes shared by many endpoints: simple-user, minimal-repository, repository, full-repository,
// organization-simple and organization-full, as the OpenAPI description defines them.
import type { SimContext } from "../context.js";
import { repoRole } from "../http/access.js";
import { apiUrl, nodeId, origin, webUrl } from "../http/urls.js";
import type { Org, Repo, RepoRole } from "../store/types.js";

/** A stable id for logins the store does not know (bots, deleted users), so bodies stay valid. */
function syntheticId(login: string): number {
  let h = 2166136261;
  for (const ch of login) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return 90_000_000 + (h % 9_000_000);
}

export function avatarUrl(c: SimContext, id: number): string {
  // GHES serves avatars from its own host under /avatars/u/{id}; the simulator answers that path too.
  return `${origin(c)}/avatars/u/${id}?v=4`;
}

/** The OpenAPI "simple-user" for a user, an organization or an unknown login (e.g. "github-actions[bot]"). */
export function simpleUser(c: SimContext, login: string) {
  const state = c.get("sim").state;
  const user = state.users.get(login) ?? [...state.users.values()].find((u) => u.login.toLowerCase() === login.toLowerCase());
  const org = user ? undefined : (state.orgs.get(login) ?? [...state.orgs.values()].find((o) => o.login.toLowerCase() === login.toLowerCase()));
  const isBot = !user && !org && login.endsWith("[bot]");
  const name = user?.login ?? org?.login ?? login;
  const id = user?.id ?? org?.id ?? syntheticId(login);
  const type = org ? "Organization" : isBot ? "Bot" : "User";
  const u = (p: string) => apiUrl(c, `/users/${encodeURIComponent(name)}${p}`);
  return {
    name: user?.name ?? org?.name ?? null,
    email: user?.email ?? null,
    login: name,
    id,
    node_id: nodeId(type, id),
    avatar_url: avatarUrl(c, id),
    gravatar_id: "",
    url: u(""),
    html_url: webUrl(c, `/${encodeURIComponent(name)}`),
    followers_url: u("/followers"),
    following_url: u("/following{/other_user}"),
    gists_url: u("/gists{/gist_id}"),
    starred_url: u("/starred{/owner}{/repo}"),
    subscriptions_url: u("/subscriptions"),
    organizations_url: u("/orgs"),
    repos_url: u("/repos"),
    events_url: u("/events{/privacy}"),
    received_events_url: u("/received_events"),
    type,
    site_admin: user?.site_admin ?? false,
    user_view_type: "public",
  };
}

const RANK: Record<RepoRole, number> = { read: 1, triage: 2, write: 3, maintain: 4, admin: 5 };

/** The caller's permissions on a repository, as GitHub adds them to authenticated repository bodies. */
export function repoPermissions(c: SimContext, repo: Repo) {
  const caller = c.get("caller");
  const role = caller ? repoRole(c.get("sim"), repo, caller.user.login) : null;
  const r = role ? RANK[role] : 0;
  return { admin: r >= 5, maintain: r >= 4, push: r >= 3, triage: r >= 2, pull: r >= 1 };
}

/** The fields every repository shape has (minimal-repository's required set plus the common extras). */
function repoBase(c: SimContext, repo: Repo) {
  const full = `${repo.owner}/${repo.name}`;
  const a = (p: string) => apiUrl(c, `/repos/${full}${p}`);
  const host = new URL(c.req.url).host;
  return {
    id: repo.id,
    node_id: nodeId("Repository", repo.id),
    name: repo.name,
    full_name: full,
    owner: simpleUser(c, repo.owner),
    private: repo.visibility !== "public",
    html_url: webUrl(c, `/${full}`),
    description: repo.description,
    fork: false,
    url: a(""),
    archive_url: a("/{archive_format}{/ref}"),
    assignees_url: a("/assignees{/user}"),
    blobs_url: a("/git/blobs{/sha}"),
    branches_url: a("/branches{/branch}"),
    collaborators_url: a("/collaborators{/collaborator}"),
    comments_url: a("/comments{/number}"),
    commits_url: a("/commits{/sha}"),
    compare_url: a("/compare/{base}...{head}"),
    contents_url: a("/contents/{+path}"),
    contributors_url: a("/contributors"),
    deployments_url: a("/deployments"),
    downloads_url: a("/downloads"),
    events_url: a("/events"),
    forks_url: a("/forks"),
    git_commits_url: a("/git/commits{/sha}"),
    git_refs_url: a("/git/refs{/sha}"),
    git_tags_url: a("/git/tags{/sha}"),
    git_url: `git://${host}/${full}.git`,
    issue_comment_url: a("/issues/comments{/number}"),
    issue_events_url: a("/issues/events{/number}"),
    issues_url: a("/issues{/number}"),
    keys_url: a("/keys{/key_id}"),
    labels_url: a("/labels{/name}"),
    languages_url: a("/languages"),
    merges_url: a("/merges"),
    milestones_url: a("/milestones{/number}"),
    notifications_url: a("/notifications{?since,all,participating}"),
    pulls_url: a("/pulls{/number}"),
    releases_url: a("/releases{/id}"),
    ssh_url: `git@${host}:${full}.git`,
    stargazers_url: a("/stargazers"),
    statuses_url: a("/statuses/{sha}"),
    subscribers_url: a("/subscribers"),
    subscription_url: a("/subscription"),
    tags_url: a("/tags"),
    teams_url: a("/teams"),
    trees_url: a("/git/trees{/sha}"),
    clone_url: webUrl(c, `/${full}.git`),
    mirror_url: null,
    hooks_url: a("/hooks"),
    svn_url: webUrl(c, `/${full}`),
    homepage: null,
    language: repoLanguage(repo),
  };
}

function repoLanguage(repo: Repo): string | null {
  const n = repo.name.toLowerCase();
  if (n.includes("infra") || n.includes("terraform")) return "HCL";
  if (n.includes("dotfiles")) return "Shell";
  if (n.includes("api") || n.includes("service")) return "Go";
  return "TypeScript";
}

function repoCounts(repo: Repo) {
  // Deterministic small numbers derived from the id, so bodies look lived-in but stay stable.
  const s = repo.id % 97;
  return { forks: s % 7, stars: (s * 3) % 41, issues: s % 13, size: 100 + s * 37 };
}

/**
 * The "minimal-repository" shape: with only the URL fields as in `workflow_runs[].repository`, or with
 * `extended` (counts, visibility, the caller's permissions) as GET /orgs/{org}/repos answers it.
 */
export function minimalRepo(c: SimContext, repo: Repo, opts: { extended?: boolean } = {}) {
  const n = repoCounts(repo);
  return {
    ...repoBase(c, repo),
    ...(opts.extended ? {
      forks_count: n.forks,
      stargazers_count: n.stars,
      watchers_count: n.stars,
      size: n.size,
      default_branch: repo.default_branch,
      open_issues_count: n.issues,
      is_template: false,
      topics: [],
      has_issues: true,
      has_projects: true,
      has_wiki: true,
      has_pages: false,
      has_downloads: true,
      has_discussions: false,
      archived: repo.archived,
      disabled: false,
      visibility: repo.visibility,
      pushed_at: repo.pushed_at,
      created_at: repo.created_at,
      updated_at: repo.updated_at,
      permissions: repoPermissions(c, repo),
      forks: n.forks,
      open_issues: n.issues,
      watchers: n.stars,
      allow_forking: repo.visibility !== "public",
      web_commit_signoff_required: false,
    } : {}),
  };
}

function repoDetails(c: SimContext, repo: Repo) {
  const n = repoCounts(repo);
  return {
    forks_count: n.forks,
    stargazers_count: n.stars,
    watchers_count: n.stars,
    size: n.size,
    default_branch: repo.default_branch,
    open_issues_count: n.issues,
    is_template: false,
    topics: [] as string[],
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: repo.archived,
    disabled: false,
    visibility: repo.visibility,
    pushed_at: repo.pushed_at,
    created_at: repo.created_at,
    updated_at: repo.updated_at,
    permissions: repoPermissions(c, repo),
    allow_rebase_merge: true,
    allow_squash_merge: true,
    allow_auto_merge: false,
    delete_branch_on_merge: false,
    allow_merge_commit: true,
    allow_update_branch: false,
    use_squash_pr_title_as_default: false,
    squash_merge_commit_title: "COMMIT_OR_PR_TITLE" as const,
    squash_merge_commit_message: "COMMIT_MESSAGES" as const,
    merge_commit_title: "MERGE_MESSAGE" as const,
    merge_commit_message: "PR_TITLE" as const,
    allow_forking: repo.visibility !== "public",
    web_commit_signoff_required: false,
    license: null,
    forks: n.forks,
    open_issues: n.issues,
    watchers: n.stars,
  };
}

/** The "repository" shape (GET /user/repos items). */
export function repository(c: SimContext, repo: Repo) {
  // temp_clone_token is a non-null string in this schema and GitHub sends it only to admins; it is left out.
  const body: ReturnType<typeof repoBase> & ReturnType<typeof repoDetails> & { temp_clone_token?: string } = {
    ...repoBase(c, repo),
    ...repoDetails(c, repo),
  };
  return body;
}

/** The "full-repository" shape (GET /repos/{owner}/{repo}). */
export function fullRepo(c: SimContext, repo: Repo) {
  const n = repoCounts(repo);
  return {
    ...repoBase(c, repo),
    ...repoDetails(c, repo),
    ...(repo.ownerType === "Organization" ? { organization: simpleUser(c, repo.owner) } : {}),
    temp_clone_token: null,
    subscribers_count: n.stars + 1,
    network_count: n.forks,
    security_and_analysis: null,
    custom_properties: {},
  };
}

/** The "organization-simple" shape. */
export function orgSimple(c: SimContext, org: Org) {
  const a = (p: string) => apiUrl(c, `/orgs/${org.login}${p}`);
  return {
    login: org.login,
    id: org.id,
    node_id: nodeId("Organization", org.id),
    url: a(""),
    repos_url: a("/repos"),
    events_url: a("/events"),
    hooks_url: a("/hooks"),
    issues_url: a("/issues"),
    members_url: a("/members{/member}"),
    public_members_url: a("/public_members{/member}"),
    avatar_url: avatarUrl(c, org.id),
    description: org.description,
  };
}

/** The "organization-full" shape (GET /orgs/{org}); private counts only for members, as GitHub does. */
export function orgFull(c: SimContext, org: Org) {
  const state = c.get("sim").state;
  const repos = [...state.repos.values()].filter((r) => r.ownerType === "Organization" && r.owner === org.login);
  const caller = c.get("caller");
  const role = caller ? org.members[caller.user.login] : undefined;
  const priv = repos.filter((r) => r.visibility !== "public").length;
  return {
    ...orgSimple(c, org),
    name: org.name,
    company: org.name,
    blog: webUrl(c, `/${org.login}`),
    location: "Remote",
    email: `admin@${org.login}.example.com`,
    twitter_username: null,
    is_verified: false,
    has_organization_projects: true,
    has_repository_projects: true,
    public_repos: repos.length - priv,
    public_gists: 0,
    followers: 0,
    following: 0,
    html_url: webUrl(c, `/${org.login}`),
    type: "Organization",
    created_at: org.created_at,
    updated_at: org.created_at,
    archived_at: null,
    ...(role
      ? {
          total_private_repos: priv,
          owned_private_repos: priv,
          private_gists: 0,
          disk_usage: repos.length * 1024,
          collaborators: 0,
          default_repository_permission: "read",
          members_can_create_repositories: true,
          two_factor_requirement_enabled: false,
          members_allowed_repository_creation_type: "all",
          members_can_create_public_repositories: true,
          members_can_create_private_repositories: true,
          members_can_create_internal_repositories: true,
          members_can_create_pages: true,
          members_can_fork_private_repositories: false,
          web_commit_signoff_required: false,
        }
      : {}),
    ...(role === "owner" ? { billing_email: `billing@${org.login}.example.com` } : {}),
  };
}
