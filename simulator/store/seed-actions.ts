// Seeds workflow files (real YAML in repo.files), workflows, 2,000+ runs over the last 30 days with jobs,
// steps, attempts and artifacts, and a few live runs whose jobs occupy seeded runners.
import {
  carryJob,
  hash32,
  hexSha,
  interpolate,
  iso,
  ms,
  newJob,
  parseWorkflow,
  planJobs,
  primeParsedWorkflow,
  type JobPlan,
  type ParsedWorkflow,
} from "../actions/model.js";
import { settle } from "../engine.js";
import { artifactZipSize } from "../logs/zip.js";
import { runnerGroupOf } from "./fleet.js";
import type { SeedOptions } from "./seed.js";
import { DEFAULT_ACME_RUNNERS } from "./seed-fleet.js";
import { createRng, type Rng } from "./rng.js";
import type { Artifact, Conclusion, Job, Repo, Run, Runner, RunStatus, State, Workflow } from "./types.js";

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** The job whose log has 1,000,000 lines: "Stress" in the latest completed scheduled run of acme/web's nightly.yml. */
export const STRESS_LOG_LINES = 1_000_000;

// ---------------------------------------------------------------------------------------------------------
// workflow files

const WEB_CI = `name: CI
on:
  push:
    branches: [main, "release/**"]
  pull_request:
    branches: [main]
concurrency:
  group: ci-\${{ github.ref }}
  cancel-in-progress: true
jobs:
  lint:
    name: Lint
    runs-on: [self-hosted, linux]
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 22
          cache: npm
      - run: npm ci
      - run: npm run lint
  test:
    name: Test
    needs: lint
    runs-on: [self-hosted, linux]
    strategy:
      fail-fast: false
      matrix:
        node: [18, 20, 22]
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: \${{ matrix.node }}
      - run: npm ci
      - run: npm test -- --coverage
      - name: Upload coverage
        uses: actions/upload-artifact@v4
        with:
          name: coverage-node-\${{ matrix.node }}
          path: coverage/
          retention-days: 7
  build:
    name: Build
    needs: test
    runs-on: [self-hosted, linux]
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 22
      - run: npm ci
      - run: npm run build
      - name: Upload dist
        uses: actions/upload-artifact@v4
        with:
          name: web-dist
          path: dist/
`;

const WEB_DEPLOY = `name: Deploy
run-name: Deploy \${{ inputs.version }} to \${{ inputs.environment }} by @\${{ github.actor }}
on:
  workflow_dispatch:
    inputs:
      environment:
        description: Target environment
        type: environment
        required: true
      version:
        description: Version (git tag or sha) to deploy
        type: string
        required: true
        default: latest
      log_level:
        description: Log level
        type: choice
        options: [info, debug, warning]
        default: info
      dry_run:
        description: Only print what would change
        type: boolean
        default: false
      replicas:
        description: Number of replicas
        type: number
        default: 2
      notes:
        description: Release notes for the deploy log
        type: string
        required: false
jobs:
  build:
    name: Build image
    runs-on: [self-hosted, linux]
    steps:
      - uses: actions/checkout@v4
      - run: docker build -t acme/web:\${{ inputs.version }} .
      - run: docker push registry.acme.example.com/acme/web:\${{ inputs.version }}
  deploy:
    name: Deploy
    needs: build
    runs-on: [self-hosted, linux]
    environment: \${{ inputs.environment }}
    steps:
      - uses: actions/checkout@v4
      - name: Deploy with helm
        run: helm upgrade --install web ./chart --set image.tag=\${{ inputs.version }} --set replicas=\${{ inputs.replicas }}
  smoke:
    name: Smoke test
    needs: deploy
    runs-on: [self-hosted, linux]
    steps:
      - run: ./scripts/smoke-test.sh \${{ inputs.environment }}
      - name: Upload deploy manifest
        uses: actions/upload-artifact@v4
        with:
          name: deploy-manifest
          path: manifest.json
`;

const WEB_NIGHTLY = `name: Nightly
on:
  schedule:
    - cron: "0 3 * * *"
  workflow_dispatch:
jobs:
  e2e:
    name: E2E
    runs-on: [self-hosted, linux]
    strategy:
      matrix:
        browser: [chromium, firefox, webkit]
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 22
      - run: npm ci
      - run: npx playwright test --project=\${{ matrix.browser }}
      - name: Upload report
        uses: actions/upload-artifact@v4
        with:
          name: playwright-report-\${{ matrix.browser }}
          path: playwright-report/
          retention-days: 14
  stress:
    name: Stress
    runs-on: [self-hosted, linux, gpu]
    steps:
      - uses: actions/checkout@v4
      - run: ./scripts/stress.sh --iterations 1000000
  report:
    name: Report
    needs: [e2e, stress]
    runs-on: [self-hosted, linux]
    steps:
      - run: ./scripts/nightly-report.sh
      - name: Upload summary
        uses: actions/upload-artifact@v4
        with:
          name: nightly-summary
          path: summary.md
`;

