// An optional big organization for benchmarks of views across many repositories (issue 10, the org overview):
// `createSim({ bigOrg: { name: "initech", repos: 300 } })` or `npm run sim -- --big-org 300`. Off by default.
// Cheap to seed (a few runs per repository, no artifacts; logs are generated on download as for every job):
// - org `name` (mona owner, hubot member), repositories `svc-001`… (every 10th public, every 7th internal, the
//   rest private; every 50th archived), each with `.github/workflows/ci.yml` (one job "Build" on [self-hosted, linux]);
// - 3 completed runs per repository over the last 48 hours (about one in seven a failure);
// - 4 runs queued on [self-hosted, linux, gpu] (no runner has `gpu`: stuck) and 3 in progress on busy runners whose
//   jobs take an hour, so the state stays the same for a benchmark's polls;
// - 12 runners: Default group (8 linux: 3 busy, 3 idle, 2 offline) and group `secure` (selected repositories
//   svc-001…svc-005; 4 runners labelled `secure`, 2 online, 2 offline);
// - org secrets NPM_TOKEN (all), SONAR_TOKEN (private), DEPLOY_KEY (selected: svc-001, svc-002); repository secrets
//   CODECOV_TOKEN in every repository but every 25th, DATABASE_URL in every third, OLD_DEPLOY_KEY in svc-013 and svc-217.
import { iso, label, putRunnerGroup, sealFor, seedSecretValue, DEFAULT_GROUP_ID } from "./fleet.js";
import { createRng } from "./rng.js";
import { hex, keyPair } from "./seed.js";
import type { Job, Org, Repo, Run, Runner, RunnerGroup, Secret, State, Step, Workflow } from "./types.js";

export interface BigOrgOptions {
  /** The org's login. */
  name: string;
  /** How many repositories (1…2000). */
  repos: number;
}

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

const CI = (name: string) => `name: ${name} CI
on:
  push:
    branches: [main]
  pull_request:
jobs:
  build:
    name: Build
    runs-on: [self-hosted, linux]
    steps:
      - uses: actions/checkout@v4
      - run: make build test
`;

export function bigOrgRepoName(i: number): string {
  return `svc-${String(i).padStart(3, "0")}`;
}

function steps(start: number, seconds: number[], failAt: number | null, running: boolean): Step[] {
  const names = ["Set up job", "Run actions/checkout@v4", "Run make build test", "Post Run actions/checkout@v4", "Complete job"];
  let t = start;
  return names.map((name, i) => {
    const s = seconds[i] ?? 1;
    const began = t;
    t += s * 1000;
    const failed = failAt !== null && i === failAt;
    const after = failAt !== null && i > failAt && i < names.length - 1;
    if (running) {
      const status = i < 2 ? "completed" : i === 2 ? "in_progress" : "queued";
      return {
        number: i + 1,
        name,
        status,
        conclusion: status === "completed" ? "success" : null,
        started_at: status === "queued" ? null : iso(new Date(began)),
        completed_at: status === "completed" ? iso(new Date(t)) : null,
        seconds: s,
      };
    }
    return {
      number: i + 1,
      name,
      status: "completed",
      conclusion: failed ? "failure" : after ? "skipped" : "success",
      started_at: after ? null : iso(new Date(began)),
      completed_at: after ? null : iso(new Date(t)),
      seconds: s,
    };
  });
}

