// The run page: cold open from its URL, live updates, every action (exactly once), attempts, downloads, axe.
import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { MONA_STATE } from "./helpers";
import { TOKENS, sim, simUrl } from "./sim";

test.use({ storageState: MONA_STATE });

interface ApiRun {
  id: number;
  name: string;
  run_number: number;
  run_attempt: number;
  status: string;
  conclusion: string | null;
  display_title: string;
  event: string;
  head_branch: string;
  head_sha: string;
}
interface ApiJob {
  id: number;
  name: string;
  status: string;
  conclusion: string | null;
}

async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const r = await fetch(`${simUrl()}/api/v3${path}`, {
    method,
    redirect: "manual",
    headers: {
      authorization: `token ${TOKENS.mona}`,
      accept: "application/vnd.github+json",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: r.status, body: parsed as T };
}

async function control(method: string, path: string, body?: unknown): Promise<void> {
  const r = await fetch(`${simUrl()}/_sim${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`control ${method} ${path}: ${r.status}`);
}

const getRun = async (owner: string, repo: string, id: number) =>
  (await api<ApiRun>("GET", `/repos/${owner}/${repo}/actions/runs/${id}`)).body;

/** Completed runs of a repository (newest first), with a given conclusion. */
async function completedRuns(owner: string, repo: string, conclusion = "success"): Promise<ApiRun[]> {
  const r = await api<{ workflow_runs: ApiRun[] }>(
    "GET",
    `/repos/${owner}/${repo}/actions/runs?status=${conclusion}&per_page=30`,
  );
  return r.body.workflow_runs.filter((run) => run.status === "completed");
}

/** A run of our own: re-runs a completed run of `repo`, so the new attempt is queued and ours. */
async function freshAttempt(owner: string, repo: string, skip = 0): Promise<ApiRun> {
  const runs = await completedRuns(owner, repo);
  const run = runs[skip];
  if (!run) throw new Error(`no completed run in ${owner}/${repo}`);
  const r = await api("POST", `/repos/${owner}/${repo}/actions/runs/${run.id}/rerun`);
  expect(r.status).toBe(201);
  return getRun(owner, repo, run.id);
}

/** Moves the simulator's clock until the run completes. */
async function finish(owner: string, repo: string, id: number): Promise<ApiRun> {
  for (let i = 0; i < 40; i++) {
    const run = await getRun(owner, repo, id);
    if (run.status === "completed") return run;
    await control("POST", "/tick", { seconds: 120 });
  }
  throw new Error(`run ${id} did not complete`);
}

async function writes(route: string): Promise<number> {
  return (await sim.writes())[route] ?? 0;
}

async function axe(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function confirmDialog(page: Page, confirmLabel: string) {
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: confirmLabel }).click();
  await expect(dialog).toBeHidden();
}

test.afterEach(async () => {
  await sim.clearFaults();
  await control("PUT", "/clock", { speed: 1 });
});

test("a run page opened cold from its URL shows header, timeline, jobs, artifacts and timing in one parallel load", async ({
  page,
}) => {
  // A seeded CI run that succeeded and still has artifacts (runs the live engine finished, or that earlier
  // suites cleaned up, have none).
  let run: ApiRun | undefined;
  for (const candidate of (await completedRuns("acme", "web")).filter((r) => r.name === "CI" && r.conclusion === "success")) {
    const arts = await api<{ artifacts: { expired: boolean }[] }>("GET", `/repos/acme/web/actions/runs/${candidate.id}/artifacts`);
    if (arts.body.artifacts.some((a) => !a.expired)) {
      run = candidate;
      break;
    }
  }
  expect(run).toBeDefined();
  const id = run!.id;
  const jobs = (await api<{ jobs: ApiJob[] }>("GET", `/repos/acme/web/actions/runs/${id}/jobs?per_page=100`)).body.jobs;

  const mark = await sim.mark();
  await page.goto(`/acme/web/actions/runs/${id}`);
  await expect(page).toHaveTitle(`CI #${run!.run_number} · acme/web · Actions Console`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(run!.display_title);
  const header = page.getByTestId("run-header");
  await expect(header).toContainText(run!.event);
  await expect(header).toContainText(run!.head_branch);
  await expect(header).toContainText(run!.head_sha.slice(0, 7));
  await expect(header).toContainText("Success");
  await expect(page.getByText(`#${run!.run_number}`, { exact: true })).toBeVisible();

  // The timeline: one bar per job, the critical path through needs: lint → one Test → Build.
  const rows = page.getByTestId("timeline-job");
  await expect(rows).toHaveCount(jobs.length);
  const critical = page.locator('[data-testid="timeline-job"][data-critical="true"]');
  await expect(critical.first()).toContainText("Lint");
  await expect(critical.last()).toContainText("Build");
  await expect(critical).toHaveCount(3);
  await expect(page.getByTestId("timeline-graph-note")).toHaveCount(0);
  // Steps on demand.
  await rows.first().getByRole("button").click();
  await expect(page.getByRole("list", { name: "Steps of Lint" })).toContainText("Set up job");

  // Jobs, each linking to its log page.
  for (const job of jobs) {
    await expect(page.getByRole("link", { name: job.name, exact: true })).toHaveAttribute(
      "href",
      `/acme/web/actions/runs/${id}/job/${job.id}`,
    );
  }
  await expect(page.getByTestId("run-artifact").first()).toBeVisible();
  await expect(page.getByTestId("run-timing")).toContainText("Run duration");

  // The first load: each upstream call once, no client refetch of what the server sent.
  const calls = (await sim.since(mark)).filter((r) => r.url.startsWith("/api/v3/"));
  const routes = calls.map((r) => r.route);
  expect(routes.sort()).toEqual(
    [
      "GET /repos/{owner}/{repo}",
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}",
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts",
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs",
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/timing",
      "GET /repos/{owner}/{repo}/contents/{path}",
    ].sort(),
  );
  expect(calls.find((r) => r.route === "GET /repos/{owner}/{repo}/contents/{path}")?.url).toContain(
    `ref=${run!.head_sha}`,
  );

  await page.screenshot({ path: "test-results/screens/run-page-completed.png", fullPage: true });
  await axe(page);
});