const API_CI = `name: API CI
on:
  push:
    branches: [main, develop]
  pull_request:
jobs:
  vet:
    name: Vet
    runs-on: [self-hosted, linux]
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-go@v5
        with:
          go-version: "1.23"
      - run: go vet ./...
  test:
    name: Test
    needs: vet
    runs-on: [self-hosted, linux]
    strategy:
      matrix:
        go: ["1.22", "1.23"]
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-go@v5
        with:
          go-version: \${{ matrix.go }}
      - run: go test -race ./...
  docker:
    name: Docker image
    needs: test
    runs-on: [self-hosted, linux, docker]
    steps:
      - uses: actions/checkout@v4
      - run: docker build -t acme/api .
      - name: Upload image digest
        uses: actions/upload-artifact@v4
        with:
          name: image-digest
          path: digest.txt
`;

const API_RELEASE = `name: Release
on:
  release:
    types: [published]
  workflow_dispatch:
    inputs:
      tag:
        description: Tag to release
        type: string
        required: true
      draft:
        type: boolean
        default: true
jobs:
  build:
    name: Build
    runs-on: [self-hosted, "\${{ matrix.os }}"]
    strategy:
      matrix:
        os: [linux, windows, macos]
    steps:
      - uses: actions/checkout@v4
      - run: make release
  notarize:
    name: Notarize
    needs: build
    runs-on: [self-hosted, macos, notary]
    steps:
      - run: xcrun notarytool submit dist/acme.pkg --wait
  publish:
    name: Publish
    needs: notarize
    runs-on: [self-hosted, linux]
    steps:
      - run: gh release upload \${{ inputs.tag }} dist/*
`;

const INFRA_TF = `name: Terraform
on:
  push:
    branches: [main]
  pull_request:
  schedule:
    - cron: "17 */6 * * *"
  repository_dispatch:
    types: [drift-check]
  workflow_dispatch:
    inputs:
      action:
        type: choice
        options: [plan, apply]
        default: plan
      environment:
        type: environment
        required: true
jobs:
  plan:
    name: Plan
    runs-on: [self-hosted, linux]
    steps:
      - uses: actions/checkout@v4
      - uses: hashicorp/setup-terraform@v3
      - run: terraform init -input=false
      - run: terraform plan -out=tfplan
      - name: Upload plan
        uses: actions/upload-artifact@v4
        with:
          name: tfplan
          path: tfplan
  apply:
    name: Apply
    needs: plan
    runs-on: [self-hosted, linux]
    steps:
      - uses: actions/checkout@v4
      - run: terraform apply -auto-approve tfplan
`;

const PORTAL_CI = `name: Portal CI
on:
  push:
  pull_request:
  workflow_dispatch:
jobs:
  build:
    name: Build
    runs-on: [self-hosted, linux]
    steps:
      - uses: actions/checkout@v4
      - run: npm ci
      - run: npm run build
  test:
    name: Test
    needs: build
    runs-on: [self-hosted, "\${{ matrix.os }}"]
    strategy:
      matrix:
        os: [linux, windows]
    steps:
      - uses: actions/checkout@v4
      - run: npm test
`;

const PORTAL_LEGACY = `name: Legacy deploy
on:
  push:
    branches: [master]
jobs:
  deploy:
    runs-on: [self-hosted, linux]
    steps:
      - run: ./deploy.sh
`;

const HELLO_GREET = `name: Greet
on:
  push:
  workflow_dispatch:
    inputs:
      name:
        description: Who to greet
        type: string
        default: world
jobs:
  greet:
    name: Greet
    runs-on: [self-hosted]
    steps:
      - run: echo "Hello, \${{ inputs.name }}!"
`;

export const GENERIC_CI = (name: string) => `name: ${name} CI
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
      - run: make build
  test:
    name: Test
    needs: build
    runs-on: [self-hosted, linux]
    steps:
      - uses: actions/checkout@v4
      - run: make test
`;

interface WorkflowSpec {
  owner: string;
  repo: string;
  file: string;
  text: string;
  runs: number;
  state?: Workflow["state"];
  /** event → weight */
  events: Record<string, number>;
  /** artifact name from a job name, when that job uploads one */
  artifacts?: (jobName: string) => { name: string; retentionDays: number } | null;
}

