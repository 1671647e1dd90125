/**
 * Why is a queued job not running? From the org's runners, its runner groups (with their repository access),
 * the repository's own runners and the job's `runs-on` labels, the way GitHub assigns jobs: a runner can take
 * a job when it has every label (case-insensitive), serves the repository (a repository runner of that
 * repository, or an org runner whose group admits it: visibility all / private (non-public repositories) /
 * selected, public repositories only when the group allows them, and only the group's selected workflows when
 * it is restricted to workflows), is online and is idle. Pure: no React, no requests.
 */

export type Visibility = "public" | "private" | "internal";

export interface RunnerInfo {
  id: number;
  name: string;
  status: string;
  busy: boolean;
  labels: readonly string[];
  /** The org runner group; null for runners without one. */
  groupId: number | null;
  /** For a repository runner: the repository's full name ("owner/name"); null for org runners. */
  repo: string | null;
}

export interface GroupInfo {
  id: number;
  name: string;
  visibility: string;
  allowsPublicRepositories: boolean;
  /** Full names of the selected repositories (visibility "selected"); null when they could not be read. */
  selectedRepos: readonly string[] | null;
  restrictedToWorkflows: boolean;
  /** "owner/repo/.github/workflows/file.yml@ref" entries. */
  selectedWorkflows: readonly string[];
}

export interface RepoInfo {
  fullName: string;
  visibility: Visibility;
}

export interface QueuedJob {
  id: number;
  name: string;
  labels: readonly string[];
  /** The workflow file of the run (".github/workflows/ci.yml"), when known. */
  workflowPath?: string | undefined;
  headBranch?: string | null | undefined;
  headSha?: string | undefined;
}

export type GroupExclusion = "not-selected" | "private-only" | "no-public" | "workflow";

export type StuckReason =
  /** No runner of the org or repository has these labels (missing: those no runner has at all). */
  | { kind: "no-label"; labels: string[]; missing: string[] }
  /** Runners with the labels exist, but only in groups that do not admit this repository (or workflow). */
  | { kind: "group-excludes"; groups: { id: number; name: string; why: GroupExclusion }[]; runners: number }
  /** Every runner that could take it is offline. */
  | { kind: "offline"; runners: string[] }
  /** Every runner that could take it is online and busy (offline: how many more are offline). */
  | { kind: "busy"; runners: string[]; offline: number };

const norm = (label: string) => label.trim().toLowerCase();

export function hasLabels(runner: Pick<RunnerInfo, "labels">, labels: readonly string[]): boolean {
  const have = new Set(runner.labels.map(norm));
  return labels.every((l) => have.has(norm(l)));
}

