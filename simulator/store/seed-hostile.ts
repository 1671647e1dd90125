// A hostile organisation for the injected-content tests: `evil`, owned by mona, whose every field the
// dashboard renders carries an XSS payload (`POST /_sim/seed/hostile {payloads}`; `DELETE` removes it).
// Where GitHub constrains a name (logins, repository and secret names, branches, labels, artifact names) the
// payload is used only when it is valid there, or its closest valid form is. CONTRACT.md lists the fields.
import { createRng } from "./rng.js";
import { keyPair } from "./seed.js";
import { DEFAULT_GROUP_ID, groupKey, label, putRunnerGroup, sealFor } from "./fleet.js";
import type {
  Artifact,
  Job,
  Org,
  Repo,
  Runner,
  RunnerGroup,
  Run,
  Secret,
  State,
  Step,
  User,
  Workflow,
} from "./types.js";
import { hexSha, iso } from "../actions/model.js";
import { artifactZipSize } from "../logs/zip.js";

export const HOSTILE_ORG = "evil";

/** What the hostile seed created (ids, for the tests and for removal). */
export interface HostileSummary {
  org: string;
  repos: { name: string; id: number }[];
  /** The repository with runs, jobs, logs, artifacts, secrets and runners: evil/xss-lab. */
  lab: string;
  /** The repository whose runs and workflows endpoints answer with hostile errors: evil/broken. */
  broken: string;
  users: string[];
  workflows: { id: number; file: string; name: string }[];
  /** The dispatchable workflow's file name. */
  dispatchFile: string;
  runs: number[];
  /** The run with every artifact, and its job whose log carries every payload. */
  mainRun: number;
  logJob: number;
  jobs: number[];
  runners: number[];
  /** A repository runner of evil/xss-lab. */
  repoRunner: number;
  groups: number[];
  artifacts: number[];
  orgSecrets: string[];
  repoSecrets: string[];
  branches: string[];
  /** The hostile error of evil/broken (message, documentation_url). */
  error: { message: string; documentation_url: string };
}

interface Created extends HostileSummary {
  groupKeys: number[];
  repoIds: number[];
}

const created = new WeakMap<State, Created>();

export function hostileOf(state: State): HostileSummary | undefined {
  return created.get(state);
}

// ---------------------------------------------------------------------------------------------------------
// what GitHub allows where

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const CONTROL_BUT_ESCAPES = /[\u0000-\u0006\u0008-\u001a\u001c-\u001f\u007f]/;
/** No control characters and well-formed UTF-16. */
export const printable = (s: string) => s.length > 0 && !CONTROL.test(s) && !LONE_SURROGATE.test(s);
/** Printable, or carrying ANSI/OSC escapes (ESC, BEL) but no other control character. */
const textWithEscapes = (s: string) =>
  s.length > 0 && !CONTROL_BUT_ESCAPES.test(s) && !LONE_SURROGATE.test(s);

