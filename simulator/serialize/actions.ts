// Response shapes of workflows, workflow runs, jobs and artifacts, as the OpenAPI description defines them.
import type { SimContext } from "../context.js";
import { apiUrl, nodeId, webUrl } from "../http/urls.js";
import type { Artifact, AttemptSnapshot, Job, Repo, Run, Workflow } from "../store/types.js";
import { minimalRepo, simpleUser } from "./common.js";

const full = (repo: Repo) => `${repo.owner}/${repo.name}`;

export function workflowBody(c: SimContext, repo: Repo, wf: Workflow) {
  const base = `/repos/${full(repo)}`;
  const file = wf.path.split("/").pop() ?? wf.path;
  return {
    id: wf.id,
    node_id: nodeId("Workflow", wf.id),
    name: wf.name,
    path: wf.path,
    state: wf.state,
    created_at: wf.created_at,
    updated_at: wf.updated_at,
    url: apiUrl(c, `${base}/actions/workflows/${wf.id}`),
    html_url: webUrl(c, `/${full(repo)}/blob/${repo.default_branch}/${wf.path}`),
    badge_url: webUrl(c, `/${full(repo)}/workflows/${encodeURIComponent(file.replace(/\.ya?ml$/, ""))}/badge.svg`),
  };
}

/** GitHub's check suite for a run: a stable id derived from the run's. */
export const checkSuiteId = (run: Run) => run.id * 3 + 7;

export function runBody(c: SimContext, repo: Repo, run: Run, opts: { excludePullRequests?: boolean; attempt?: AttemptSnapshot } = {}) {
  const state = c.get("sim").state;
  const wf = state.workflows.get(run.workflowId);
  const base = `/repos/${full(repo)}/actions/runs/${run.id}`;
  const a = opts.attempt;
  const attempt = a ? a.run_attempt : run.run_attempt;
  const author = state.users.get(run.head_commit.author);
  const repoShape = minimalRepo(c, repo);
  const prRepo = { id: repo.id, url: apiUrl(c, `/repos/${full(repo)}`), name: repo.name };
  const pullRequests =
    run.pull_request_number !== null && !opts.excludePullRequests
      ? [
          {
            id: run.pull_request_number * 1000 + repo.id,
            number: run.pull_request_number,
            url: apiUrl(c, `/repos/${full(repo)}/pulls/${run.pull_request_number}`),
            head: { ref: run.head_branch, sha: run.head_sha, repo: prRepo },
            base: { ref: repo.default_branch, sha: repo.branches.find((b) => b.name === repo.default_branch)?.sha ?? run.head_sha, repo: prRepo },
          },
        ]
      : [];
  const csId = checkSuiteId(run);
  return {
    id: run.id,
    name: run.name,
    node_id: nodeId("WorkflowRun", run.id),
    check_suite_id: csId,
    check_suite_node_id: nodeId("CheckSuite", csId),
    head_branch: run.head_branch,
    head_sha: run.head_sha,
    path: wf?.path ?? "",
    display_title: run.display_title,
    run_number: run.run_number,
    event: run.event,
    status: a ? a.status : run.status,
    conclusion: a ? a.conclusion : run.conclusion,
    workflow_id: run.workflowId,
    url: apiUrl(c, base),
    html_url: webUrl(c, `/${full(repo)}/actions/runs/${run.id}`),
    pull_requests: pullRequests,
    created_at: run.created_at,
    updated_at: a ? a.updated_at : run.updated_at,
    actor: simpleUser(c, run.actor),
    run_attempt: attempt,
    referenced_workflows: [],
    run_started_at: a ? a.run_started_at : run.run_started_at,
    triggering_actor: simpleUser(c, a ? a.actor : run.triggering_actor),
    jobs_url: apiUrl(c, `${base}/jobs`),
    logs_url: apiUrl(c, `${base}/logs`),
    check_suite_url: apiUrl(c, `/repos/${full(repo)}/check-suites/${csId}`),
    artifacts_url: apiUrl(c, `${base}/artifacts`),
    cancel_url: apiUrl(c, `${base}/cancel`),
    rerun_url: apiUrl(c, `${base}/rerun`),
    previous_attempt_url: attempt > 1 ? apiUrl(c, `${base}/attempts/${attempt - 1}`) : null,
    workflow_url: apiUrl(c, `/repos/${full(repo)}/actions/workflows/${run.workflowId}`),
    head_commit: {
      id: run.head_sha,
      tree_id: treeId(run.head_sha),
      message: run.head_commit.message,
      timestamp: run.head_commit.timestamp,
      author: { name: author?.name ?? run.head_commit.author, email: run.head_commit.email },
      committer: { name: author?.name ?? run.head_commit.author, email: run.head_commit.email },
    },
    repository: repoShape,
    head_repository: repoShape,
  };
}

function treeId(sha: string): string {
  return sha.slice(20) + sha.slice(0, 20);
}

export function jobBody(c: SimContext, repo: Repo, run: Run, job: Job) {
  const wf = c.get("sim").state.workflows.get(run.workflowId);
  return {
    id: job.id,
    run_id: run.id,
    workflow_name: wf?.name ?? run.name,
    head_branch: run.head_branch,
    run_url: apiUrl(c, `/repos/${full(repo)}/actions/runs/${run.id}`),
    run_attempt: job.run_attempt,
    node_id: nodeId("CheckRun", job.id),
    head_sha: run.head_sha,
    url: apiUrl(c, `/repos/${full(repo)}/actions/jobs/${job.id}`),
    html_url: webUrl(c, `/${full(repo)}/actions/runs/${run.id}/job/${job.id}`),
    status: job.status,
    conclusion: job.conclusion === "stale" ? "cancelled" : job.conclusion,
    created_at: job.created_at,
    started_at: job.started_at ?? job.created_at,
    completed_at: job.completed_at,
    name: job.name,
    steps: job.steps.map((s) => ({
      name: s.name,
      status: s.status,
      conclusion: s.conclusion,
      number: s.number,
      started_at: s.started_at,
      completed_at: s.completed_at,
    })),
    check_run_url: apiUrl(c, `/repos/${full(repo)}/check-runs/${job.id}`),
    labels: job.labels,
    runner_id: job.runner_id,
    runner_name: job.runner_name,
    runner_group_id: job.runner_group_id,
    runner_group_name: job.runner_group_name,
  };
}

export function artifactBody(c: SimContext, repo: Repo, art: Artifact) {
  const run = c.get("sim").state.runs.get(art.runId);
  const base = `/repos/${full(repo)}/actions/artifacts/${art.id}`;
  const now = c.get("sim").now().getTime();
  return {
    id: art.id,
    node_id: nodeId("Artifact", art.id),
    name: art.name,
    size_in_bytes: art.size_in_bytes,
    url: apiUrl(c, base),
    archive_download_url: apiUrl(c, `${base}/zip`),
    expired: Date.parse(art.expires_at) <= now,
    created_at: art.created_at,
    expires_at: art.expires_at,
    updated_at: art.updated_at,
    ...(run
      ? {
          workflow_run: {
            id: run.id,
            repository_id: repo.id,
            head_repository_id: repo.id,
            head_branch: run.head_branch,
            head_sha: run.head_sha,
          },
        }
      : {}),
  };
}
