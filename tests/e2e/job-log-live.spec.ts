// The job log viewer on a job that runs while it is open: waiting for the log, lines arriving, steps
// changing status (each running or failed step opened once), completion. The run is a re-run of ours; the
// simulator's clock is moved with /_sim/tick so the job's minutes pass in seconds.
import { expect, test, type Page } from "@playwright/test";
import { MONA_STATE } from "./helpers";
import { sim } from "./sim";
import { api, download, type Job } from "./sim-api";

test.use({ storageState: MONA_STATE });

const job = (id: number) => api<Job>(`/repos/acme/web/actions/jobs/${id}`);
const tick = sim.tick;
/** Moves the clock `seconds` at a time until `done` holds for the job (at most `times` moves). */
async function tickUntil(id: number, seconds: number, done: (j: Job) => boolean, times = 60): Promise<Job> {
  for (let i = 0; i < times; i++) {
    const j = await job(id);
    if (done(j)) return j;
    await tick(seconds);
  }
  throw new Error(`job ${id} did not get there`);
}

/** A "Test" job of a fresh re-run of the latest successful CI run: queued behind its run's "Lint" job. */
async function queuedTestJob(): Promise<Job> {
  // (a re-run leaves the list: each call takes another run)
  const runs = await api<{ workflow_runs: { id: number }[] }>("/repos/acme/web/actions/workflows/ci.yml/runs?status=success&per_page=1");
  const run = runs.workflow_runs[0];
  if (!run) throw new Error("no completed CI run to re-run");
  await api(`/repos/acme/web/actions/runs/${run.id}/rerun`, "POST");
  const jobs = (await api<{ jobs: Job[] }>(`/repos/acme/web/actions/runs/${run.id}/jobs?per_page=100`)).jobs;
  const test = jobs.find((j) => j.name.startsWith("Test") && j.status === "queued");
  if (!test) throw new Error(`run ${run.id}: no queued Test job`);
  return test;
}

/**
 * The step the page shows running, or null. Scrolls the log to its top first: following the end of a
 * running log, the viewer renders only the last rows, and the step headers are at the top.
 */
async function runningStep(page: Page): Promise<number | null> {
  await toTop(page);
  const header = page.locator('[data-step-header]:has([title="In progress"])');
  if ((await header.count()) === 0) return null;
  return Number(await header.first().getAttribute("data-step-header"));
}

/** Scrolls the log to its top (which also stops it following the end). */
async function toTop(page: Page) {
  await page.getByRole("region", { name: "Log lines" }).evaluate((el) => el.scrollTo(0, 0));
}
/** A step header's attribute, read at the top of the log. */
async function headerAttr(page: Page, step: number, selector: string, name: string): Promise<string | null> {
  await toTop(page);
  const el = page.locator(`[data-step-header="${step}"]${selector}`);
  return (await el.count()) ? el.first().getAttribute(name) : null;
}