/** `git check-ref-format` for a branch name (refs/heads/<name>). */
export function validBranch(name: string): boolean {
  if (!name || name.length > 200 || name === "@" || !printable(name)) return false;
  if (/[\s~^:?*[\\]/.test(name) || name.includes("..") || name.includes("@{") || name.includes("//"))
    return false;
  if (name.startsWith("/") || name.endsWith("/") || name.endsWith(".") || name.startsWith("-")) return false;
  return name.split("/").every((c) => c.length > 0 && !c.startsWith(".") && !c.endsWith(".lock"));
}

/** Runner labels: no whitespace, no commas (the runner's --labels separator). */
export const validLabel = (s: string) => printable(s) && s.length <= 100 && !/[\s,]/.test(s);

/** Artifact names may not contain " : < > | * ? \ / or line breaks (actions/upload-artifact). */
export const validArtifactName = (s: string) =>
  textWithEscapes(s) && s.length <= 200 && !/[":<>|*?\r\n\\/]/.test(s);

/** Workflow file names: one path segment, nothing a URL would treat specially. */
export const validWorkflowFile = (s: string) =>
  printable(s) && s.length <= 80 && !/[/\\#?%]/.test(s) && !s.startsWith(".");

/** Org secret names (upper-case letters, digits, `_`; not starting with a digit or GITHUB_): closest forms. */
const SECRET_NAMES = [
  "__PROTO__",
  "CONSTRUCTOR",
  "ONERROR_ALERT_1",
  "JAVASCRIPT_ALERT_1",
  "SCRIPT_SRC_DATA",
  "IMG_SRC_X_ONERROR",
  "SVG_ONLOAD",
  "TOSTRING",
];
/** Logins (letters, digits, single hyphens): closest forms. */
const LOGINS = ["javascript", "onerror-alert-1", "svg-onload", "script-src-data", "img-src-x"];

/** A YAML double-quoted scalar: everything outside printable ASCII escaped, so any payload survives. */
function yamlQuote(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    const code = s.charCodeAt(i);
    if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else if (code >= 0x20 && code <= 0x7e) out += ch;
    else out += `\\u${code.toString(16).padStart(4, "0")}`;
  }
  return `${out}"`;
}

/** Hands out payloads in order (cycling), each time the next one that passes `ok`. */
class Picker {
  private at = 0;
  constructor(private readonly payloads: readonly string[]) {}
  take(ok: (s: string) => boolean = () => true): string {
    for (let n = 0; n < this.payloads.length; n++) {
      const p = this.payloads[(this.at + n) % this.payloads.length] as string;
      if (ok(p)) {
        this.at = (this.at + n + 1) % this.payloads.length;
        return p;
      }
    }
    throw new Error("no payload fits this field");
  }
  /** Up to `count` distinct payloads that pass `ok`. */
  takeMany(count: number, ok: (s: string) => boolean): string[] {
    const out = new Set<string>();
    for (let n = 0; n < this.payloads.length && out.size < count; n++) out.add(this.take(ok));
    return [...out];
  }
}

// ---------------------------------------------------------------------------------------------------------

const SEC = 1000;
const MIN = 60 * SEC;

/** Log lines of the job that carries every payload: raw, then wrapped in workflow commands, ANSI and OSC 8. */
function logSteps(payloads: readonly string[]): { names: string[]; lines: string[][] } {
  const ESC = "\u001b";
  const raw = payloads.flatMap((p) => p.split(/\r?\n|\r/));
  const wrapped: string[] = [];
  payloads.forEach((p, i) => {
    const one = p.replace(/\r?\n|\r/g, " ");
    switch (i % 8) {
      case 0:
        wrapped.push(`##[error]${one}`);
        break;
      case 1:
        wrapped.push(`##[warning]${one}`);
        break;
      case 2:
        wrapped.push(`##[notice]${one}`);
        break;
      case 3:
        wrapped.push(`##[group]${one}`, "inside the group", "##[endgroup]");
        break;
      case 4:
        wrapped.push(`${ESC}[1;31m${one}${ESC}[0m`);
        break;
      case 5:
        wrapped.push(`${ESC}]8;;${one}${ESC}\\link ${i}${ESC}]8;;${ESC}\\ after`);
        break;
      case 6:
        wrapped.push(`[command]${one}`);
        break;
      default:
        wrapped.push(`##[debug]${one}`);
    }
  });
  return {
    names: ["Set up job", "Run raw payloads", "Run wrapped payloads", "Complete job"],
    lines: [
      ["Requested labels: self-hosted, linux", "Runner name: 'evil-runner'", "Complete job name: payloads"],
      ["##[group]Run ./print-payloads.sh", "./print-payloads.sh", "##[endgroup]", ...raw],
      ["##[group]Run ./print-wrapped.sh", "./print-wrapped.sh", "##[endgroup]", ...wrapped],
      ["Cleaning up orphan processes"],
    ],
  };
}

function makeSteps(names: string[], start: number, stepSeconds: number, failAt: number | null): Step[] {
  return names.map((name, i) => {
    const s = start + i * stepSeconds * SEC;
    const failed = failAt === i + 1;
    const skipped = failAt !== null && i + 1 > failAt && i + 1 < names.length;
    return {
      number: i + 1,
      name,
      status: "completed",
      conclusion: skipped ? "skipped" : failed ? "failure" : "success",
      started_at: iso(s),
      completed_at: iso(skipped ? s : s + stepSeconds * SEC),
      seconds: skipped ? 0 : stepSeconds,
    };
  });
}

/** Builds the hostile org from `payloads` (at least one). Replaces an earlier hostile seed. */
export function seedHostile(state: State, payloads: readonly string[], now: Date): HostileSummary {
  if (payloads.length === 0) throw new Error("payloads must not be empty");
  removeHostile(state);
  const pick = new Picker(payloads);
  const rng = createRng(0xe71);
  const nowMs = Math.floor(now.getTime() / 1000) * 1000;
  const at = (agoMs: number) => iso(nowMs - agoMs);

  // users and the org
  const users: string[] = [];
  for (const login of LOGINS) {
    if (state.users.has(login)) continue;
    const user: User = {
      id: state.nextId++,
      login,
      name: pick.take(),
      email: null,
      type: "User",
      site_admin: false,
      created_at: at(400 * 86_400_000),
    };
    state.users.set(login, user);
    users.push(login);
  }
  const org: Org = {
    id: state.nextId++,
    login: HOSTILE_ORG,
    name: pick.take(printable),
    description: pick.take(),
    created_at: at(300 * 86_400_000),
    members: { mona: "owner", ...Object.fromEntries(LOGINS.map((l) => [l, "member" as const])) },
    permissions: { enabled_repositories: "all", allowed_actions: "selected", selectedRepoIds: [] },
    selectedActions: {
      github_owned_allowed: true,
      verified_allowed: false,
      patterns_allowed: pick.takeMany(6, validLabel),
    },
    secretsKey: keyPair(rng),
  };
  state.orgs.set(org.login, org);

  // repositories
  const branches = ["main", ...pick.takeMany(16, validBranch)];
  const mkRepo = (name: string, visibility: Repo["visibility"], withBranches: string[]): Repo => {
    const repo: Repo = {
      id: state.nextId++,
      owner: org.login,
      ownerType: "Organization",
      name,
      description: pick.take(),
      visibility,
      default_branch: "main",
      branches: withBranches.map((b) => ({ name: b, sha: hexSha(rng), protected: b === "main" })),
      created_at: at(200 * 86_400_000),
      updated_at: at(2 * 86_400_000),
      pushed_at: at(3_600_000),
      archived: false,
      collaborators: Object.fromEntries(LOGINS.map((l) => [l, "write" as const])),
      permissions: { enabled: true, allowed_actions: "selected" },
      selectedActions: {
        github_owned_allowed: true,
        verified_allowed: true,
        patterns_allowed: pick.takeMany(4, validLabel),
      },
      secretsKey: keyPair(rng),
      files: { "README.md": `# ${name}\n\n${pick.take()}\n` },
    };
    state.repos.set(repo.id, repo);
    return repo;
  };
  const lab = mkRepo("xss-lab", "public", branches);
  const proto = mkRepo("__proto__", "private", ["main"]);
  const broken = mkRepo("broken", "private", ["main"]);
  const more = [
    mkRepo("constructor", "internal", ["main"]),
    mkRepo("x-onerror-alert-1", "private", ["main"]),
  ];
  const repos = [lab, proto, broken, ...more];

  // runner groups (Default plus hostile ones) and runners
  const defGroup: RunnerGroup = {
    id: DEFAULT_GROUP_ID,
    org: org.login,
    name: "Default",
    visibility: "all",
    default: true,
    inherited: false,
    allows_public_repositories: true,
    restricted_to_workflows: false,
    selected_workflows: [],
    selectedRepoIds: [],
  };
  putRunnerGroup(state, defGroup);
  const groups: RunnerGroup[] = [defGroup];
  for (let i = 0; i < 4; i++) {
    const g: RunnerGroup = {
      id: state.nextId++,
      org: org.login,
      name: pick.take(printable),
      visibility: i === 0 ? "selected" : i === 1 ? "private" : "all",
      default: false,
      inherited: false,
      allows_public_repositories: i !== 1,
      restricted_to_workflows: i === 0,
      selected_workflows:
        i === 0
          ? pick
              .takeMany(3, printable)
              .map((p) => `${org.login}/xss-lab/.github/workflows/${p}@refs/heads/main`)
          : [],
      selectedRepoIds: i === 0 ? [lab.id, proto.id] : [],
    };
    putRunnerGroup(state, g);
    groups.push(g);
  }
  const runners: Runner[] = [];
  const mkRunner = (
    where: { org: string | null; repoId: number | null },
    groupId: number | null,
    i: number,
  ): Runner => {
    const os = (["Linux", "Windows", "macOS"] as const)[i % 3] ?? "Linux";
    const r: Runner = {
      id: state.nextId++,
      name: pick.take(printable),
      os,
      status: i % 4 === 3 ? "offline" : "online",
      labels: [
        label("self-hosted", "read-only"),
        label(os, "read-only"),
        label("X64", "read-only"),
        ...pick.takeMany(3, validLabel).map((l) => label(l, "custom")),
      ],
      org: where.org,
      repoId: where.repoId,
      runner_group_id: groupId,
      jobId: null,
      ephemeral: i % 5 === 4,
    };
    state.runners.set(r.id, r);
    runners.push(r);
    return r;
  };
  for (let i = 0; i < 12; i++)
    mkRunner({ org: org.login, repoId: null }, (groups[i % groups.length] as RunnerGroup).id, i);
  const repoRunner = mkRunner({ org: null, repoId: lab.id }, DEFAULT_GROUP_ID, 12);

  // secrets
  const seal = (key: Org["secretsKey"], name: string, i: number, extra: Partial<Secret> = {}): Secret => {
    const plain = `hostile-${name.toLowerCase()}-${i}`;
    return {
      name,
      created_at: at((i + 2) * 86_400_000),
      updated_at: at((i + 1) * 3_600_000),
      encrypted_value: sealFor(key.publicKey, plain),
      key_id: key.key_id,
      decrypted: plain,
      ...extra,
    };
  };
  const orgSecretMap = new Map<string, Secret>();
  SECRET_NAMES.forEach((name, i) => {
    const visibility = (["all", "private", "selected"] as const)[i % 3] ?? "all";
    orgSecretMap.set(
      name,
      seal(org.secretsKey, name, i, {
        visibility,
        selectedRepoIds: visibility === "selected" ? [lab.id, proto.id, broken.id] : [],
      }),
    );
  });
  state.orgSecrets.set(org.login, orgSecretMap);
  const repoSecretNames = SECRET_NAMES.slice(0, 5);
  for (const repo of repos) {
    const map = new Map<string, Secret>();
    repoSecretNames.forEach((name, i) => map.set(name, seal(repo.secretsKey, name, i)));
    state.repoSecrets.set(repo.id, map);
  }

  // workflows of xss-lab: a CI with hostile names, one with a hostile file name, one with hostile dispatch inputs
  const yamlText = (s: string) => textWithEscapes(s) && !s.includes("\u0007");
  const wfSpecs = [
    { file: "ci.yml", name: pick.take(yamlText), dispatch: false },
    { file: `${pick.take(validWorkflowFile)}.yml`, name: pick.take(yamlText), dispatch: false },
    { file: "dispatch.yml", name: pick.take(yamlText), dispatch: true },
  ];
  const workflows: Workflow[] = [];
  for (const spec of wfSpecs) {
    const path = `.github/workflows/${spec.file}`;
    const choice = pick.takeMany(4, printable);
    const on = spec.dispatch
      ? [
          "on:",
          "  workflow_dispatch:",
          "    inputs:",
          "      target:",
          `        description: ${yamlQuote(pick.take(yamlText))}`,
          "        type: string",
          "        required: true",
          `        default: ${yamlQuote(pick.take(printable))}`,
          "      mode:",
          `        description: ${yamlQuote(pick.take(yamlText))}`,
          "        type: choice",
          `        options: [${choice.map(yamlQuote).join(", ")}]`,
          `        default: ${yamlQuote(choice[0] ?? "a")}`,
          "      dry_run:",
          `        description: ${yamlQuote(pick.take(yamlText))}`,
          "        type: boolean",
          "        default: true",
          "      count:",
          `        description: ${yamlQuote(pick.take(yamlText))}`,
          "        type: number",
          "        default: 3",
        ]
      : ["on:", "  push:", "  pull_request:"];
    const text = [
      `name: ${yamlQuote(spec.name)}`,
      `run-name: ${yamlQuote(pick.take(yamlText))}`,
      ...on,
      "jobs:",
      "  payloads:",
      `    name: ${yamlQuote(pick.take(yamlText))}`,
      "    runs-on: [self-hosted, linux]",
      "    steps:",
      `      - name: ${yamlQuote(pick.take(yamlText))}`,
      "        run: ./print-payloads.sh",
      "",
    ].join("\n");
    lab.files[path] = text;
    const wf: Workflow = {
      id: state.nextId++,
      repoId: lab.id,
      name: spec.name,
      path,
      state: "active",
      created_at: at(90 * 86_400_000),
      updated_at: at(30 * 86_400_000),
    };
    state.workflows.set(wf.id, wf);
    workflows.push(wf);
  }
  const dispatchWf = workflows[2] as Workflow;

  // runs, jobs, steps and artifacts
  const runs: Run[] = [];
  const jobs: Job[] = [];
  const artifacts: Artifact[] = [];
  const conclusions = ["failure", "success", "cancelled", "timed_out", "success", "failure"] as const;
  const orgRunners = runners.filter((r) => r.org === org.login);
  const RUNS = 18;
  for (let i = 0; i < RUNS; i++) {
    const wf = workflows[i % workflows.length] as Workflow;
    const created = nowMs - (RUNS - i) * 47 * MIN;
    const actor = LOGINS[i % LOGINS.length] as string;
    const dispatch = wf === dispatchWf;
    const event = dispatch ? "workflow_dispatch" : i % 2 === 0 ? "push" : "pull_request";
    const conclusion = i === RUNS - 1 ? "failure" : (conclusions[i % conclusions.length] ?? "success");
    const run: Run = {
      id: state.nextId++,
      repoId: lab.id,
      workflowId: wf.id,
      name: wf.name,
      display_title: pick.take(),
      run_number: i + 1,
      run_attempt: 1,
      event,
      status: "completed",
      conclusion,
      head_branch: branches[i % branches.length] ?? "main",
      head_sha: hexSha(rng),
      head_commit: {
        message: pick.take(),
        author: actor,
        email: `${actor}@users.noreply.example.com`,
        timestamp: iso(created - 5 * MIN),
      },
      actor,
      triggering_actor: LOGINS[(i + 1) % LOGINS.length] as string,
      created_at: iso(created),
      updated_at: iso(created + 20 * MIN),
      run_started_at: iso(created),
      previousAttempts: [],
      inputs: dispatch
        ? { target: pick.take(printable), mode: pick.take(printable), dry_run: "true", count: "3" }
        : null,
      pull_request_number: event === "pull_request" ? 100 + i : null,
      logsDeleted: false,
    };
    state.runs.set(run.id, run);
    runs.push(run);
    const main = i === RUNS - 1;
    const jobCount = main ? 3 : 2;
    let t = created + 10 * SEC;
    for (let k = 0; k < jobCount; k++) {
      const runner = orgRunners[(i + k) % orgRunners.length] as Runner;
      const group = groups.find((g) => g.id === runner.runner_group_id);
      const failed = conclusion === "failure" && k === jobCount - 1;
      let names: string[];
      let scripted: string[][] | undefined;
      if (main && k === 0) {
        const log = logSteps(payloads);
        names = log.names;
        scripted = log.lines;
      } else {
        names = ["Set up job", pick.take(textWithEscapes), pick.take(textWithEscapes), "Complete job"];
        scripted = [
          ["Requested labels: self-hosted, linux", `Runner name: '${runner.name}'`],
          ["##[group]Run step two", pick.take(), "##[endgroup]", pick.take(), pick.take()],
          [
            "##[group]Run step three",
            pick.take(),
            "##[endgroup]",
            failed ? `##[error]${pick.take(printable)}` : pick.take(),
          ],
          ["Cleaning up orphan processes"],
        ];
      }
      const stepSeconds = 40;
      const steps = makeSteps(names, t, stepSeconds, failed ? 3 : null);
      const end = t + names.length * stepSeconds * SEC;
      const job: Job = {
        id: state.nextId++,
        runId: run.id,
        run_attempt: 1,
        name: pick.take(textWithEscapes),
        needs: [],
        status: "completed",
        conclusion: failed
          ? "failure"
          : conclusion === "cancelled" && k === jobCount - 1
            ? "cancelled"
            : "success",
        created_at: iso(t - 5 * SEC),
        started_at: iso(t),
        completed_at: iso(end),
        labels: [
          "self-hosted",
          "linux",
          ...runner.labels
            .filter((l) => l.type === "custom")
            .slice(0, 1)
            .map((l) => l.name),
        ],
        runner_id: runner.id,
        runner_name: runner.name,
        runner_group_id: group ? group.id : null,
        runner_group_name: group ? group.name : null,
        steps,
        logLines: scripted.reduce((n, l) => n + l.length, 0),
        scriptedLog: scripted,
      };
      state.jobs.set(job.id, job);
      jobs.push(job);
      t = end + 5 * SEC;
    }
    run.updated_at = iso(t);
    if (main || i === RUNS - 2) {
      const names = main ? pick.takeMany(10, validArtifactName) : [pick.take(validArtifactName)];
      names.forEach((name, k) => {
        const files = {
          "payload.txt": `${pick.take()}\n`,
          "index.html": `<!doctype html><title>x</title>${pick.take()}\n`,
        };
        const art: Artifact = {
          id: state.nextId++,
          repoId: lab.id,
          runId: run.id,
          name,
          created_at: iso(t - (k + 1) * SEC),
          updated_at: iso(t - (k + 1) * SEC),
          expires_at: iso(t + (k === 9 ? -1 : 30) * 86_400_000),
          files,
          size_in_bytes: artifactZipSize(files),
        };
        state.artifacts.set(art.id, art);
        artifacts.push(art);
      });
    }
  }
  const mainRun = runs[runs.length - 1] as Run;
  const logJob = jobs.find((j) => j.runId === mainRun.id) as Job;

  const summary: Created = {
    org: org.login,
    repos: repos.map((r) => ({ name: r.name, id: r.id })),
    lab: `${org.login}/${lab.name}`,
    broken: `${org.login}/${broken.name}`,
    users,
    workflows: workflows.map((w) => ({ id: w.id, file: w.path.split("/").pop() ?? w.path, name: w.name })),
    dispatchFile: dispatchWf.path.split("/").pop() ?? "dispatch.yml",
    runs: runs.map((r) => r.id),
    mainRun: mainRun.id,
    logJob: logJob.id,
    jobs: jobs.map((j) => j.id),
    runners: runners.map((r) => r.id),
    repoRunner: repoRunner.id,
    groups: groups.map((g) => g.id),
    artifacts: artifacts.map((a) => a.id),
    orgSecrets: [...orgSecretMap.keys()],
    repoSecrets: repoSecretNames,
    branches,
    error: {
      message: pick.take(),
      documentation_url: pick.take((p) => /^\s*(javascript|data|vbscript):/i.test(p)),
    },
    groupKeys: groups.map((g) => groupKey(state, org.login, g.id)),
    repoIds: repos.map((r) => r.id),
  };
  created.set(state, summary);
  return summary;
}

/** Removes what `seedHostile` created. Returns whether there was anything. */
export function removeHostile(state: State): boolean {
  const c = created.get(state);
  if (!c) return false;
  for (const id of c.artifacts) state.artifacts.delete(id);
  for (const id of c.jobs) state.jobs.delete(id);
  for (const id of c.runs) state.runs.delete(id);
  for (const w of c.workflows) state.workflows.delete(w.id);
  for (const id of c.runners) state.runners.delete(id);
  for (const key of c.groupKeys) state.runnerGroups.delete(key);
  for (const id of c.repoIds) {
    state.repoSecrets.delete(id);
    state.repos.delete(id);
  }
  state.orgSecrets.delete(c.org);
  state.orgs.delete(c.org);
  for (const login of c.users) state.users.delete(login);
  created.delete(state);
  return true;
}

/** The hostile error evil/broken answers for its runs and workflows, or null for any other request. */
export function hostileError(state: State, owner: string, repo: string): HostileSummary["error"] | null {
  const c = created.get(state);
  if (!c || `${owner}/${repo}`.toLowerCase() !== c.broken.toLowerCase()) return null;
  return c.error;
}
