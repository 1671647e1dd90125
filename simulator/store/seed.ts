// The deterministic world: users, tokens, orgs, repositories (branches, collaborators, Actions
// permissions, secrets key pairs), then the fleet (S2) and the Actions history (S3) on top.
import sodium from "libsodium-wrappers";
import { createRng, type Rng } from "./rng.js";
import { seedActions } from "./seed-actions.js";
import { seedFleet } from "./seed-fleet.js";
import { addToken, demoTokenValues, fixedToken } from "./tokens.js";
import type { AllowedActions, KeyPair, Org, OrgRole, Repo, RepoRole, State, User } from "./types.js";

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");
const DAY = 86_400_000;

/** Scopes of the demo tokens (CONTRACT.md). */
export const DEMO_SCOPES = ["repo", "admin:org", "workflow", "read:user", "user:email"];

/** Narrower tokens of mona, for scope tests (CONTRACT.md lists them). */
export const NARROW_TOKENS: { tag: string; scopes: string[] }[] = [
  { tag: "NoAdminOrg", scopes: ["repo", "workflow", "read:user"] },
  { tag: "ReadOrg", scopes: ["repo", "read:org", "workflow"] },
  { tag: "NoWorkflow", scopes: ["repo", "admin:org", "read:user"] },
  { tag: "PublicRepo", scopes: ["public_repo", "read:org"] },
  { tag: "NoScopes", scopes: [] },
];

const USERS: { login: string; name: string; site_admin?: boolean }[] = [
  { login: "mona", name: "Mona Lisa Octocat" },
  { login: "hubot", name: "Hubot" },
  { login: "octocat", name: "The Octocat" },
  { login: "lisa", name: "Lisa Chen" },
  { login: "ravi", name: "Ravi Kumar" },
  { login: "kenji", name: "Kenji Tanaka" },
  { login: "eve", name: "Eve Outsider" },
  { login: "ghe-admin", name: "GHES Site Admin", site_admin: true },
];

const ORGS: { login: string; name: string; description: string; members: Record<string, OrgRole> }[] = [
  {
    login: "acme",
    name: "Acme Corp",
    description: "Acme's engineering organization",
    members: { mona: "owner", hubot: "member", octocat: "member", lisa: "member", ravi: "member", kenji: "member" },
  },
  {
    login: "globex",
    name: "Globex Corporation",
    description: "Globex internal tools and data",
    members: { mona: "owner", lisa: "owner", ravi: "member", kenji: "member" },
  },
];

interface RepoSpec {
  owner: string;
  name: string;
  visibility: Repo["visibility"];
  description: string | null;
  archived?: boolean;
  defaultBranch?: string;
  collaborators?: Record<string, RepoRole>;
  enabled?: boolean;
  allowed?: AllowedActions;
  /** Extra branches beyond the common ones. */
  branches?: number;
}