const SPECS: WorkflowSpec[] = [
  {
    owner: "acme",
    repo: "web",
    file: "ci.yml",
    text: WEB_CI,
    runs: 820,
    events: { push: 55, pull_request: 45 },
    artifacts: (j) => {
      const m = /^Test \((\d+)\)$/.exec(j);
      if (m) return { name: `coverage-node-${m[1]}`, retentionDays: 7 };
      return j === "Build" ? { name: "web-dist", retentionDays: 90 } : null;
    },
  },
  {
    owner: "acme",
    repo: "web",
    file: "deploy.yml",
    text: WEB_DEPLOY,
    runs: 70,
    events: { workflow_dispatch: 1 },
    artifacts: (j) => (j === "Smoke test" ? { name: "deploy-manifest", retentionDays: 90 } : null),
  },
  {
    owner: "acme",
    repo: "web",
    file: "nightly.yml",
    text: WEB_NIGHTLY,
    runs: 36,
    events: { schedule: 30, workflow_dispatch: 6 },
    artifacts: (j) => {
      const m = /^E2E \((\w+)\)$/.exec(j);
      if (m) return { name: `playwright-report-${m[1]}`, retentionDays: 14 };
      return j === "Report" ? { name: "nightly-summary", retentionDays: 90 } : null;
    },
  },
  {
    owner: "acme",
    repo: "api",
    file: "ci.yml",
    text: API_CI,
    runs: 380,
    events: { push: 60, pull_request: 40 },
    artifacts: (j) => (j === "Docker image" ? { name: "image-digest", retentionDays: 30 } : null),
  },
  { owner: "acme", repo: "api", file: "release.yml", text: API_RELEASE, runs: 18, events: { release: 2, workflow_dispatch: 1 } },
  {
    owner: "acme",
    repo: "infra",
    file: "terraform.yml",
    text: INFRA_TF,
    runs: 190,
    events: { push: 20, pull_request: 20, schedule: 50, repository_dispatch: 5, workflow_dispatch: 5 },
    artifacts: (j) => (j === "Plan" ? { name: "tfplan", retentionDays: 5 } : null),
  },
  { owner: "globex", repo: "portal", file: "ci.yml", text: PORTAL_CI, runs: 260, events: { push: 55, pull_request: 40, workflow_dispatch: 5 } },
  { owner: "globex", repo: "portal", file: "legacy-deploy.yml", text: PORTAL_LEGACY, runs: 6, events: { push: 1 }, state: "disabled_manually" },
  { owner: "octocat", repo: "hello-world", file: "greet.yml", text: HELLO_GREET, runs: 40, events: { push: 3, workflow_dispatch: 1 } },
];

export const GENERIC_REPOS: [string, string][] = [
  ["acme", "docs"],
  ["acme", "design-system"],
  ["acme", "data-pipeline"],
  ["acme", "auth-service"],
  ["acme", "search"],
  ["acme", "monorepo"],
  ["acme", "cli"],
  ["acme", "sdk-js"],
  ["globex", "warehouse"],
  ["globex", "website"],
];

const COMMIT_MESSAGES = [
  "Fix flaky test in run list",
  "Bump actions/checkout from 3 to 4",
  "Add pagination to the runners table",
  "Refactor API client retries",
  "Update dependencies",
  "Merge pull request #{pr} from {branch}",
  "Improve error messages for 422 responses",
  "Add dark mode toggle",
  "Handle secondary rate limits",
  "Speed up log streaming",
  "Docs: explain runner groups",
  "Revert \"Add experimental cache\"",
  "Fix timezone parsing in timing view",
  "Add matrix for Node 22",
  "Tidy up workflow files",
];

function findRepoByName(state: State, owner: string, name: string): Repo | undefined {
  for (const r of state.repos.values()) if (r.owner === owner && r.name === name) return r;
  return undefined;
}

function weighted(rng: Rng, weights: Record<string, number>): string {
  const entries = Object.entries(weights);
  const total = entries.reduce((a, [, w]) => a + w, 0);
  let x = rng.next() * total;
  for (const [k, w] of entries) {
    x -= w;
    if (x < 0) return k;
  }
  return entries[entries.length - 1]?.[0] ?? "push";
}

function actorsOf(state: State, repo: Repo): string[] {
  const out = new Set<string>();
  if (repo.ownerType === "User") out.add(repo.owner);
  const org = state.orgs.get(repo.owner);
  if (org) for (const [login, role] of Object.entries(org.members)) if (role === "owner" || repo.visibility !== "private") out.add(login);
  for (const [login, role] of Object.entries(repo.collaborators)) if (role !== "read") out.add(login);
  const list = [...out].filter((l) => state.users.has(l)).sort();
  return list.length ? list : [repo.owner];
}

// ---------------------------------------------------------------------------------------------------------
// artifacts

/** What an artifact's contents say about its run (captured when seeded: the run may change or go later). */
export type ArtifactRun = Pick<Run, "id" | "head_sha" | "created_at" | "head_branch">;

