// Seeds runner groups, self-hosted runners and Actions secrets. Orgs and repos (with their key pairs) exist already;
// libsodium is ready (the core seed awaits `sodium.ready`). Busy runners are marked later by the actions seed.
import { createRng, type Rng } from "./rng.js";
import type { SeedOptions } from "./seed.js";
import type { Org, Repo, Runner, RunnerGroup, Secret, State } from "./types.js";
import { DEFAULT_GROUP_ID, iso, label, putRunnerGroup, sealLazily, seedSecretValue } from "./fleet.js";

type Os = Runner["os"];

const OS_SHORT: Record<Os, string> = { Linux: "linux", Windows: "win", macOS: "mac" };

const CUSTOM_LABELS: Record<Os, string[]> = {
  Linux: ["docker", "gpu", "large", "xlarge", "ubuntu-22.04", "ubuntu-24.04", "build", "deploy", "cuda-12"],
  Windows: ["windows-2022", "msbuild", "large", "docker", "build"],
  macOS: ["xcode-16", "ios", "large", "build", "signing"],
};

function takeId(state: State): number {
  return state.nextId++;
}

function pickSome<T>(rng: Rng, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < count && pool.length > 0) {
    const i = rng.int(0, pool.length - 1);
    out.push(pool.splice(i, 1)[0] as T);
  }
  return out;
}

function makeRunner(
  state: State,
  rng: Rng,
  name: string,
  os: Os,
  where: { org: string | null; repoId: number | null; groupId: number | null },
): Runner {
  const arch = os === "Windows" ? "X64" : rng.chance(0.35) ? "ARM64" : "X64";
  const customCount = rng.int(0, 3);
  const custom = pickSome(rng, CUSTOM_LABELS[os], customCount);
  const runner: Runner = {
    id: takeId(state),
    name,
    os,
    status: rng.chance(0.78) ? "online" : "offline",
    labels: [
      label("self-hosted", "read-only"),
      label(os, "read-only"),
      label(arch, "read-only"),
      ...custom.map((n) => label(n, "custom")),
    ],
    org: where.org,
    repoId: where.repoId,
    runner_group_id: where.groupId,
    jobId: null,
    ephemeral: rng.chance(0.1),
  };
  state.runners.set(runner.id, runner);
  return runner;
}

function orgRepos(state: State, org: Org): Repo[] {
  return [...state.repos.values()].filter((r) => r.ownerType === "Organization" && r.owner === org.login);
}

function seedGroups(state: State, rng: Rng, org: Org, now: Date): { selected: RunnerGroup; priv: RunnerGroup; inherited: RunnerGroup; def: RunnerGroup } {
  void now;
  const repos = orgRepos(state, org);
  const base = {
    org: org.login,
    inherited: false,
    restricted_to_workflows: false,
    selected_workflows: [] as string[],
    selectedRepoIds: [] as number[],
  };
  const def: RunnerGroup = { ...base, id: DEFAULT_GROUP_ID, name: "Default", visibility: "all", default: true, allows_public_repositories: true };
  const selectedRepos = pickSome(rng, repos, Math.min(3, repos.length)).map((r) => r.id);
  const web = repos.find((r) => r.name === "web");
  if (web && !selectedRepos.includes(web.id)) selectedRepos.unshift(web.id);
  const selected: RunnerGroup = {
    ...base,
    id: takeId(state),
    name: "production-deployers",
    visibility: "selected",
    default: false,
    allows_public_repositories: true,
    restricted_to_workflows: true,
    selected_workflows: web ? [`${org.login}/web/.github/workflows/deploy.yml@refs/heads/main`] : [],
    selectedRepoIds: selectedRepos,
  };
  const priv: RunnerGroup = {
    ...base,
    id: takeId(state),
    name: "private-builders",
    visibility: "private",
    default: false,
    allows_public_repositories: false,
  };
  const inherited: RunnerGroup = {
    ...base,
    id: takeId(state),
    name: "enterprise-shared",
    visibility: "all",
    default: false,
    inherited: true,
    allows_public_repositories: false,
  };
  for (const g of [def, selected, priv, inherited]) putRunnerGroup(state, g);
  return { def, selected, priv, inherited };
}

function seedOrgSecrets(state: State, rng: Rng, org: Org, now: Date): void {
  const repos = orgRepos(state, org);
  const specs: { name: string; visibility: Secret["visibility"] & string; count?: number }[] = [
    { name: "NPM_TOKEN", visibility: "all" },
    { name: "SLACK_WEBHOOK_URL", visibility: "all" },
    { name: "DOCKERHUB_TOKEN", visibility: "private" },
    { name: "SONAR_TOKEN", visibility: "private" },
    { name: "AWS_ACCESS_KEY_ID", visibility: "selected", count: 3 },
    { name: "AWS_SECRET_ACCESS_KEY", visibility: "selected", count: 3 },
    { name: "DEPLOY_SSH_KEY", visibility: "selected", count: 2 },
  ];
  const map = new Map<string, Secret>();
  for (const spec of specs) {
    const created = new Date(now.getTime() - rng.int(20, 400) * 86_400_000 - rng.int(0, 86_399) * 1000);
    const updated = rng.chance(0.5) ? created : new Date(created.getTime() + rng.int(1, 15) * 86_400_000);
    const plain = seedSecretValue(org.login, spec.name);
    const secret: Secret = sealLazily(
      {
        name: spec.name,
        created_at: iso(created),
        updated_at: iso(updated > now ? now : updated),
        visibility: spec.visibility,
        selectedRepoIds: spec.visibility === "selected" ? pickSome(rng, repos, Math.min(spec.count ?? 2, repos.length)).map((r) => r.id) : [],
        key_id: org.secretsKey.key_id,
        decrypted: plain,
      },
      org.secretsKey.publicKey,
      plain,
    );
    map.set(secret.name, secret);
  }
  state.orgSecrets.set(org.login, map);
}