test("a running run advances on screen without a reload, and polling stops when it completes", async ({ page }) => {
  const run = await freshAttempt("acme", "docs");
  expect(run.status).not.toBe("completed");
  await page.goto(`/acme/docs/actions/runs/${run.id}`);
  await expect(page.getByText("Live", { exact: true })).toBeVisible();
  await page.evaluate(() => {
    (window as unknown as { __sameDocument: boolean }).__sameDocument = true;
  });
  const before = await page.getByTestId("timeline-job").first().innerText();
  await page.screenshot({ path: "test-results/screens/run-page-live.png", fullPage: true });

  await control("PUT", "/clock", { speed: 60 });
  const done = await finish("acme", "docs", run.id);
  await control("PUT", "/clock", { speed: 1 });

  const header = page.getByTestId("run-header");
  const label = done.conclusion === "success" ? "Success" : done.conclusion === "failure" ? "Failure" : "Cancelled";
  await expect(header).toContainText(label);
  await expect(page.getByText("Live", { exact: true })).toHaveCount(0);
  await expect(page.locator('[data-testid="timeline-job"] [data-testid="timeline-run-bar"]').first()).toBeVisible();
  // The final jobs come from the refetch the run's completion starts, a moment after the header changes.
  const firstJob = page.getByTestId("timeline-job").first();
  await expect.poll(() => firstJob.innerText()).not.toContain("In progress");
  expect(await firstJob.innerText()).not.toBe(before);
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

  // Polling has stopped: nothing more is asked for this run.
  await expect(page.getByTestId("run-timing")).toContainText("Run duration");
  const mark = await sim.mark();
  await page.waitForTimeout(6_000);
  const later = (await sim.since(mark)).filter((r) => r.url.includes(`/actions/runs/${run.id}`));
  expect(later).toEqual([]);
  await axe(page);
});