/** The files of a seeded artifact; every number in them comes from `rng` (see `skipArtifactDraws`). */
export function artifactFiles(name: string, run: ArtifactRun, rng: Rng): Record<string, string> {
  const lines = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join("\n") + "\n";
  if (name.startsWith("coverage")) {
    return {
      "lcov.info": lines(rng.int(40, 90), (i) => `SF:src/module${i}.ts\nDA:1,${rng.int(0, 9)}\nDA:2,${rng.int(0, 9)}\nLF:${rng.int(10, 99)}\nLH:${rng.int(5, 60)}\nend_of_record`),
      "coverage-summary.json": JSON.stringify({ total: { lines: { pct: rng.int(700, 990) / 10 }, branches: { pct: rng.int(600, 950) / 10 } } }, null, 2),
    };
  }
  if (name === "web-dist") {
    const h = hash32(run.id).toString(16);
    return {
      "index.html": `<!doctype html><html><head><title>Acme</title><script type="module" src="/assets/app-${h}.js"></script></head><body><div id="root"></div></body></html>\n`,
      [`assets/app-${h}.js`]: lines(rng.int(60, 160), (i) => `export function f${i}(x){return x*${i}+${rng.int(0, 999)};}`),
      [`assets/app-${h}.css`]: lines(rng.int(20, 60), (i) => `.c${i}{margin:${i % 8}px;color:#${rng.int(0, 0xffffff).toString(16).padStart(6, "0")}}`),
      "manifest.json": JSON.stringify({ version: run.head_sha.slice(0, 7), built: run.created_at }, null, 2),
    };
  }
  if (name.startsWith("playwright-report")) {
    return {
      "index.html": `<!doctype html><title>Playwright report</title><h1>${name}</h1>\n`,
      "results.json": JSON.stringify({ run: run.id, tests: Array.from({ length: rng.int(20, 60) }, (_, i) => ({ title: `spec ${i}`, ok: rng.chance(0.97) })) }),
    };
  }
  if (name === "tfplan") return { tfplan: lines(rng.int(30, 80), (i) => `# aws_instance.node[${i}] will be updated in-place\n~ tags = { "rev" = "${rng.int(1, 99)}" }`) };
  return {
    "summary.md": `# ${name}\n\nRun ${run.id} (${run.head_sha.slice(0, 7)}) on ${run.head_branch}.\n`,
    "data.json": JSON.stringify({ run: run.id, digest: `sha256:${run.head_sha}${run.head_sha.slice(0, 24)}` }),
  };
}

/**
 * Advances `rng` exactly as `artifactFiles(name, …, rng)` does, without building the files: one draw per
 * random number in them, and how many there are depends only on the counts drawn first.
 */
export function skipArtifactDraws(name: string, rng: Rng): void {
  const skip = (n: number) => {
    for (let i = 0; i < n; i++) rng.next();
  };
  if (name.startsWith("coverage")) {
    skip(rng.int(40, 90) * 4); // lcov.info: 4 numbers a record
    skip(2); // coverage-summary.json
  } else if (name === "web-dist") {
    skip(rng.int(60, 160)); // app.js
    skip(rng.int(20, 60)); // app.css
  } else if (name.startsWith("playwright-report")) {
    skip(rng.int(20, 60));
  } else if (name === "tfplan") {
    skip(rng.int(30, 80));
  }
}

/**
 * A seeded artifact whose files (and so its zip size) are built on first use from the generator's state at
 * seeding time: the same bytes as building them eagerly, without the cost for thousands of artifacts at start-up.
 */
function addArtifact(state: State, repo: Repo, run: Run, name: string, at: number, retentionDays: number, rng: Rng): void {
  const from = rng.state();
  skipArtifactDraws(name, rng);
  const source: ArtifactRun = { id: run.id, head_sha: run.head_sha, created_at: run.created_at, head_branch: run.head_branch };
  let files: Record<string, string> | null = null;
  let size: number | null = null;
  const built = () => (files ??= artifactFiles(name, source, createRng(from)));
  const created = iso(at);
  const art: Artifact = {
    id: state.nextId++,
    repoId: repo.id,
    runId: run.id,
    name,
    created_at: created,
    updated_at: created,
    expires_at: iso(at + retentionDays * DAY),
    get files() {
      return built();
    },
    set files(value: Record<string, string>) {
      files = value;
      size = null;
    },
    get size_in_bytes() {
      return (size ??= artifactZipSize(built()));
    },
    set size_in_bytes(value: number) {
      size = value;
    },
  };
  state.artifacts.set(art.id, art);
}

// ---------------------------------------------------------------------------------------------------------
// historic (completed) attempts

type Outcome = "success" | "failure" | "cancelled" | "timed_out" | "neutral" | "skipped" | "action_required" | "stale";

/**
 * Candidates per repository and label set, computed once per seeding: the fleet does not change while the
 * history is laid out, and thousands of jobs ask the same question.
 */
const candidateCache = new WeakMap<State, Map<string, Runner[]>>();