const REPOS: RepoSpec[] = [
  { owner: "acme", name: "web", visibility: "public", description: "Acme's customer-facing web app", collaborators: { hubot: "admin", ravi: "write" }, branches: 34 },
  { owner: "acme", name: "api", visibility: "private", description: "Public REST API and webhooks", collaborators: { hubot: "admin", octocat: "read", kenji: "write" }, branches: 8 },
  { owner: "acme", name: "infra", visibility: "internal", description: "Terraform and Kubernetes for every environment", collaborators: { lisa: "maintain" } },
  { owner: "acme", name: "mobile", visibility: "private", description: "iOS and Android apps", collaborators: { kenji: "write" } },
  { owner: "acme", name: "docs", visibility: "public", description: "Product documentation site" },
  { owner: "acme", name: "design-system", visibility: "public", description: "Shared React components", collaborators: { ravi: "maintain" } },
  { owner: "acme", name: "data-pipeline", visibility: "private", description: "Batch jobs feeding the warehouse", collaborators: { lisa: "admin" } },
  { owner: "acme", name: "auth-service", visibility: "private", description: "OAuth and SSO service", allowed: "selected" },
  { owner: "acme", name: "billing", visibility: "private", description: "Invoices and payments", allowed: "local_only", collaborators: { octocat: "triage" } },
  { owner: "acme", name: "search", visibility: "internal", description: "Search indexer and query service" },
  { owner: "acme", name: "monorepo", visibility: "private", description: "Everything else", branches: 12 },
  { owner: "acme", name: "terraform-modules", visibility: "internal", description: "Reusable Terraform modules" },
  { owner: "acme", name: "legacy-portal", visibility: "private", description: "The old customer portal (read-only)", archived: true, defaultBranch: "master" },
  { owner: "acme", name: "old-website", visibility: "public", description: "Website before 2023", archived: true, defaultBranch: "master", enabled: false },
  { owner: "acme", name: "ml-platform", visibility: "private", description: "Model training and serving" },
  { owner: "acme", name: "notifications", visibility: "private", description: "Email, SMS and push" },
  { owner: "acme", name: "cli", visibility: "public", description: "The acme command-line tool" },
  { owner: "acme", name: "sdk-js", visibility: "public", description: "JavaScript SDK" },
  { owner: "acme", name: "helm-charts", visibility: "internal", description: "Helm charts for internal services" },
  { owner: "acme", name: ".github", visibility: "public", description: "Community health files and reusable workflows" },
  { owner: "globex", name: "portal", visibility: "private", description: "Partner portal", collaborators: { kenji: "write" }, branches: 6 },
  { owner: "globex", name: "warehouse", visibility: "private", description: "Data warehouse models" },
  { owner: "globex", name: "reports", visibility: "internal", description: "Scheduled reports" },
  { owner: "globex", name: "etl", visibility: "private", description: "Extract, transform, load" },
  { owner: "globex", name: "website", visibility: "public", description: "globex.example.com" },
  { owner: "globex", name: "ml-models", visibility: "private", description: "Experimental models", enabled: false },
  { owner: "globex", name: "old-crm", visibility: "private", description: "Retired CRM", archived: true, defaultBranch: "master" },
  { owner: "globex", name: "shared-workflows", visibility: "internal", description: "Reusable workflows for globex" },
  { owner: "globex", name: "mobile-app", visibility: "private", description: "Field sales app" },
  { owner: "octocat", name: "dotfiles", visibility: "public", description: "My dotfiles" },
  { owner: "octocat", name: "hello-world", visibility: "public", description: "My first repository", defaultBranch: "master" },
  { owner: "octocat", name: "Spoon-Knife", visibility: "public", description: "This repo is for demonstration purposes only." },
  { owner: "octocat", name: "secret-notes", visibility: "private", description: null, collaborators: { mona: "read" } },
  { owner: "mona", name: "playground", visibility: "private", description: "Experiments", collaborators: { hubot: "write" } },
];

const COMMON_BRANCHES = ["develop", "feature/login", "release/v1.2"];
const EXTRA_BRANCHES = [
  "feature/dark-mode",
  "feature/search-filters",
  "fix/flaky-tests",
  "fix/timezone-parsing",
  "chore/bump-deps",
  "hotfix/1.2.1",
  "release/v1.3",
  "renovate/node-22.x",
  "dependabot/npm_and_yarn/lodash-4.17.21",
  "dependabot/github_actions/actions/checkout-4",
  "docs/readme-update",
  "refactor/api-client",
  "feature/runner-labels",
  "feature/oauth-flow",
  "experiment/wasm",
  "perf/cache-warmup",
  "feature/i18n",
  "fix/memory-leak",
  "ci/matrix-windows",
  "feature/payments-v2",
  "release/v2.0",
  "spike/graphql",
  "feature/audit-log",
  "fix/login-redirect",
  "feature/export-csv",
  "chore/eslint-9",
  "feature/notifications",
  "fix/race-condition",
  "feature/sso",
  "feature/billing-portal",
  "fix/unicode-names",
  "feature/team-sync",
  "chore/remove-legacy",
  "feature/webhooks-retry",
];