test("cancel and force cancel each change the simulator's state exactly once", async ({ page }) => {
  const cancelRoute = "POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel";
  const forceRoute = "POST /repos/{owner}/{repo}/actions/runs/{run_id}/force-cancel";

  await control("PUT", "/clock", { speed: 0 });
  const first = await freshAttempt("acme", "docs", 1);
  await page.goto(`/acme/docs/actions/runs/${first.id}`);
  const before = await writes(cancelRoute);
  await page.getByRole("button", { name: "Cancel run" }).click();
  await confirmDialog(page, "Cancel run");
  await expect(page.getByTestId("write-outcome")).toContainText("Cancellation of");
  expect(await writes(cancelRoute)).toBe(before + 1);
  expect((await getRun("acme", "docs", first.id)).conclusion).toBe("cancelled");
  await expect(page.getByTestId("run-header")).toContainText("Cancelled");
  // Cancelled: no cancel any more; re-runs are offered instead.
  await expect(page.getByRole("button", { name: "Cancel run" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Re-run failed jobs" })).toBeVisible();

  const second = await freshAttempt("acme", "docs", 2);
  await page.goto(`/acme/docs/actions/runs/${second.id}`);
  const forceBefore = await writes(forceRoute);
  await page.getByRole("button", { name: "Force cancel" }).click();
  await expect(page.getByRole("dialog")).toContainText("if: always()");
  await confirmDialog(page, "Force cancel");
  await expect(page.getByTestId("write-outcome")).toContainText("force-cancelled");
  expect(await writes(forceRoute)).toBe(forceBefore + 1);
  expect((await getRun("acme", "docs", second.id)).conclusion).toBe("cancelled");
});

test("re-runs (all, failed, one job) each add exactly one attempt", async ({ page }) => {
  await control("PUT", "/clock", { speed: 0 });
  const run = await freshAttempt("acme", "docs", 3);
  // Cancel it so that it has failed (cancelled) jobs.
  await api("POST", `/repos/acme/docs/actions/runs/${run.id}/cancel`);
  let attempt = (await getRun("acme", "docs", run.id)).run_attempt;
  await page.goto(`/acme/docs/actions/runs/${run.id}`);

  const failedRoute = "POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs";
  let before = await writes(failedRoute);
  await page.getByRole("button", { name: "Re-run failed jobs" }).click();
  await confirmDialog(page, "Re-run jobs");
  await expect(page.getByTestId("write-outcome")).toContainText("Re-run of the failed jobs");
  expect(await writes(failedRoute)).toBe(before + 1);
  expect((await getRun("acme", "docs", run.id)).run_attempt).toBe(attempt + 1);
  attempt += 1;
  await expect(page.getByTestId("attempt-switcher")).toHaveValue(String(attempt));
  await finish("acme", "docs", run.id);
  await page.reload();

  const allRoute = "POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun";
  before = await writes(allRoute);
  await page.getByRole("button", { name: "Re-run all jobs" }).click();
  await page.getByRole("dialog").getByLabel("Enable debug logging").check();
  const mark = await sim.mark();
  await confirmDialog(page, "Re-run jobs");
  await expect(page.getByTestId("write-outcome")).toContainText("with debug logging");
  expect(await writes(allRoute)).toBe(before + 1);
  expect((await sim.since(mark)).filter((r) => r.route === allRoute)).toHaveLength(1);
  expect((await getRun("acme", "docs", run.id)).run_attempt).toBe(attempt + 1);
  attempt += 1;
  await finish("acme", "docs", run.id);
  await page.reload();

  const jobRoute = "POST /repos/{owner}/{repo}/actions/jobs/{job_id}/rerun";
  before = await writes(jobRoute);
  const jobs = (await api<{ jobs: ApiJob[] }>("GET", `/repos/acme/docs/actions/runs/${run.id}/jobs`)).body.jobs;
  const target = jobs[jobs.length - 1]!;
  await page.getByRole("button", { name: `Re-run job ${target.name}` }).click();
  await confirmDialog(page, "Re-run job");
  await expect(page.getByTestId("write-outcome")).toContainText(`Re-run of ${target.name}`);
  expect(await writes(jobRoute)).toBe(before + 1);
  expect((await getRun("acme", "docs", run.id)).run_attempt).toBe(attempt + 1);
  await page.screenshot({ path: "test-results/screens/run-page-rerun.png", fullPage: true });
  await finish("acme", "docs", run.id);
});

test("the attempts switcher moves between attempts, and an earlier attempt is read-only", async ({ page }) => {
  const run = await freshAttempt("acme", "docs", 4);
  const done = await finish("acme", "docs", run.id);
  expect(done.run_attempt).toBeGreaterThanOrEqual(2);
  await page.goto(`/acme/docs/actions/runs/${run.id}`);
  await expect(page.getByTestId("attempt-switcher")).toHaveValue(String(done.run_attempt));
  await page.getByTestId("attempt-switcher").selectOption("1");
  await expect(page).toHaveURL(new RegExp(`/acme/docs/actions/runs/${run.id}/attempts/1$`));
  await expect(page.getByText(`You are looking at attempt 1 of ${done.run_attempt}`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Re-run all jobs" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Delete run" })).toHaveCount(0);
  const first = (await api<{ jobs: ApiJob[] }>("GET", `/repos/acme/docs/actions/runs/${run.id}/attempts/1/jobs`)).body.jobs;
  await expect(page.getByTestId("timeline-job")).toHaveCount(first.length);
  await expect(page.getByRole("link", { name: first[0]!.name, exact: true })).toHaveAttribute(
    "href",
    `/acme/docs/actions/runs/${run.id}/job/${first[0]!.id}`,
  );
  await page.screenshot({ path: "test-results/screens/run-page-attempt.png", fullPage: true });
  await axe(page);

  // Opened cold, the attempt page has its own title.
  await page.goto(`/acme/docs/actions/runs/${run.id}/attempts/1`);
  await expect(page).toHaveTitle(new RegExp(`#${done.run_number} \\(attempt 1\\) · acme/docs`));
  await page.getByTestId("attempt-switcher").selectOption(String(done.run_attempt));
  await expect(page).toHaveURL(new RegExp(`/acme/docs/actions/runs/${run.id}$`));
});

test("logs download as the simulator's zip, then delete logs, an artifact and the run, each exactly once", async ({
  page,
}) => {
  // A CI run with artifacts that have not expired (runs finished by the live engine have none).
  let run: ApiRun | undefined;
  let artifacts: { id: number; name: string; size_in_bytes: number; expired: boolean }[] = [];
  for (const candidate of (await completedRuns("acme", "web")).filter((r) => r.name === "CI")) {
    artifacts = (
      await api<{ artifacts: typeof artifacts }>("GET", `/repos/acme/web/actions/runs/${candidate.id}/artifacts`)
    ).body.artifacts.filter((a) => !a.expired);
    if (artifacts.length) {
      run = candidate;
      break;
    }
  }
  expect(run).toBeDefined();
  const id = run!.id;
  await page.goto(`/acme/web/actions/runs/${id}`);

  // Download: the proxy follows the redirect and streams the zip.
  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download logs" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe(`logs_${id}.zip`);
  const got = await readFile(await download.path());
  const direct = await fetch(`${simUrl()}/api/v3/repos/acme/web/actions/runs/${id}/logs`, {
    headers: { authorization: `token ${TOKENS.mona}` },
  });
  const expected = Buffer.from(await direct.arrayBuffer());
  expect(got.subarray(0, 2).toString()).toBe("PK");
  expect(got.length).toBe(expected.length);

  // Artifact: download bytes, then delete one.
  const artifact = artifacts[0]!;
  const artifactDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: `Download ${artifact.name}` }).click();
  const artifactFile = await readFile(await (await artifactDownload).path());
  expect(artifactFile.length).toBe(artifact.size_in_bytes);

  const artifactRoute = "DELETE /repos/{owner}/{repo}/actions/artifacts/{artifact_id}";
  let before = await writes(artifactRoute);
  await page.getByRole("button", { name: `Delete ${artifact.name}` }).click();
  await confirmDialog(page, "Delete artifact");
  await expect(page.getByTestId("write-outcome")).toContainText(`The artifact ${artifact.name} was deleted.`);
  expect(await writes(artifactRoute)).toBe(before + 1);
  expect((await api("GET", `/repos/acme/web/actions/artifacts/${artifact.id}`)).status).toBe(404);
  await expect(page.getByRole("button", { name: `Delete ${artifact.name}` })).toHaveCount(0);

  const logsRoute = "DELETE /repos/{owner}/{repo}/actions/runs/{run_id}/logs";
  before = await writes(logsRoute);
  await page.getByRole("button", { name: "Delete logs" }).click();
  await confirmDialog(page, "Delete logs");
  await expect(page.getByTestId("write-outcome")).toContainText("were deleted");
  expect(await writes(logsRoute)).toBe(before + 1);
  expect((await api("GET", `/repos/acme/web/actions/runs/${id}/logs`)).status).toBe(404);
  // A download now says why there is nothing, instead of saving an error as a zip.
  await page.getByRole("button", { name: "Download logs" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "no logs to download" })).toBeVisible();

  const runRoute = "DELETE /repos/{owner}/{repo}/actions/runs/{run_id}";
  before = await writes(runRoute);
  await page.getByRole("button", { name: "Delete run" }).click();
  await confirmDialog(page, "Delete run");
  // The page says the run is gone: its own "Run deleted" notice, or, when a refresh got there first, the
  // server's answer for a run that no longer exists.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^(Run deleted|Run \d+ · acme\/web)$/);
  expect(await writes(runRoute)).toBe(before + 1);
  expect((await api("GET", `/repos/acme/web/actions/runs/${id}`)).status).toBe(404);
});