/** Runners that could have run a job for `repo` (any status), for historic jobs' runner fields. */
function historicRunner(state: State, repo: Repo, labels: string[], rng: Rng) {
  const want = labels.map((l) => l.toLowerCase());
  let cache = candidateCache.get(state);
  if (!cache) {
    cache = new Map();
    candidateCache.set(state, cache);
  }
  const key = `${repo.id}\u0000${want.join("\u0000")}`;
  let candidates = cache.get(key);
  if (!candidates) {
    candidates = [...state.runners.values()].filter((r) => {
      if (r.repoId !== null ? r.repoId !== repo.id : r.org !== repo.owner) return false;
      const have = new Set(r.labels.map((l) => l.name.toLowerCase()));
      return want.every((l) => have.has(l));
    });
    cache.set(key, candidates);
  }
  return candidates.length ? rng.pick(candidates) : null;
}

/**
 * Lays out a completed attempt: jobs in `needs` order after a short queue, steps back to back; one job
 * fails (failure/timed_out), or everything stops at a cancel time, as the outcome says.
 */
function simulateAttempt(state: State, repo: Repo, run: Run, plans: JobPlan[], start: number, outcome: Outcome, rng: Rng, carried: Map<string, Job>): Job[] {
  const jobs: Job[] = [];
  if (outcome === "action_required" || outcome === "stale") return jobs;
  const fresh = plans.filter((p) => !carried.has(p.name));
  const failing = (outcome === "failure" || outcome === "timed_out") && fresh.length ? rng.pick(fresh).name : null;
  const total = plans.reduce((a, p) => a + p.steps.reduce((b, s) => b + s.seconds, 0), 0) * 1000;
  const cancelAt = outcome === "cancelled" ? start + rng.int(10, 90) * 0.01 * total : Infinity;
  const byName = new Map<string, Job>();
  for (const plan of plans) {
    const prev = carried.get(plan.name);
    if (prev) {
      const copy = carryJob(state, prev, run.run_attempt);
      jobs.push(copy);
      byName.set(copy.name, copy);
      continue;
    }
    const job = newJob(state, run, plan, start);
    jobs.push(job);
    byName.set(job.name, job);
    const needed = plan.needs.map((n) => byName.get(n)).filter((j): j is Job => !!j);
    const readyAt = Math.max(start, ...needed.map((j) => ms(j.completed_at ?? iso(start))));
    if (outcome === "skipped" || needed.some((j) => j.conclusion !== "success" && j.conclusion !== "neutral")) {
      const at = outcome === "skipped" ? start : readyAt;
      const cancelled = needed.some((j) => j.conclusion === "cancelled") && outcome === "cancelled";
      job.status = "completed";
      job.conclusion = cancelled ? "cancelled" : "skipped";
      job.steps = [];
      job.started_at = iso(at);
      job.completed_at = iso(at);
      continue;
    }
    let t = readyAt + rng.int(1, 25) * 1000;
    if (t >= cancelAt) {
      job.status = "completed";
      job.conclusion = "cancelled";
      job.steps = [];
      job.started_at = iso(cancelAt);
      job.completed_at = iso(cancelAt);
      continue;
    }
    const runner = historicRunner(state, repo, job.labels, rng);
    if (runner) {
      job.runner_id = runner.id;
      job.runner_name = runner.name;
      const group = runnerGroupOf(state, runner);
      job.runner_group_id = group ? group.id : null;
      job.runner_group_name = group ? group.name : null;
    }
    job.started_at = iso(t);
    job.status = "completed";
    const failStep = failing === job.name ? rng.int(2, Math.max(2, job.steps.length - 2)) : -1;
    let conclusion: Conclusion = outcome === "neutral" && plan === plans[plans.length - 1] ? "neutral" : "success";
    let stopped = false;
    for (const s of job.steps) {
      const post = s.name.startsWith("Post ") || s.name === "Complete job";
      if (stopped && !post) {
        s.status = "completed";
        s.conclusion = "skipped";
        s.started_at = iso(t);
        s.completed_at = iso(t);
        s.seconds = 0;
        continue;
      }
      s.status = "completed";
      s.started_at = iso(t);
      if (!stopped && t + s.seconds * 1000 > cancelAt) {
        s.seconds = Math.max(0, Math.round((cancelAt - t) / 1000));
        s.conclusion = "cancelled";
        conclusion = "cancelled";
        stopped = true;
      } else if (s.number === failStep) {
        if (outcome === "timed_out") s.seconds = Math.max(s.seconds, rng.int(300, 900));
        s.conclusion = outcome === "timed_out" ? "cancelled" : "failure";
        conclusion = outcome === "timed_out" ? "timed_out" : "failure";
        stopped = true;
      } else {
        s.conclusion = "success";
      }
      t += s.seconds * 1000;
      s.completed_at = iso(t);
    }
    job.conclusion = conclusion;
    job.completed_at = iso(t);
  }
  return jobs;
}

function runConclusion(jobs: Job[], outcome: Outcome): Conclusion {
  if (outcome === "action_required" || outcome === "stale" || outcome === "skipped" || outcome === "neutral") return outcome;
  const cs = jobs.map((j) => j.conclusion);
  if (cs.includes("failure")) return "failure";
  if (cs.includes("timed_out")) return "timed_out";
  if (cs.includes("cancelled")) return "cancelled";
  return "success";
}