export function seedBigOrg(state: State, options: BigOrgOptions, now: Date): void {
  const count = Math.max(1, Math.min(2000, Math.floor(options.repos)));
  const login = options.name;
  if (state.orgs.has(login)) throw new Error(`bigOrg: an org named ${login} exists already`);
  const rng = createRng(count * 7919 + login.length);
  const nowMs = now.getTime();
  const org: Org = {
    id: state.nextId++,
    login,
    name: `${login[0]?.toUpperCase() ?? ""}${login.slice(1)} (big)`,
    description: `A generated organization with ${count} repositories`,
    created_at: iso(new Date(nowMs - 900 * DAY)),
    members: { mona: "owner", hubot: "member" },
    permissions: { enabled_repositories: "all", allowed_actions: "all", selectedRepoIds: [] },
    selectedActions: { github_owned_allowed: true, verified_allowed: false, patterns_allowed: [] },
    secretsKey: keyPair(rng),
  };
  state.orgs.set(login, org);

  const repos: Repo[] = [];
  const workflows = new Map<number, Workflow>();
  for (let i = 1; i <= count; i++) {
    const name = bigOrgRepoName(i);
    const created = nowMs - (200 + (i % 300)) * DAY;
    const repo: Repo = {
      id: state.nextId++,
      owner: login,
      ownerType: "Organization",
      name,
      description: `Service ${i}`,
      visibility: i % 10 === 0 ? "public" : i % 7 === 0 ? "internal" : "private",
      default_branch: "main",
      branches: ["develop", "main"].map((b) => ({ name: b, sha: hex(rng, 40), protected: b === "main" })),
      created_at: iso(new Date(created)),
      updated_at: iso(new Date(nowMs - (i % 48) * HOUR)),
      pushed_at: iso(new Date(nowMs - (i % 48) * HOUR)),
      archived: i % 50 === 0,
      collaborators: {},
      permissions: { enabled: true, allowed_actions: "all" },
      selectedActions: { github_owned_allowed: true, verified_allowed: false, patterns_allowed: [] },
      secretsKey: keyPair(rng),
      files: {
        "README.md": `# ${name}\n\nService ${i} of ${login}.\n`,
        ".github/workflows/ci.yml": CI(name),
      },
    };
    state.repos.set(repo.id, repo);
    repos.push(repo);
    const wf: Workflow = {
      id: state.nextId++,
      repoId: repo.id,
      name: `${name} CI`,
      path: ".github/workflows/ci.yml",
      state: "active",
      created_at: iso(new Date(created + DAY)),
      updated_at: iso(new Date(created + DAY)),
    };
    state.workflows.set(wf.id, wf);
    workflows.set(repo.id, wf);
  }

  // Runner groups and runners.
  const base = { org: login, inherited: false, restricted_to_workflows: false, selected_workflows: [] as string[] };
  const def: RunnerGroup = { ...base, id: DEFAULT_GROUP_ID, name: "Default", visibility: "all", default: true, allows_public_repositories: true, selectedRepoIds: [] };
  const secure: RunnerGroup = {
    ...base,
    id: state.nextId++,
    name: "secure",
    visibility: "selected",
    default: false,
    allows_public_repositories: false,
    selectedRepoIds: repos.slice(0, 5).map((r) => r.id),
  };
  putRunnerGroup(state, def);
  putRunnerGroup(state, secure);
  const runners: Runner[] = [];
  const addRunner = (name: string, group: RunnerGroup, status: Runner["status"], custom: string[]) => {
    const r: Runner = {
      id: state.nextId++,
      name,
      os: "Linux",
      status,
      labels: [label("self-hosted", "read-only"), label("Linux", "read-only"), label("X64", "read-only"), ...custom.map((c) => label(c, "custom"))],
      org: login,
      repoId: null,
      runner_group_id: group.id,
      jobId: null,
      ephemeral: false,
    };
    state.runners.set(r.id, r);
    runners.push(r);
    return r;
  };
  for (let i = 1; i <= 8; i++) addRunner(`${login}-linux-${String(i).padStart(2, "0")}`, def, i <= 6 ? "online" : "offline", ["docker"]);
  for (let i = 1; i <= 4; i++) addRunner(`${login}-secure-${String(i).padStart(2, "0")}`, secure, i <= 2 ? "online" : "offline", ["secure"]);

  // Runs: completed history, stuck queued runs, long in-progress runs on three of the Default runners.
  const newRun = (repo: Repo, created: number, status: Run["status"], conclusion: Run["conclusion"], number: number): Run => {
    const wf = workflows.get(repo.id) as Workflow;
    const sha = hex(rng, 40);
    const run: Run = {
      id: state.nextId++,
      repoId: repo.id,
      workflowId: wf.id,
      name: wf.name,
      display_title: `Update ${repo.name} (#${number})`,
      run_number: number,
      run_attempt: 1,
      event: number % 3 === 0 ? "pull_request" : "push",
      status,
      conclusion,
      head_branch: number % 3 === 0 ? "develop" : "main",
      head_sha: sha,
      head_commit: { message: `Update ${repo.name} (#${number})`, author: "mona", email: "mona@users.noreply.example.com", timestamp: iso(new Date(created - MIN)) },
      actor: "mona",
      triggering_actor: "mona",
      created_at: iso(new Date(created)),
      updated_at: iso(new Date(created)),
      run_started_at: iso(new Date(created)),
      previousAttempts: [],
      inputs: null,
      pull_request_number: number % 3 === 0 ? number : null,
      logsDeleted: false,
    };
    state.runs.set(run.id, run);
    return run;
  };
  const newJob = (run: Run, labels: string[], fields: Partial<Job>): Job => {
    const job: Job = {
      id: state.nextId++,
      runId: run.id,
      run_attempt: 1,
      name: "Build",
      needs: [],
      status: "queued",
      conclusion: null,
      created_at: run.created_at,
      started_at: null,
      completed_at: null,
      labels,
      runner_id: null,
      runner_name: null,
      runner_group_id: null,
      runner_group_name: null,
      steps: steps(Date.parse(run.created_at), [1, 1, 1, 1, 1], null, false).map((s) => ({ ...s, status: "queued" as const, conclusion: null, started_at: null, completed_at: null })),
      logLines: 60,
      ...fields,
    };
    state.jobs.set(job.id, job);
    return job;
  };

  const linux = ["self-hosted", "linux"];
  const defaultRunners = runners.filter((r) => r.runner_group_id === DEFAULT_GROUP_ID && r.status === "online");
  repos.forEach((repo, index) => {
    let number = 0;
    for (let k = 0; k < 3; k++) {
      const created = nowMs - rng.int(30, 47 * 60) * MIN;
      const failed = rng.chance(0.15);
      const run = newRun(repo, created, "completed", failed ? "failure" : "success", ++number);
      const secs = [2, 3, rng.int(40, 400), 1, 1];
      const runner = defaultRunners[rng.int(0, defaultRunners.length - 1)];
      const end = created + 5_000 + secs.reduce((a, b) => a + b, 0) * 1000;
      newJob(run, linux, {
        status: "completed",
        conclusion: failed ? "failure" : "success",
        started_at: iso(new Date(created + 5_000)),
        completed_at: iso(new Date(end)),
        runner_id: runner?.id ?? null,
        runner_name: runner?.name ?? null,
        runner_group_id: DEFAULT_GROUP_ID,
        runner_group_name: "Default",
        steps: steps(created + 5_000, secs, failed ? 2 : null, false),
      });
      run.updated_at = iso(new Date(end + 1000));
    }
    if (repo.archived) return;
    // stuck: no runner has `gpu`
    if (index % Math.max(1, Math.floor(count / 4)) === 4 % count) {
      const run = newRun(repo, nowMs - rng.int(5, 90) * MIN, "queued", null, ++number);
      newJob(run, [...linux, "gpu"], {});
    }
  });
  // in progress: an hour-long build holding each of three Default runners
  const live = repos.filter((r) => !r.archived).slice(-3);
  live.forEach((repo, i) => {
    const runner = defaultRunners[i];
    if (!runner) return;
    const started = nowMs - (i + 1) * 2 * MIN;
    const run = newRun(repo, started - 5_000, "in_progress", null, 100 + i);
    const job = newJob(run, linux, {
      status: "in_progress",
      started_at: iso(new Date(started)),
      runner_id: runner.id,
      runner_name: runner.name,
      runner_group_id: DEFAULT_GROUP_ID,
      runner_group_name: "Default",
      steps: steps(started, [2, 3, 3600, 1, 1], null, true),
      // the hour is the point: the id's hash must not plan a failure a few seconds in
      plannedFailStep: null,
    });
    runner.jobId = job.id;
  });

  // Secrets.
  const orgSecrets = new Map<string, Secret>();
  const orgSecret = (name: string, visibility: "all" | "private" | "selected", selected: Repo[]) => {
    const plain = seedSecretValue(login, name);
    orgSecrets.set(name, {
      name,
      created_at: iso(new Date(nowMs - 100 * DAY)),
      updated_at: iso(new Date(nowMs - 10 * DAY)),
      visibility,
      selectedRepoIds: selected.map((r) => r.id),
      encrypted_value: sealFor(org.secretsKey.publicKey, plain),
      key_id: org.secretsKey.key_id,
      decrypted: plain,
    });
  };
  orgSecret("NPM_TOKEN", "all", []);
  orgSecret("SONAR_TOKEN", "private", []);
  orgSecret("DEPLOY_KEY", "selected", repos.slice(0, 2));
  state.orgSecrets.set(login, orgSecrets);
  repos.forEach((repo, index) => {
    const i = index + 1;
    const names: string[] = [];
    if (i % 25 !== 0) names.push("CODECOV_TOKEN");
    if (i % 3 === 0) names.push("DATABASE_URL");
    if (i === 13 || i === 217) names.push("OLD_DEPLOY_KEY");
    const map = new Map<string, Secret>();
    for (const name of names) {
      const plain = seedSecretValue(`${login}/${repo.name}`, name);
      map.set(name, {
        name,
        created_at: iso(new Date(nowMs - 50 * DAY)),
        updated_at: iso(new Date(nowMs - 50 * DAY)),
        encrypted_value: sealFor(repo.secretsKey.publicKey, plain),
        key_id: repo.secretsKey.key_id,
        decrypted: plain,
      });
    }
    state.repoSecrets.set(repo.id, map);
  });
}
