/**
 * Faults, seen by the user: each operation once under a fault whose outcome is unknown for writes
 * (504, or the connection reset after GitHub answered), and an 11 s latency on a read. Each shows a
 * clear message within 12 s of the click or navigation; the simulator's request log and write
 * counters show reads retried (at most 3 times) and writes sent once; no script error on the page.
 * The full matrix (every fault × every operation) is tests/unit/faults-matrix.test.ts.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { MONA_STATE } from "./helpers";
import { sim, simUrl, TOKENS } from "./sim";

const CLEAR_WITHIN = 12_000;

async function axe(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const r = await fetch(`${simUrl()}/api/v3${path}`, {
    method,
    headers: { authorization: `token ${TOKENS.mona}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await r.text();
  return { status: r.status, body: (text ? JSON.parse(text) : null) as T };
}

async function control<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const r = await fetch(`${simUrl()}/_sim${path}`, {
    method,
    headers: body ? { "content-type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await r.text();
  return { status: r.status, body: (text ? JSON.parse(text) : null) as T };
}

const gaps = (ats: string[]) => ats.slice(1).map((a, i) => Date.parse(a) - Date.parse(ats[i]!));

test.describe("faults, as the user sees them", () => {
  test.use({ storageState: MONA_STATE });
  const pageErrors: string[] = [];

  test.beforeEach(({ page }) => {
    pageErrors.length = 0;
    page.on("pageerror", (e) => pageErrors.push(e.message));
  });

  test.afterEach(async () => {
    await sim.clearFaults();
    expect(pageErrors).toEqual([]);
  });

  test("list runs: GitHub answers 504 to every try: retried 3 times with backoff, then a clear message; axe", async ({ page }) => {
    // Once without the fault, so the timing below is the dashboard's, not a first compile's.
    await page.goto("/acme/web/actions");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("All workflows");
    await sim.setFaults({ errorRates: [{ route: "GET /repos/{owner}/{repo}/actions/runs", rate: 1, statuses: [504] }] });
    const mark = await sim.mark();
    const t0 = Date.now();
    await page.goto("/acme/web/actions", { waitUntil: "commit" });
    const alert = page.getByRole("alert").filter({ hasText: "GitHub had a problem" });
    await expect(alert).toBeVisible({ timeout: CLEAR_WITHIN - (Date.now() - t0) });
    await expect(alert).toContainText("GitHub answered 504");
    await expect(alert).toContainText("tried 4 times");
    // The proxy's tries (user agent "actions-console"): 4, with growing waits, never fewer.
    // (a fault answers before the route handler, so the log has no route template: match the path)
    const tries = (await sim.since(mark)).filter((r) => r.method === "GET" && /^\/api\/v3\/repos\/acme\/web\/actions\/runs(\?|$)/.test(r.url));
    const viaProxy = tries.filter((r) => r.headers["user-agent"] === "actions-console");
    expect(viaProxy.map((r) => r.status)).toEqual([504, 504, 504, 504]);
    const g = gaps(viaProxy.map((r) => r.at));
    expect(g[0]!).toBeGreaterThanOrEqual(500);
    expect(g[1]!).toBeGreaterThan(g[0]!);
    expect(g[2]!).toBeGreaterThan(g[1]!);
    // The server's prefetch tried at most twice (its short deadline) and left the rest to the client.
    expect(tries.length - viaProxy.length).toBeLessThanOrEqual(2);
    await page.screenshot({ path: "test-results/screens/faults-runs-504.png", fullPage: true });
    await axe(page);
  });

  test("job log: 504 on the log: a clear message in place of the log", async ({ page }) => {
    const runs = await api<{ workflow_runs: { id: number }[] }>("GET", "/repos/acme/web/actions/runs?status=success&per_page=5");
    const runId = runs.body.workflow_runs[0]!.id;
    const jobs = await api<{ jobs: { id: number }[] }>("GET", `/repos/acme/web/actions/runs/${runId}/jobs`);
    const jobId = jobs.body.jobs[0]!.id;
    await sim.setFaults({ errorRates: [{ route: "GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs", rate: 1, statuses: [504] }] });
    const mark = await sim.mark();
    await page.goto(`/acme/web/actions/runs/${runId}`); // warm (compiles in dev), no log read
    const t0 = Date.now();
    await page.goto(`/acme/web/actions/runs/${runId}/job/${jobId}`, { waitUntil: "commit" });
    const alert = page.getByRole("alert").filter({ hasText: "The log could not be loaded" });
    await expect(alert).toBeVisible({ timeout: CLEAR_WITHIN - (Date.now() - t0) });
    await expect(alert).toContainText("GitHub answered 504");
    const tries = (await sim.since(mark)).filter((r) => r.method === "GET" && r.url === `/api/v3/repos/acme/web/actions/jobs/${jobId}/logs`);
    expect(tries.length).toBe(4);
    await page.screenshot({ path: "test-results/screens/faults-job-log-504.png", fullPage: true });
    await axe(page);
  });

  test("secret write: 11 s latency: reading the key times out within 12 s, nothing is sent; then a 504 on the write says it may or may not be saved", async ({ page }) => {
    const name = `FAULTS_E2E_${Date.now()}`;
    await page.goto("/acme/web/settings/secrets/actions");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Actions secrets");
    await page.getByRole("button", { name: "New repository secret" }).click();
    const dialog = page.getByRole("dialog", { name: "New repository secret" });
    await dialog.getByRole("textbox", { name: "Name" }).fill(name);
    await dialog.getByRole("textbox", { name: "Secret" }).fill("s3cret-value");

    // 1. Every answer takes 11 s: the public key (a read) times out at 10 s; the PUT is never sent.
    await sim.setFaults({ latencyMs: 11_000 });
    const writesBefore = await sim.writes();
    const mark = await sim.mark();
    let t0 = Date.now();
    await dialog.getByRole("button", { name: "Add secret" }).click();
    let alert = dialog.getByRole("alert").or(page.getByRole("alert")).filter({ hasText: "Nothing was sent" }).first();
    await expect(alert).toBeVisible({ timeout: CLEAR_WITHIN - (Date.now() - t0) });
    await expect(alert).toContainText("did not answer within 10 seconds");
    await page.screenshot({ path: "test-results/screens/faults-secret-latency.png", fullPage: true });
    await sim.clearFaults();
    // the key request, held by the latency, is logged when it ends
    await expect.poll(async () => (await sim.since(mark)).filter((r) => r.url.includes("/secrets/public-key")).length, { timeout: 5_000 }).toBe(1);
    expect((await sim.since(mark)).filter((r) => r.method === "PUT")).toEqual([]);
    expect(await sim.writes()).toEqual(writesBefore);

    // 2. GitHub answers the PUT with 504: sent once, the outcome is unknown and the user is told.
    await sim.setFaults({ errorRates: [{ route: "PUT /repos/{owner}/{repo}/actions/secrets/{secret_name}", rate: 1, statuses: [504] }] });
    const mark2 = await sim.mark();
    t0 = Date.now();
    await dialog.getByRole("button", { name: "Add secret" }).click();
    alert = page.getByText("It may or may not have been saved").first();
    await expect(alert).toBeVisible({ timeout: CLEAR_WITHIN - (Date.now() - t0) });
    await expect(page.getByText("Reload the list to check before trying again.")).toBeVisible();
    const puts = (await sim.since(mark2)).filter((r) => r.method === "PUT");
    expect(puts.map((r) => r.status)).toEqual([504]);
    expect((await control("GET", `/state/secrets/acme/web/${name}`)).status).toBe(404);
    await page.screenshot({ path: "test-results/screens/faults-secret-504.png", fullPage: true });
    await axe(page);
  });

  test("runner delete: 504: sent once, the runner is still there, and the user is told once that it may or may not have happened", async ({ page }) => {
    const name = `faults-e2e-${Date.now()}`;
    const made = await control<{ id: number }>("POST", "/state/runners", { repo: "acme/web", name });
    const id = made.body.id;
    await page.goto(`/acme/web/settings/actions/runners/${id}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
    await sim.setFaults({ errorRates: [{ route: "DELETE /repos/{owner}/{repo}/actions/runners/{runner_id}", rate: 1, statuses: [504] }] });
    const mark = await sim.mark();
    await page.getByRole("button", { name: "Delete runner" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("textbox").fill(name);
    const t0 = Date.now();
    await dialog.getByRole("button", { name: "Delete runner" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "It may or may not have happened" });
    await expect(alert).toBeVisible({ timeout: CLEAR_WITHIN - (Date.now() - t0) });
    await expect(alert).toContainText(`Could not delete the runner ${name}`);
    const deletes = (await sim.since(mark)).filter((r) => r.method === "DELETE");
    expect(deletes.map((r) => r.status)).toEqual([504]);
    expect((await api("GET", `/repos/acme/web/actions/runners/${id}`)).status).toBe(200);
    await page.screenshot({ path: "test-results/screens/faults-runner-delete-504.png", fullPage: true });
    await axe(page);
  });

  test("registration token: the answer is cut off after GitHub made the token: applied once, the user is told the outcome is unknown", async ({ page }) => {
    await page.goto("/acme/web/settings/actions/runners/new");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("New self-hosted runner");
    await sim.setFaults({ reset: { route: "POST /repos/{owner}/{repo}/actions/runners/registration-token", when: "after" } });
    const key = "POST /repos/{owner}/{repo}/actions/runners/registration-token";
    const before = (await sim.writes())[key] ?? 0;
    const mark = await sim.mark();
    const t0 = Date.now();
    await page.getByRole("button", { name: "Create registration token" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "may or may not" });
    await expect(alert).toBeVisible({ timeout: CLEAR_WITHIN - (Date.now() - t0) });
    await expect(alert).toContainText("Could not create a registration token");
    const posts = (await sim.since(mark)).filter((r) => r.method === "POST");
    expect(posts.length).toBe(1);
    expect((await sim.writes())[key] ?? 0).toBe(before + 1);
    await page.screenshot({ path: "test-results/screens/faults-registration-token-cut.png", fullPage: true });
    await axe(page);
  });

  test("dispatch: 504: sent once, no run started, and the form says it may or may not have started", async ({ page }) => {
    await page.goto("/acme/web/actions/workflows/deploy.yml");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Deploy");
    await expect(page.locator("tbody time").first()).toHaveText(/ago|just now|in /);
    await page.getByRole("button", { name: "Run workflow…" }).click();
    const form = page.getByRole("form", { name: "Run workflow Deploy" });
    await form.getByLabel("Target environment").fill("staging");
    await form.getByLabel("Version (git tag or sha) to deploy").fill(`faults-e2e-${Date.now()}`);
    await sim.setFaults({ errorRates: [{ route: "POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches", rate: 1, statuses: [504] }] });
    const key = "POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches";
    const before = (await sim.writes())[key] ?? 0;
    const mark = await sim.mark();
    const t0 = Date.now();
    await form.getByRole("button", { name: "Run workflow" }).click();
    const alert = form.getByRole("alert").filter({ hasText: "The workflow may or may not have started" });
    await expect(alert).toBeVisible({ timeout: CLEAR_WITHIN - (Date.now() - t0) });
    await expect(alert).toContainText("check the runs below before trying again");
    const posts = (await sim.since(mark)).filter((r) => r.method === "POST");
    expect(posts.map((r) => r.status)).toEqual([504]);
    expect((await sim.writes())[key] ?? 0).toBe(before);
    await page.screenshot({ path: "test-results/screens/faults-dispatch-504.png", fullPage: true });
    await axe(page);
  });
});