// ---------------------------------------------------------------------------------------------------------

interface Draft {
  spec: WorkflowSpec;
  repo: Repo;
  wf: Workflow;
  parsed: ParsedWorkflow;
  created: number;
  event: string;
  live: RunStatus | null;
}

function pickOutcome(rng: Rng, event: string): Outcome {
  const x = rng.next();
  if (event === "pull_request" && x < 0.02) return "action_required";
  if (x < 0.7) return "success";
  if (x < 0.85) return "failure";
  if (x < 0.92) return "cancelled";
  if (x < 0.94) return "timed_out";
  if (x < 0.96) return "skipped";
  if (x < 0.975) return "neutral";
  if (x < 0.985) return "stale";
  return "success";
}

function dispatchInputs(parsed: ParsedWorkflow, rng: Rng): Record<string, string> | null {
  if (!parsed.dispatchInputs) return null;
  const out: Record<string, string> = {};
  for (const i of parsed.dispatchInputs) {
    if (i.type === "choice") out[i.name] = rng.pick(i.options.length ? i.options : [i.default ?? ""]);
    else if (i.type === "boolean") out[i.name] = rng.chance(0.3) ? "true" : "false";
    else if (i.type === "number") out[i.name] = String(rng.int(1, 6));
    else if (i.type === "environment") out[i.name] = rng.pick(["production", "staging", "qa"]);
    else if (i.name === "version" || i.name === "tag") out[i.name] = `v1.${rng.int(0, 20)}.${rng.int(0, 9)}`;
    else if (i.default !== null) out[i.name] = i.default;
    else out[i.name] = rng.chance(0.5) ? "Routine release" : "";
  }
  return out;
}