export function hex(rng: Rng, length: number): string {
  let s = "";
  for (let i = 0; i < length; i++) s += "0123456789abcdef"[rng.int(0, 15)];
  return s;
}

/** An X25519 key pair from rng bytes (deterministic per seed) and a numeric-looking key_id, as GitHub's. */
export function keyPair(rng: Rng): KeyPair {
  const seedBytes = new Uint8Array(32);
  for (let i = 0; i < 32; i++) seedBytes[i] = rng.int(0, 255);
  const kp = sodium.crypto_box_seed_keypair(seedBytes);
  const keyId = String(rng.int(1, 9)) + String(rng.int(0, 99_999_999)).padStart(8, "0") + String(rng.int(0, 999_999_999)).padStart(9, "0");
  return {
    key_id: keyId,
    publicKey: Buffer.from(kp.publicKey).toString("base64"),
    privateKey: Buffer.from(kp.privateKey).toString("base64"),
  };
}

function readme(spec: RepoSpec): string {
  return `# ${spec.name}\n\n${spec.description ?? ""}\n\nOwned by @${spec.owner}. Builds run on GitHub Actions; see \`.github/workflows/\`.\n`;
}

export function emptyState(): State {
  return {
    users: new Map(),
    tokens: new Map(),
    orgs: new Map(),
    repos: new Map(),
    runners: new Map(),
    runnerGroups: new Map(),
    orgSecrets: new Map(),
    repoSecrets: new Map(),
    workflows: new Map(),
    runs: new Map(),
    jobs: new Map(),
    artifacts: new Map(),
    runnerTokens: new Map(),
    nextId: 1000,
  };
}

/**
 * Options of the seeded world beyond the seed number; the same seed and options always give the same world.
 * Passed as `createSim({ seedOptions })`, `npm run sim -- --runners 500` (env SIM_RUNNERS) and `POST /_sim/seed
 * {seed, options}`. Without any, the default world (CONTRACT.md).
 */
export interface SeedOptions {
  /**
   * Self-hosted runners of the org acme in total (org level; default 34). Fewer keeps the first ones; more adds
   * runners named as the seeded ones (`acme-linux-35`, ...), mixed OS, status, labels and groups, and about one
   * in-progress run in acme's repositories per ten added runners, so some of them are busy with real jobs. Users,
   * repositories, workflows and secrets stay as in the default world; runs and jobs may differ (historic jobs pick
   * among more runners), and ids after acme's runners shift.
   */
  runners?: number;
}

export const MAX_SEEDED_RUNNERS = 5000;

/** Seed options from untrusted input (control interface, CLI): the options, or a message saying what is wrong. */
export function parseSeedOptions(raw: unknown): SeedOptions | string {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== "object" || Array.isArray(raw)) return "options must be an object";
  const o = raw as Record<string, unknown>;
  const out: SeedOptions = {};
  for (const key of Object.keys(o)) {
    if (key !== "runners") return `unknown seed option "${key}" (known: runners)`;
  }
  if (o.runners !== undefined) {
    const n = typeof o.runners === "string" && o.runners.trim() !== "" ? Number(o.runners) : o.runners;
    if (typeof n !== "number" || !Number.isInteger(n) || n < 0 || n > MAX_SEEDED_RUNNERS) {
      return `runners must be a whole number from 0 to ${MAX_SEEDED_RUNNERS}`;
    }
    out.runners = n;
  }
  return out;
}