const REPO_SECRET_NAMES = ["CODECOV_TOKEN", "DATABASE_URL", "SENTRY_DSN", "GH_PAT", "SIGNING_KEY", "STAGING_API_KEY"];

function seedRepoSecrets(state: State, rng: Rng, repo: Repo, now: Date): void {
  const map = new Map<string, Secret>();
  const names = pickSome(rng, REPO_SECRET_NAMES, rng.int(0, 4));
  if (repo.owner === "acme" && repo.name === "web" && !names.includes("DEPLOY_TOKEN")) names.unshift("DEPLOY_TOKEN");
  for (const name of names) {
    const created = new Date(now.getTime() - rng.int(5, 300) * 86_400_000 - rng.int(0, 86_399) * 1000);
    const plain = seedSecretValue(`${repo.owner}/${repo.name}`, name);
    map.set(
      name,
      sealLazily({ name, created_at: iso(created), updated_at: iso(created), key_id: repo.secretsKey.key_id, decrypted: plain }, repo.secretsKey.publicKey, plain),
    );
  }
  state.repoSecrets.set(repo.id, map);
}

/** acme's org-level runners in the default world. */
export const DEFAULT_ACME_RUNNERS = 34;

type Groups = ReturnType<typeof seedGroups>;

/** One org runner: OS and group drawn as for every seeded fleet, named `{org}-{os}-{nn}` in order per OS. */
function orgRunner(state: State, rng: Rng, org: Org, groups: Groups, counters: Record<string, number>): Runner {
  const roll = rng.next();
  const os: Os = roll < 0.65 ? "Linux" : roll < 0.85 ? "Windows" : "macOS";
  const r2 = rng.next();
  const group =
    os === "macOS" && r2 < 0.5
      ? groups.selected
      : r2 < 0.55
        ? groups.def
        : r2 < 0.72
          ? groups.selected
          : r2 < 0.87
            ? groups.priv
            : groups.inherited;
  const key = OS_SHORT[os];
  counters[key] = (counters[key] ?? 0) + 1;
  const name = `${org.login}-${key}-${String(counters[key]).padStart(2, "0")}`;
  return makeRunner(state, rng, name, os, { org: org.login, repoId: null, groupId: group.id });
}

export function seedFleet(state: State, rng: Rng, now: Date, options: SeedOptions = {}): void {
  const orgs = [...state.orgs.values()].sort((a, b) => a.id - b.id);
  for (const org of orgs) {
    const groups = seedGroups(state, rng, org, now);
    // acme gets the larger fleet; every other org a smaller one.
    const count = org.login === "acme" ? DEFAULT_ACME_RUNNERS : org.login === "globex" ? 20 : 6;
    const counters: Record<string, number> = {};
    const made: Runner[] = [];
    for (let i = 0; i < count; i++) made.push(orgRunner(state, rng, org, groups, counters));
    if (org.login === "acme" && options.runners !== undefined) {
      // Fewer: the first ones stay. More: drawn from their own generator, so everything seeded from the main one
      // (names, repositories, secrets) stays as in the default world; historic jobs may pick other runners.
      for (const r of made.slice(options.runners)) state.runners.delete(r.id);
      const extra = createRng((rng.state() ^ 0x5eed_f1ee) >>> 0);
      for (let i = count; i < options.runners; i++) orgRunner(state, extra, org, groups, counters);
    }
    seedOrgSecrets(state, rng, org, now);
  }

  // Repository runners on acme/web and acme/api.
  const repoRunners: [string, string, Os[]][] = [
    ["acme", "web", ["Linux", "Linux", "macOS"]],
    ["acme", "api", ["Linux", "Windows"]],
  ];
  for (const [owner, name, oses] of repoRunners) {
    const repo = [...state.repos.values()].find((r) => r.owner === owner && r.name === name);
    if (!repo) continue;
    oses.forEach((os, i) => {
      makeRunner(state, rng, `${name}-${OS_SHORT[os]}-${String(i + 1).padStart(2, "0")}`, os, {
        org: null,
        repoId: repo.id,
        groupId: repo.ownerType === "Organization" ? DEFAULT_GROUP_ID : null,
      });
    });
  }

  const repos = [...state.repos.values()].sort((a, b) => a.id - b.id);
  for (const repo of repos) seedRepoSecrets(state, rng, repo, now);
}