export function seedActions(state: State, rng: Rng, now: Date, options: SeedOptions = {}): void {
  const nowMs = Math.floor(now.getTime() / 1000) * 1000;
  const specs: WorkflowSpec[] = [...SPECS];
  // The generic CI files differ only in their `name:` line: parse one, name the others after their repo.
  const generic = parseWorkflow(GENERIC_CI("generic"), ".github/workflows/ci.yml");
  for (const [owner, name] of GENERIC_REPOS) {
    const text = GENERIC_CI(name);
    primeParsedWorkflow(text, { ...generic, name: `${name} CI` });
    specs.push({ owner, repo: name, file: "ci.yml", text, runs: 28, events: { push: 3, pull_request: 2 } });
  }
  // Workflow files and records.
  const drafts: Draft[] = [];
  for (const spec of specs) {
    const repo = findRepoByName(state, spec.owner, spec.repo);
    if (!repo || repo.archived) continue;
    const path = `.github/workflows/${spec.file}`;
    repo.files[path] = spec.text;
    const parsed = parseWorkflow(spec.text, path);
    const createdAt = Math.max(ms(repo.created_at), nowMs - 300 * DAY) + rng.int(1, 30) * DAY;
    const wf: Workflow = {
      id: state.nextId++,
      repoId: repo.id,
      name: parsed.name,
      path,
      state: spec.state ?? "active",
      created_at: iso(Math.min(createdAt, nowMs - 40 * DAY)),
      updated_at: iso(nowMs - rng.int(31, 39) * DAY),
      };
    state.workflows.set(wf.id, wf);
    const disabled = wf.state !== "active";
    for (let i = 0; i < spec.runs; i++) {
      const event = weighted(rng, spec.events);
      let created: number;
      if (event === "schedule") {
        // once a day (or every few hours) at the cron's minute
        const day = nowMs - (i + 1) * (spec.file === "nightly.yml" ? DAY : 6 * HOUR);
        created = day - (day % HOUR) + rng.int(0, 40) * 1000;
      } else created = nowMs - rng.int(35 * MIN, 30 * DAY) - (disabled ? 10 * DAY : 0);
      if (created < nowMs - 30 * DAY) created = nowMs - 30 * DAY + rng.int(0, 10 * HOUR);
      drafts.push({ spec, repo, wf, parsed, created, event, live: null });
    }
  }
  // Live runs: in progress (their jobs take runners), queued, waiting, requested, pending.
  const live = (owner: string, repo: string, file: string, status: RunStatus, agoSec: number, event: string) => {
    const d = drafts.find((x) => x.spec.owner === owner && x.spec.repo === repo && x.spec.file === file);
    if (d) drafts.push({ ...d, created: nowMs - agoSec * 1000, event, live: status });
  };
  live("acme", "web", "ci.yml", "in_progress", 200, "push");
  live("acme", "web", "ci.yml", "in_progress", 95, "pull_request");
  live("acme", "web", "ci.yml", "in_progress", 30, "pull_request");
  live("acme", "api", "ci.yml", "in_progress", 160, "push");
  live("acme", "api", "ci.yml", "in_progress", 70, "pull_request");
  live("acme", "infra", "terraform.yml", "in_progress", 45, "push");
  live("globex", "portal", "ci.yml", "in_progress", 120, "push");
  live("acme", "web", "nightly.yml", "in_progress", 400, "workflow_dispatch");
  live("acme", "api", "release.yml", "in_progress", 1500, "release");
  live("acme", "web", "ci.yml", "queued", 4, "push");
  live("acme", "api", "ci.yml", "queued", 2, "pull_request");
  live("globex", "portal", "ci.yml", "queued", 1, "push");
  live("acme", "web", "deploy.yml", "waiting", 900, "workflow_dispatch");
  live("acme", "infra", "terraform.yml", "waiting", 600, "workflow_dispatch");
  live("acme", "web", "ci.yml", "requested", 3, "pull_request");
  live("acme", "web", "deploy.yml", "pending", 300, "workflow_dispatch");
  // A larger acme fleet (SeedOptions.runners) gets about one more in-progress run per ten added runners, started in
  // the last few minutes, so some of the added runners are busy with real jobs. Drawn from their own generator; being
  // the newest runs, they are laid out after every historic one, which stay as in the default world.
  const added = Math.max(0, (options.runners ?? DEFAULT_ACME_RUNNERS) - DEFAULT_ACME_RUNNERS);
  if (added > 0) {
    const busyRng = createRng((rng.state() ^ 0xb05e_0001) >>> 0);
    const acmeCi: [string, string][] = [["web", "ci.yml"], ["api", "ci.yml"], ["infra", "terraform.yml"]];
    for (const [owner, name] of GENERIC_REPOS) if (owner === "acme") acmeCi.push([name, "ci.yml"]);
    for (let k = Math.round(added / 10); k > 0; k--) {
      const [repo, file] = busyRng.pick(acmeCi);
      live("acme", repo, file, "in_progress", busyRng.int(20, 240), busyRng.chance(0.5) ? "push" : "pull_request");
    }
  }

  drafts.sort((a, b) => a.created - b.created);
  const runNumbers = new Map<number, number>();
  const liveRuns: { run: Run; status: RunStatus }[] = [];
  // the big log: latest completed scheduled nightly run of acme/web
  const nightly = drafts.filter((d) => d.spec.repo === "web" && d.spec.file === "nightly.yml" && d.event === "schedule" && !d.live);
  const stressDraft = nightly[nightly.length - 1];

  for (const d of drafts) {
    const { repo, wf, parsed } = d;
    const runRng = rng;
    const actors = actorsOf(state, repo);
    const actor = runRng.pick(actors);
    const user = state.users.get(actor);
    const def = repo.default_branch;
    const others = repo.branches.map((b) => b.name).filter((b) => b !== def);
    let branch = def;
    let pr: number | null = null;
    if (d.event === "pull_request") {
      branch = others.length ? runRng.pick(others) : def;
      pr = (hash32(repo.id, branch) % 400) + 1;
    } else if (d.event === "push" && others.length && runRng.chance(0.3)) branch = runRng.pick(others);
    const sha = d.live === null && runRng.chance(0.02) ? (repo.branches.find((b) => b.name === branch)?.sha ?? hexSha(runRng)) : hexSha(runRng);
    const inputs = d.event === "workflow_dispatch" ? dispatchInputs(parsed, runRng) : null;
    const msgTpl = runRng.pick(COMMIT_MESSAGES);
    const message = msgTpl.replace("{pr}", String(pr ?? runRng.int(1, 400))).replace("{branch}", `${actor}/${branch}`);
    const number = (runNumbers.get(wf.id) ?? 0) + 1;
    runNumbers.set(wf.id, number);
    const displayTitle =
      d.event === "pull_request"
        ? `${branch.replace(/^[\w-]+\//, "").replace(/[-_]/g, " ")}`.replace(/^./, (c) => c.toUpperCase())
        : d.event === "schedule"
          ? parsed.name
          : d.event === "workflow_dispatch" || d.event === "release" || d.event === "repository_dispatch"
            ? parsed.runName
              ? interpolate(parsed.runName, { inputs: inputs ?? {}, actor, ref: branch })
              : parsed.name
            : message;
    const run: Run = {
      id: state.nextId++,
      repoId: repo.id,
      workflowId: wf.id,
      name: parsed.name,
      display_title: displayTitle,
      run_number: number,
      run_attempt: 1,
      event: d.event,
      status: "queued",
      conclusion: null,
      head_branch: d.event === "release" ? `v1.${runRng.int(0, 20)}.0` : branch,
      head_sha: sha,
      head_commit: {
        message,
        author: actor,
        email: user?.email ?? `${actor}@users.noreply.github.com`,
        timestamp: iso(d.created - runRng.int(5, 600) * 1000),
      },
      actor,
      triggering_actor: actor,
      created_at: iso(d.created),
      updated_at: iso(d.created),
      run_started_at: iso(d.created),
      previousAttempts: [],
      inputs,
      pull_request_number: pr,
      logsDeleted: false,
    };
    state.runs.set(run.id, run);
    const plans = planJobs(parsed, hash32(run.id, 1), { inputs: inputs ?? {}, actor, ref: branch });

    if (d.live) {
      liveRuns.push({ run, status: d.live });
      continue;
    }
    // completed: maybe several attempts
    let outcome = pickOutcome(runRng, d.event);
    if (d === stressDraft) outcome = "success";
    const reruns = outcome === "failure" || outcome === "cancelled" ? (runRng.chance(0.3) ? runRng.int(1, 2) : 0) : runRng.chance(0.02) ? 1 : 0;
    let start = d.created;
    let jobs = simulateAttempt(state, repo, run, plans, start, outcome, runRng, new Map());
    for (let a = 0; a < reruns; a++) {
      const end = Math.max(start, ...jobs.map((j) => ms(j.completed_at ?? run.created_at)));
      const next = end + runRng.int(2, 90) * MIN;
      if (next > nowMs - 20 * MIN) break;
      run.status = "completed";
      run.conclusion = runConclusion(jobs, outcome);
      run.updated_at = iso(end);
      const rerunner = runRng.pick(actors);
      run.previousAttempts.push({
        run_attempt: run.run_attempt,
        status: "completed",
        conclusion: run.conclusion,
        run_started_at: run.run_started_at,
        updated_at: run.updated_at,
        actor: run.triggering_actor,
      });
      const failedOnly = runRng.chance(0.5);
      const carried = new Map<string, Job>();
      if (failedOnly) for (const j of jobs) if (j.conclusion === "success") carried.set(j.name, j);
      run.run_attempt += 1;
      run.triggering_actor = rerunner;
      run.run_started_at = iso(next);
      start = next;
      outcome = runRng.chance(0.75) ? "success" : "failure";
      const attemptPlans = planJobs(parsed, hash32(run.id, run.run_attempt), { inputs: inputs ?? {}, actor, ref: branch });
      jobs = simulateAttempt(state, repo, run, attemptPlans, start, outcome, runRng, carried);
    }
    run.status = "completed";
    run.conclusion = runConclusion(jobs, outcome);
    const end = Math.max(start, ...jobs.map((j) => ms(j.completed_at ?? iso(start))));
    run.updated_at = iso(end + (jobs.length ? 1000 : 0));
    if (d === stressDraft) {
      const stress = jobs.find((j) => j.name === "Stress");
      if (stress) stress.logLines = STRESS_LOG_LINES;
    }
    // artifacts of the jobs that uploaded one
    if (d.spec.artifacts) {
      for (const j of jobs) {
        if (j.conclusion !== "success" || !j.completed_at) continue;
        const a = d.spec.artifacts(j.name);
        if (a) addArtifact(state, repo, run, a.name, ms(j.completed_at) - 2000, a.retentionDays, runRng);
      }
    }
  }

  // Live runs: jobs created queued, then the engine settles them up to now so they take runners.
  const earliest = Math.min(nowMs, ...liveRuns.map((l) => ms(l.run.created_at)));
  const toSettle: Run[] = [];
  const queuedLater: { run: Run; plans: JobPlan[] }[] = [];
  for (const { run, status } of liveRuns) {
    const plans = planJobs(
      parseWorkflow(state.repos.get(run.repoId)?.files[state.workflows.get(run.workflowId)?.path ?? ""] ?? "", ""),
      hash32(run.id, 1),
      { inputs: run.inputs ?? {}, actor: run.actor, ref: run.head_branch },
    );
    const created = ms(run.created_at);
    if (status === "in_progress") {
      for (const p of plans) newJob(state, run, p, created);
      toSettle.push(run);
    } else if (status === "waiting") {
      // build done, deploy waits for the environment's reviewers
      const repo = state.repos.get(run.repoId) as Repo;
      const jobs = simulateAttempt(state, repo, run, plans.slice(0, 1), created, "success", rng, new Map());
      for (const p of plans.slice(1)) {
        const j = newJob(state, run, p, ms(jobs[0]?.completed_at ?? run.created_at));
        if (p.needs.includes(plans[0]?.name ?? "")) j.status = "waiting";
      }
      run.status = "waiting";
      run.updated_at = jobs[0]?.completed_at ?? run.created_at;
    } else {
      // queued / requested / pending: nothing has started (queued jobs are created after the settle below)
      run.status = status;
      if (status === "queued") queuedLater.push({ run, plans });
    }
  }
  settle(state, nowMs, earliest);
  for (const { run, plans } of queuedLater) for (const p of plans) newJob(state, run, p, ms(run.created_at));
  // runs the engine could not start at all (no runner matched) stay queued
  for (const run of toSettle) if (run.status === "queued") run.updated_at = run.created_at;
  candidateCache.delete(state);
}