test("a write whose answer is lost says its outcome is unknown, is not repeated, and offers a refresh", async ({
  page,
}) => {
  await control("PUT", "/clock", { speed: 0 });
  const run = await freshAttempt("acme", "docs", 5);
  await page.goto(`/acme/docs/actions/runs/${run.id}`);
  const route = "POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel";
  const before = await writes(route);
  await sim.setFaults({ reset: { route, when: "after" } });
  const mark = await sim.mark();
  await page.getByRole("button", { name: "Cancel run" }).click();
  await confirmDialog(page, "Cancel run");
  const outcome = page.getByTestId("write-outcome");
  await expect(outcome).toContainText("Outcome unknown");
  await expect(outcome).toContainText("We don't know whether the cancellation happened");
  await sim.clearFaults();
  // Sent once, applied once, never repeated by the dashboard.
  expect((await sim.since(mark)).filter((r) => r.route === route)).toHaveLength(1);
  expect(await writes(route)).toBe(before + 1);
  await page.screenshot({ path: "test-results/screens/run-page-unknown.png", fullPage: true });
  await outcome.getByRole("button", { name: "Refresh" }).click();
  await expect(page.getByTestId("run-header")).toContainText("Cancelled");
  expect((await sim.since(mark)).filter((r) => r.route === route)).toHaveLength(1);
});

test("a run id that is not a number gets a clear message and no upstream call", async ({ page }) => {
  const mark = await sim.mark();
  await page.goto("/acme/web/actions/runs/latest");
  await expect(page.getByText("“latest” is not a run id")).toBeVisible();
  expect((await sim.since(mark)).filter((r) => r.url.includes("/actions/runs"))).toEqual([]);
  await page.goto("/acme/web/actions/runs/999999999");
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});