/** Counts, in the page, the times the "waiting" alert leaves the page (a flicker is too short to sample). */
async function watchWaiting(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __waitingGone: number };
    w.__waitingGone = 0;
    new MutationObserver(() => {
      if (!document.body.textContent?.includes("Waiting for the log")) w.__waitingGone++;
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}
const waitingGone = (page: Page) => page.evaluate(() => (window as unknown as { __waitingGone: number }).__waitingGone);

test("a running job: waiting, lines arriving, steps changing and opening, completion", async ({ page, context }) => {
  test.setTimeout(240_000);
  const region = page.getByRole("region", { name: "Log lines" });
  const waiting = page.getByText("Waiting for the log");

  // the job's log answers 404 at first (see below), from before the job starts
  const logs = "**/api/github/repos/acme/web/actions/jobs/*/logs";
  let missing = 0;
  await context.route(logs, (route) => {
    missing++;
    return route.fulfill({ status: 404, contentType: "application/json", body: JSON.stringify({ error: { status: 404, message: "Not Found" } }) });
  });

  // the Lint job it waits for may fail (then Test is skipped): take another run
  let started: Job | null = null;
  for (let tries = 0; tries < 4 && !started; tries++) {
    const queued = await queuedTestJob();
    await page.goto(`/acme/web/actions/runs/${queued.run_id}/job/${queued.id}`);
    await expect(waiting).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Queued");
    const j = await tickUntil(queued.id, 5, (x) => x.status !== "queued");
    if (j.status === "in_progress") started = j;
  }
  expect(started).not.toBeNull();
  const id = started!.id;

  // started, but the server has no log for it yet (a 404 to each reload): the alert stays, with no flicker
  await watchWaiting(page);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("In progress");
  await expect.poll(() => missing, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
  expect(await waitingGone(page)).toBe(0);
  await context.unroute(logs);

  // the log arrives: no more waiting, lines shown, the running step open
  await expect(page.getByTestId("log-status")).toHaveAttribute("data-lines", /^[1-9]\d*$/, { timeout: 20_000 });
  await expect(waiting).toBeHidden();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("In progress");
  await expect.poll(() => runningStep(page), { timeout: 15_000 }).not.toBeNull();
  const first = (await runningStep(page))!;
  await expect.poll(() => headerAttr(page, first, "", "aria-expanded")).toBe("true");

  // the raw copy stays downloadable while the log is loaded again (every 5 s)
  const downloadButton = page.getByRole("button", { name: "Download" });
  await expect(downloadButton).toBeEnabled({ timeout: 15_000 });
  for (let i = 0; i < 30; i++) {
    expect(await downloadButton.isEnabled()).toBe(true);
    expect(await page.getByRole("button", { name: "View raw" }).isEnabled()).toBe(true);
    await page.waitForTimeout(200);
  }

  // that step finishes; a step that starts later opens too (once: closed, it stays closed)
  const lines = Number(await page.getByTestId("log-status").getAttribute("data-lines"));
  const after = await tickUntil(
    id,
    3,
    (x) => x.steps.find((s) => s.number === first)?.status === "completed" && (x.status === "completed" || x.steps.some((s) => s.status === "in_progress")),
  );
  await expect.poll(() => headerAttr(page, first, " [title]", "title"), { timeout: 15_000 }).toMatch(/Success|Failure/);
  // closed by the user, it stays closed
  await region.locator(`[data-step-header="${first}"]`).click();
  await expect.poll(() => headerAttr(page, first, "", "aria-expanded")).toBe("false");
  // the step after it (none when the job failed at `first`) opens as it starts
  let next: number | null = null;
  if (after.status !== "completed") {
    await expect
      .poll(async () => {
        const n = await runningStep(page);
        if (n !== null && n !== first) next = n;
        return next;
      }, { timeout: 15_000 })
      .not.toBeNull();
    const step = next!;
    await expect.poll(() => headerAttr(page, step, "", "aria-expanded")).toBe("true");
    await region.locator(`[data-step-header="${step}"]`).click();
    await expect.poll(() => headerAttr(page, step, "", "aria-expanded")).toBe("false");
  }
  await expect.poll(async () => Number(await page.getByTestId("log-status").getAttribute("data-lines")), { timeout: 20_000 }).toBeGreaterThan(lines);

  // completion: the final state and the whole log
  const done = await tickUntil(id, 60, (x) => x.status === "completed");
  await expect(page.getByRole("heading", { level: 1 })).toContainText(done.conclusion === "success" ? "Success" : "Failure", { timeout: 15_000 });
  await expect(page.getByTestId("log-status")).toHaveAttribute("data-done", "true", { timeout: 20_000 });
  const text = new TextDecoder().decode(await download(`/repos/acme/web/actions/jobs/${id}/logs`));
  const want = text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
  await expect(page.getByTestId("log-status")).toHaveAttribute("data-lines", String(want), { timeout: 20_000 });
  for (const step of next === null ? [first] : [first, next]) await expect.poll(() => headerAttr(page, step, "", "aria-expanded")).toBe("false");
  for (const s of done.steps.filter((x) => x.conclusion === "failure" && x.number !== first && x.number !== next)) {
    await expect.poll(() => headerAttr(page, s.number, "", "aria-expanded")).toBe("true");
  }
  await expect(waiting).toBeHidden();
});