function sameRepo(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** Whether a restricted group's `selected_workflows` entry names this job's workflow (at its ref, when given). */
export function workflowAllowed(entries: readonly string[], repo: string, job: QueuedJob): boolean | null {
  if (!job.workflowPath) return null;
  const want = `${repo}/${job.workflowPath}`.toLowerCase();
  for (const entry of entries) {
    const at = entry.lastIndexOf("@");
    const path = (at === -1 ? entry : entry.slice(0, at)).toLowerCase();
    if (path !== want) continue;
    if (at === -1) return true;
    const ref = entry.slice(at + 1);
    const branch = job.headBranch ?? "";
    if (ref === branch || ref === `refs/heads/${branch}` || ref === `refs/tags/${branch}` || (job.headSha && ref === job.headSha))
      return true;
  }
  return false;
}

/** Why `group` does not admit `repo` (and the job's workflow), or null when it does. */
export function groupExclusion(group: GroupInfo, repo: RepoInfo, job: QueuedJob): GroupExclusion | null {
  if (repo.visibility === "public" && !group.allowsPublicRepositories) return "no-public";
  if (group.visibility === "selected") {
    // Not known (the list could not be read): do not blame the group.
    if (group.selectedRepos !== null && !group.selectedRepos.some((r) => sameRepo(r, repo.fullName))) return "not-selected";
  } else if (group.visibility === "private" && repo.visibility === "public") return "private-only";
  if (group.restrictedToWorkflows && workflowAllowed(group.selectedWorkflows, repo.fullName, job) === false) return "workflow";
  return null;
}

/**
 * The reason a queued job is stuck, or null when a runner could take it now (it is about to start).
 * `runners`: the org's runners and any repository runners known (those of other repositories are ignored).
 */
export function diagnoseJob(
  job: QueuedJob,
  repo: RepoInfo,
  runners: readonly RunnerInfo[],
  groups: readonly GroupInfo[],
): StuckReason | null {
  const groupById = new Map(groups.map((g) => [g.id, g]));
  const relevant = runners.filter((r) => r.repo === null || sameRepo(r.repo, repo.fullName));
  const matching = relevant.filter((r) => hasLabels(r, job.labels));
  if (matching.length === 0) {
    const known = new Set(relevant.flatMap((r) => r.labels.map(norm)));
    const missing = job.labels.filter((l) => !known.has(norm(l)));
    return { kind: "no-label", labels: [...job.labels], missing };
  }

  const usable: RunnerInfo[] = [];
  const excluded = new Map<number, { id: number; name: string; why: GroupExclusion }>();
  let excludedRunners = 0;
  for (const runner of matching) {
    if (runner.repo !== null || runner.groupId === null) {
      usable.push(runner);
      continue;
    }
    const group = groupById.get(runner.groupId);
    const why = group ? groupExclusion(group, repo, job) : null;
    if (why === null) usable.push(runner);
    else if (group) {
      excludedRunners++;
      excluded.set(group.id, { id: group.id, name: group.name, why });
    }
  }
  if (usable.length === 0) {
    return {
      kind: "group-excludes",
      groups: [...excluded.values()].sort((a, b) => a.name.localeCompare(b.name)),
      runners: excludedRunners,
    };
  }
  const online = usable.filter((r) => r.status === "online");
  if (online.some((r) => !r.busy)) return null;
  const names = (list: RunnerInfo[]) => list.map((r) => r.name).sort((a, b) => a.localeCompare(b));
  if (online.length === 0) return { kind: "offline", runners: names(usable) };
  return { kind: "busy", runners: names(online), offline: usable.length - online.length };
}

const EXCLUSION_TEXT: Record<GroupExclusion, string> = {
  "not-selected": "the repository is not one of its selected repositories",
  "private-only": "it is for private repositories only",
  "no-public": "it does not allow public repositories",
  workflow: "it only runs selected workflows, not this one",
};

function list(items: readonly string[], max = 3): string {
  if (items.length <= max) return items.join(", ");
  return `${items.slice(0, max).join(", ")} and ${items.length - max} more`;
}

/** The short label of a reason, as the stuck list's badge shows it. */
export function reasonTitle(reason: StuckReason): string {
  switch (reason.kind) {
    case "no-label":
      return reason.missing.length > 0 ? "No runner with that label" : "No runner with all these labels";
    case "group-excludes":
      return "Group does not include the repository";
    case "offline":
      return "Runners offline";
    case "busy":
      return "All busy";
  }
}

/** One sentence that says why, naming labels, groups and runners. */
export function reasonDetail(reason: StuckReason): string {
  switch (reason.kind) {
    case "no-label":
      return reason.missing.length > 0
        ? `No runner of the organization or the repository has the label${reason.missing.length === 1 ? "" : "s"} ${list(reason.missing.map((l) => `“${l}”`), 5)}.`
        : `Runners have each of ${list(reason.labels.map((l) => `“${l}”`), 5)}, but none has them all.`;
    case "group-excludes":
      return `${reason.runners} runner${reason.runners === 1 ? " has" : "s have"} these labels, but ${reason.groups
        .map((g) => `group “${g.name}”: ${EXCLUSION_TEXT[g.why]}`)
        .join("; ")}.`;
    case "offline":
      return `${reason.runners.length === 1 ? "The only runner" : `All ${reason.runners.length} runners`} that could take it ${reason.runners.length === 1 ? "is" : "are"} offline: ${list(reason.runners)}.`;
    case "busy":
      return `${reason.runners.length === 1 ? "The only online runner" : `All ${reason.runners.length} online runners`} that could take it ${reason.runners.length === 1 ? "is" : "are"} busy: ${list(reason.runners)}${reason.offline > 0 ? ` (${reason.offline} more offline)` : ""}.`;
  }
}