export async function seed(seedNumber: number, now: Date, options: SeedOptions = {}): Promise<State> {
  await sodium.ready;
  const rng = createRng(seedNumber);
  const state = emptyState();
  const ago = (minDays: number, maxDays: number) => iso(new Date(now.getTime() - rng.int(minDays * 24, maxDays * 24) * 3_600_000));

  for (const u of USERS) {
    const user: User = {
      id: state.nextId++,
      login: u.login,
      name: u.name,
      email: `${u.login}@users.noreply.example.com`,
      type: "User",
      site_admin: u.site_admin ?? false,
      created_at: ago(700, 2500),
    };
    state.users.set(u.login, user);
    for (const value of demoTokenValues(u.login)) addToken(state, value, u.login, DEMO_SCOPES, user.created_at);
  }
  for (const t of NARROW_TOKENS) addToken(state, fixedToken("mona", t.tag), "mona", t.scopes, iso(new Date(now.getTime() - 30 * DAY)));

  for (const o of ORGS) {
    const org: Org = {
      id: state.nextId++,
      login: o.login,
      name: o.name,
      description: o.description,
      created_at: ago(900, 2500),
      members: { ...o.members },
      permissions: { enabled_repositories: "all", allowed_actions: "all", selectedRepoIds: [] },
      selectedActions: { github_owned_allowed: true, verified_allowed: false, patterns_allowed: [] },
      secretsKey: keyPair(rng),
    };
    state.orgs.set(o.login, org);
  }

  for (const spec of REPOS) {
    const created = new Date(now.getTime() - rng.int(120, 1500) * DAY);
    const pushed = spec.archived
      ? new Date(now.getTime() - rng.int(200, 400) * DAY)
      : new Date(now.getTime() - rng.int(0, 72) * 3_600_000 - rng.int(0, 3599) * 1000);
    const def = spec.defaultBranch ?? "main";
    const names = [def, ...COMMON_BRANCHES];
    const extras = [...EXTRA_BRANCHES];
    for (let i = 0; i < (spec.branches ?? rng.int(0, 3)) && extras.length > 0; i++) {
      names.push(extras.splice(rng.int(0, extras.length - 1), 1)[0] as string);
    }
    const branches = [...new Set(names)]
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((name) => ({ name, sha: hex(rng, 40), protected: name === def || name.startsWith("release/") }));
    const repo: Repo = {
      id: state.nextId++,
      owner: spec.owner,
      ownerType: state.orgs.has(spec.owner) ? "Organization" : "User",
      name: spec.name,
      description: spec.description ?? null,
      visibility: spec.visibility,
      default_branch: def,
      branches,
      created_at: iso(created),
      updated_at: iso(new Date(Math.max(created.getTime(), pushed.getTime() - rng.int(0, 48) * 3_600_000))),
      pushed_at: iso(pushed),
      archived: spec.archived ?? false,
      collaborators: { ...(spec.collaborators ?? {}) },
      permissions: { enabled: spec.enabled ?? true, allowed_actions: spec.allowed ?? "all" },
      selectedActions:
        spec.allowed === "selected"
          ? { github_owned_allowed: true, verified_allowed: false, patterns_allowed: ["acme/*", "hashicorp/setup-terraform@*"] }
          : { github_owned_allowed: true, verified_allowed: false, patterns_allowed: [] },
      secretsKey: keyPair(rng),
      files: { "README.md": readme(spec), ".github/CODEOWNERS": `* @${spec.owner}/maintainers\n` },
    };
    state.repos.set(repo.id, repo);
  }

  // Actions policies: acme allows only selected actions; globex enables Actions for selected repositories.
  const acme = state.orgs.get("acme");
  if (acme) {
    acme.permissions = { enabled_repositories: "all", allowed_actions: "selected", selectedRepoIds: [] };
    acme.selectedActions = {
      github_owned_allowed: true,
      verified_allowed: true,
      patterns_allowed: ["acme/*", "docker/build-push-action@*", "hashicorp/setup-terraform@v3"],
    };
  }
  const globex = state.orgs.get("globex");
  if (globex) {
    const ids = [...state.repos.values()]
      .filter((r) => r.owner === "globex" && r.permissions.enabled && !r.archived)
      .map((r) => r.id);
    globex.permissions = { enabled_repositories: "selected", allowed_actions: "all", selectedRepoIds: ids };
  }

  seedFleet(state, rng, now, options);
  seedActions(state, rng, now, options);
  return state;
}
