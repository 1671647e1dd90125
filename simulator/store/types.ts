// The simulator's state: plain records, serialised into GitHub's response shapes by the route modules.
// Timestamps are ISO strings without milliseconds ("2026-11-20T17:42:40Z"), as GitHub sends them.
import type { LogShape } from "../logs/shape.js";

export type RepoRole = "admin" | "maintain" | "write" | "triage" | "read";
export type OrgRole = "owner" | "member";

export interface User {
  id: number;
  login: string;
  name: string;
  email: string | null;
  type: "User";
  site_admin: boolean;
  created_at: string;
}

export interface Token {
  token: string;
  login: string;
  scopes: string[];
  kind: "pat" | "oauth";
  /** The OAuth app a token was issued to (kind "oauth"). */
  clientId?: string;
  created_at: string;
}

export interface KeyPair {
  key_id: string;
  /** base64 */
  publicKey: string;
  /** base64, never served by /api/v3 */
  privateKey: string;
}

export interface SelectedActions {
  github_owned_allowed: boolean;
  verified_allowed: boolean;
  patterns_allowed: string[];
}

export type AllowedActions = "all" | "local_only" | "selected";

export interface Org {
  id: number;
  login: string;
  name: string;
  description: string | null;
  created_at: string;
  members: Record<string, OrgRole>;
  permissions: {
    enabled_repositories: "all" | "none" | "selected";
    allowed_actions: AllowedActions;
    selectedRepoIds: number[];
  };
  selectedActions: SelectedActions;
  secretsKey: KeyPair;
}

export interface Repo {
  id: number;
  owner: string;
  ownerType: "Organization" | "User";
  name: string;
  description: string | null;
  visibility: "public" | "private" | "internal";
  default_branch: string;
  branches: { name: string; sha: string; protected: boolean }[];
  created_at: string;
  updated_at: string;
  pushed_at: string;
  archived: boolean;
  /** Explicit collaborators; org owners are admins of every org repository. */
  collaborators: Record<string, RepoRole>;
  permissions: { enabled: boolean; allowed_actions: AllowedActions };
  selectedActions: SelectedActions;
  secretsKey: KeyPair;
  /** Files served by the contents API, keyed by path (".github/workflows/ci.yml"). */
  files: Record<string, string>;
}

export interface RunnerLabel {
  id: number;
  name: string;
  type: "read-only" | "custom";
}

export interface Runner {
  id: number;
  name: string;
  os: "Linux" | "Windows" | "macOS";
  status: "online" | "offline";
  labels: RunnerLabel[];
  /** An org runner belongs to `org`; a repo runner to `repoId`. */
  org: string | null;
  repoId: number | null;
  runner_group_id: number | null;
  /** The job it runs now; a runner is busy exactly when this is set. */
  jobId: number | null;
  ephemeral: boolean;
}

export interface RunnerGroup {
  id: number;
  org: string;
  name: string;
  visibility: "all" | "selected" | "private";
  default: boolean;
  inherited: boolean;
  allows_public_repositories: boolean;
  restricted_to_workflows: boolean;
  selected_workflows: string[];
  selectedRepoIds: number[];
}

export interface Secret {
  name: string;
  created_at: string;
  updated_at: string;
  /** Only for org secrets. */
  visibility?: "all" | "private" | "selected";
  selectedRepoIds?: number[];
  encrypted_value: string;
  key_id: string;
  /** Opened with the private key on write; shown only by the control interface. */
  decrypted: string;
}

export interface Workflow {
  id: number;
  repoId: number;
  name: string;
  path: string;
  state: "active" | "disabled_manually" | "disabled_inactivity" | "deleted";
  created_at: string;
  updated_at: string;
}

export type RunStatus = "queued" | "in_progress" | "completed" | "waiting" | "requested" | "pending";
export type Conclusion =
  | "success"
  | "failure"
  | "neutral"
  | "cancelled"
  | "skipped"
  | "timed_out"
  | "action_required"
  | "stale";

export interface AttemptSnapshot {
  run_attempt: number;
  status: RunStatus;
  conclusion: Conclusion | null;
  run_started_at: string;
  updated_at: string;
  actor: string;
}

export interface Run {
  id: number;
  repoId: number;
  workflowId: number;
  name: string;
  display_title: string;
  run_number: number;
  run_attempt: number;
  event: string;
  status: RunStatus;
  conclusion: Conclusion | null;
  head_branch: string;
  head_sha: string;
  head_commit: { message: string; author: string; email: string; timestamp: string };
  actor: string;
  triggering_actor: string;
  created_at: string;
  updated_at: string;
  run_started_at: string;
  /** Earlier attempts, oldest first; the run's own fields describe the latest one. */
  previousAttempts: AttemptSnapshot[];
  inputs: Record<string, string> | null;
  pull_request_number: number | null;
  /** Set when the run's logs were deleted. */
  logsDeleted: boolean;
}

export interface Step {
  number: number;
  name: string;
  status: "queued" | "in_progress" | "completed";
  conclusion: Conclusion | null;
  started_at: string | null;
  completed_at: string | null;
  /** Simulated duration in seconds, used by the engine and the log generator. */
  seconds: number;
}

export interface Job {
  id: number;
  runId: number;
  run_attempt: number;
  name: string;
  /** Names of the jobs (in the workflow) this one needs. */
  needs: string[];
  status: "queued" | "in_progress" | "completed" | "waiting";
  conclusion: Conclusion | null;
  created_at: string;
  started_at: string | null;
  completed_at: string | null;
  labels: string[];
  runner_id: number | null;
  runner_name: string | null;
  runner_group_id: number | null;
  runner_group_name: string | null;
  steps: Step[];
  /** Number of log lines the generator produces for the whole job (1,000,000 for the big one). */
  logLines: number;
  /** Fixed log text per step (the hostile seed, store/seed-hostile.ts) instead of generated lines. */
  scriptedLog?: string[][];
  /** A marker word and a long group for the log viewer's benchmark (control interface only; logs/shape.ts). */
  logShape?: LogShape;
  /** The step (1-based) that fails, or null for none, where a seed fixes it; unset, a hash of the id picks about one job in twelve. */
  plannedFailStep?: number | null;
}

export interface Artifact {
  id: number;
  repoId: number;
  runId: number;
  name: string;
  created_at: string;
  updated_at: string;
  expires_at: string;
  /** Files inside the zip, name → content; the zip is built on download. */
  files: Record<string, string>;
  size_in_bytes: number;
}

export interface State {
  users: Map<string, User>;
  tokens: Map<string, Token>;
  orgs: Map<string, Org>;
  repos: Map<number, Repo>;
  runners: Map<number, Runner>;
  runnerGroups: Map<number, RunnerGroup>;
  /** Key: org login. */
  orgSecrets: Map<string, Map<string, Secret>>;
  /** Key: repo id. */
  repoSecrets: Map<number, Map<string, Secret>>;
  workflows: Map<number, Workflow>;
  runs: Map<number, Run>;
  jobs: Map<number, Job>;
  artifacts: Map<number, Artifact>;
  /** Registration and remove tokens handed out, token → expiry. */
  runnerTokens: Map<string, { kind: "registration" | "remove"; expires_at: string; scope: string }>;
  /** Monotonic id source shared by every record type, as GitHub's ids are unique per type anyway. */
  nextId: number;
}
