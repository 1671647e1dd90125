import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { MONA_STATE, signInWithToken } from "./helpers";
import { TOKENS, sim, simUrl } from "./sim";

mkdirSync("test-results/screens", { recursive: true });

const uid = Date.now().toString(36);

async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const r = await fetch(`${simUrl()}/api/v3${path}`, {
    method,
    headers: {
      authorization: `token ${TOKENS.mona}`,
      accept: "application/vnd.github+json",
      ...(body ? { "content-type": "application/json" } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, body: (text ? JSON.parse(text) : null) as T };
}

async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
  const r = await fetch(`${simUrl()}/_sim${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(r.ok, `${method} ${path}: ${r.status}`).toBe(true);
  const text = await r.text();
  return (text ? JSON.parse(text) : null) as T;
}

async function all<T>(path: string, key?: string): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; ; page++) {
    const sep = path.includes("?") ? "&" : "?";
    const r = await api<Record<string, T[]> | T[]>("GET", `${path}${sep}per_page=100&page=${page}`);
    expect(r.status, path).toBe(200);
    const items: T[] = Array.isArray(r.body) ? r.body : (r.body[key ?? ""] ?? []);
    out.push(...items);
    if (items.length < 100) return out;
  }
}

interface ApiRepo {
  full_name: string;
  archived: boolean;
}
interface ApiRun {
  id: number;
  created_at: string;
}
interface ApiRunner {
  id: number;
  status: string;
  busy: boolean;
  runner_group_id?: number;
}

async function axe(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** Waits until the page has loaded everything and finished `more` live polls after that. */
async function settled(page: Page, more = 1) {
  const status = page.getByTestId("live-status");
  await expect(status).toHaveAttribute("data-complete", "true", { timeout: 30_000 });
  const cycles = Number(await status.getAttribute("data-cycles"));
  await expect.poll(async () => Number(await status.getAttribute("data-cycles")), { timeout: 30_000 }).toBeGreaterThanOrEqual(cycles + more);
}

/** Runners this file made that still exist; afterAll removes them (also after a failure), so no suite meets them. */
const madeRunners = new Set<number>();

async function addRunner(body: Record<string, unknown>): Promise<number> {
  const id = await sim.addRunner(body);
  madeRunners.add(id);
  return id;
}

/** Removes a runner and stops tracking it once it is gone; the status (see sim.removeRunner). */
async function removeRunner(id: number): Promise<number> {
  const status = await sim.removeRunner(id);
  if (status === 204 || status === 404) madeRunners.delete(id);
  return status;
}

test.afterAll(async () => {
  // A runner that took a real job can go once that job has ended.
  for (const id of [...madeRunners]) await expect.poll(() => removeRunner(id), { timeout: 60_000 }).not.toBe(409);
});

test.describe("org Actions overview", () => {
  test.use({ storageState: MONA_STATE });

  test("each section shows what the simulator's state says; axe; screenshot", async ({ page }) => {
    test.setTimeout(120_000);
    const clock = await control<{ speed: number }>("GET", "/clock");
    // Freeze the simulated clock so the state compared below cannot move between the page's poll and our reads.
    await control("PUT", "/clock", { speed: 0 });
    try {
      await page.goto("/organizations/acme/actions");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("acme · Actions overview");
      await settled(page);

      const repos = (await all<ApiRepo>("/orgs/acme/repos")).filter((r) => !r.archived).map((r) => r.full_name);

      // Now: the queued and in-progress runs of every repository.
      const active: number[] = [];
      let inProgress = 0;
      for (const repo of repos) {
        const q = await all<ApiRun>(`/repos/${repo}/actions/runs?status=queued`, "workflow_runs");
        const p = await all<ApiRun>(`/repos/${repo}/actions/runs?status=in_progress`, "workflow_runs");
        active.push(...q.map((r) => r.id), ...p.map((r) => r.id));
        inProgress += p.length;
      }
      const shown = await page.getByTestId("now-row").evaluateAll((rows) => rows.map((r) => Number(r.getAttribute("data-run-id"))));
      expect(shown.sort((a, b) => a - b)).toEqual(active.sort((a, b) => a - b));
      await expect(page.getByTestId("stat-in-progress-value")).toHaveText(String(inProgress));

      // Stuck: every row is a queued job of the simulator; acme/api's Notarize job (on `notary`, which no runner has)
      // is there with that reason whenever it is queued.
      const stuckIds = await page.getByTestId("stuck-row").evaluateAll((rows) => rows.map((r) => Number(r.getAttribute("data-job-id"))));
      const releaseRuns = [
        ...(await all<ApiRun>("/repos/acme/api/actions/runs?status=in_progress", "workflow_runs")),
        ...(await all<ApiRun>("/repos/acme/api/actions/runs?status=queued", "workflow_runs")),
      ];
      let notary = 0;
      for (const run of releaseRuns) {
        const jobs = await all<{ id: number; status: string; labels: string[] }>(`/repos/acme/api/actions/runs/${run.id}/jobs`, "jobs");
        for (const job of jobs.filter((j) => j.status === "queued" && j.labels.includes("notary"))) {
          notary++;
          const row = page.locator(`[data-testid="stuck-row"][data-job-id="${job.id}"]`);
          await expect(row).toHaveAttribute("data-reason", "no-label");
          await expect(row).toContainText("No runner with that label");
          await expect(row).toContainText("“notary”");
        }
      }
      expect(notary).toBeGreaterThan(0);
      await expect(page.getByTestId("stat-stuck-value")).toHaveText(String(stuckIds.length));

      // Failures: per repository, the failed runs created since the range's start.
      const from = Date.parse((await page.getByTestId("failures-range").getAttribute("data-from")) ?? "");
      const expected: Record<string, number> = {};
      for (const repo of repos) {
        const runs = await all<ApiRun>(`/repos/${repo}/actions/runs?status=failure&created=>=${new Date(from - 3_600_000).toISOString()}`, "workflow_runs");
        const n = runs.filter((r) => Date.parse(r.created_at) >= from).length;
        if (n > 0) expected[repo] = n;
      }
      const groups: Record<string, number> = Object.fromEntries(
        await page
          .getByTestId("failure-repo")
          .evaluateAll((els) => els.map((e) => [e.getAttribute("data-repo") ?? "", Number(e.getAttribute("data-count"))] as const)),
      );
      expect(groups).toEqual(expected);
      expect(Object.keys(expected).length).toBeGreaterThan(0);

      // Fleet: per group, online/idle/busy/offline.
      const runners = await all<ApiRunner>("/orgs/acme/actions/runners", "runners");
      const apiGroups = await all<{ id: number; name: string }>("/orgs/acme/actions/runner-groups", "runner_groups");
      for (const g of apiGroups) {
        const mine = runners.filter((r) => r.runner_group_id === g.id);
        const online = mine.filter((r) => r.status === "online");
        const row = page.locator(`[data-testid="fleet-group"][data-name="${g.name}"]`);
        await expect(row.locator('[data-col="online"]')).toHaveText(String(online.length));
        await expect(row.locator('[data-col="busy"]')).toHaveText(String(online.filter((r) => r.busy).length));
        await expect(row.locator('[data-col="idle"]')).toHaveText(String(online.filter((r) => !r.busy).length));
        await expect(row.locator('[data-col="offline"]')).toHaveText(String(mine.length - online.length));
      }

      // Secrets: org secrets with visibility and reach; the matrix against each repository's secret names.
      const orgSecrets = await all<{ name: string; visibility: string }>("/orgs/acme/actions/secrets", "secrets");
      await expect(page.getByTestId("org-secret")).toHaveCount(orgSecrets.length);
      for (const s of orgSecrets) {
        const row = page.locator(`[data-testid="org-secret"][data-name="${s.name}"]`);
        await expect(row).toHaveAttribute("data-visibility", s.visibility);
        if (s.visibility === "selected") {
          const selected = await all<{ full_name: string }>(`/orgs/acme/actions/secrets/${s.name}/repositories`, "repositories");
          await expect(row.getByTestId("org-secret-reach")).toContainText(`${selected.length} repositor`);
          await row.locator("summary").click();
          await expect(row.getByTestId("org-secret-repo")).toHaveCount(selected.length);
        }
      }
      for (const repo of repos) {
        const names = new Set((await all<{ name: string }>(`/repos/${repo}/actions/secrets`, "secrets")).map((s) => s.name));
        const cells = await page
          .locator(`[data-testid="secret-row"][data-repo="${repo}"] [data-testid="secret-cell"]`)
          .evaluateAll((els) => els.map((e) => [e.getAttribute("data-name") ?? "", e.getAttribute("data-state") ?? ""] as const));
        const has = new Set(cells.filter(([, state]) => ["present", "stray", "override"].includes(state)).map(([n]) => n));
        expect([...has].sort(), repo).toEqual([...names].sort());
      }
      await expect(page.locator('[data-testid="secret-row"][data-repo="acme/web"] [data-name="DEPLOY_TOKEN"]')).toHaveAttribute(
        "data-state",
        /present|stray/,
      );

      await axe(page);
      await page.screenshot({ path: "test-results/screens/overview-acme.png", fullPage: true });

      // A failure links to its run page.
      const first = page.getByTestId("failure-row").first();
      const runId = await first.getAttribute("data-run-id");
      await first.getByRole("link").click();
      await expect(page).toHaveURL(new RegExp(`/actions/runs/${runId}$`));
    } finally {
      await control("PUT", "/clock", { speed: clock.speed });
    }
  });

  test("a job queued for a label no runner has is stuck with each reason in turn, and leaves once a runner can take it", async ({ page }) => {
    // Five polls in turn, each waiting for the next 5 s round.
    test.setTimeout(180_000);
    const label = `ov-${uid}`;
    const made = await control<{ run_id: number; job_id: number }>("POST", "/state/queued-runs", {
      repo: "acme/docs",
      labels: ["self-hosted", label],
      job_name: `Needs ${label}`,
    });
    await page.goto("/organizations/acme/actions");
    const row = page.locator(`[data-testid="stuck-row"][data-job-id="${made.job_id}"]`);
    await expect(row).toHaveAttribute("data-reason", "no-label", { timeout: 30_000 });
    await expect(row).toContainText("No runner with that label");
    await expect(row).toContainText(`“${label}”`);

    // acme/docs is public; private-builders does not admit public repositories.
    const groups = await all<{ id: number; name: string }>("/orgs/acme/actions/runner-groups", "runner_groups");
    const priv = groups.find((g) => g.name === "private-builders");
    expect(priv).toBeDefined();
    const made1 = await addRunner({ org: "acme", name: `${label}-private`, status: "online", labels: [label], group_id: priv!.id });
    await expect(row).toHaveAttribute("data-reason", "group-excludes", { timeout: 30_000 });
    await expect(row).toContainText("Group does not include the repository");
    await expect(row).toContainText("group “private-builders”");

    const made2 = await addRunner({ org: "acme", name: `${label}-offline`, status: "offline", labels: [label] });
    await expect(row).toHaveAttribute("data-reason", "offline", { timeout: 30_000 });
    await expect(row).toContainText("Runners offline");
    await expect(row).toContainText(`${label}-offline`);

    const made3 = await addRunner({ org: "acme", name: `${label}-busy`, status: "online", busy: true, labels: [label] });
    await expect(row).toHaveAttribute("data-reason", "busy", { timeout: 30_000 });
    await expect(row).toContainText("All busy");
    await page.locator("section[aria-labelledby=stuck]").screenshot({ path: "test-results/screens/overview-stuck.png" });

    const made4 = await addRunner({ org: "acme", name: `${label}-idle`, status: "online", labels: [label] });
    await expect(row).toHaveCount(0, { timeout: 30_000 });
    // The simulator agrees: the job was taken by the runner that came online.
    const job = await api<{ status: string; runner_name: string | null }>("GET", `/repos/acme/docs/actions/jobs/${made.job_id}`);
    expect(job.body.runner_name).toBe(`${label}-idle`);
    expect(["in_progress", "completed"]).toContain(job.body.status);

    // Leave the fleet as we found it: the API deletes the idle runners, and the one that took the job once it ends; the
    // busy test runner (held on a job that does not exist, so the API refuses) goes through the control interface.
    for (const id of [made1, made2]) {
      expect((await api("DELETE", `/orgs/acme/actions/runners/${id}`)).status).toBe(204);
      madeRunners.delete(id);
    }
    expect((await api("DELETE", `/orgs/acme/actions/runners/${made3}`)).status).toBe(422);
    expect(await removeRunner(made3)).toBe(204);
    expect((await api("GET", `/orgs/acme/actions/runners/${made3}`)).status).toBe(404);
    await expect.poll(async () => (await api("DELETE", `/orgs/acme/actions/runners/${made4}`)).status, { timeout: 60_000 }).toBe(204);
    madeRunners.delete(made4);
  });

  test("a poll where nothing changed costs only 304s", async ({ page }) => {
    const clock = await control<{ speed: number }>("GET", "/clock");
    await control("PUT", "/clock", { speed: 0 });
    try {
      await page.goto("/organizations/globex/actions");
      await settled(page);
      const mark = await sim.mark();
      await settled(page, 1);
      const polled = (await sim.since(mark)).filter((r) => r.url.startsWith("/api/v3/") && r.url.includes("/actions/"));
      expect(polled.length).toBeGreaterThan(0);
      expect(polled.filter((r) => r.status !== 304).map((r) => `${r.status} ${r.url}`)).toEqual([]);
      // Active repositories every poll, quiet ones in rotation, and the page says so.
      await expect(page.getByTestId("live-schedule")).toContainText(/active repositor(y|ies) every 5 s/);
    } finally {
      await control("PUT", "/clock", { speed: clock.speed });
    }
  });

  test("a bad range is refused with a message and nothing is asked for it", async ({ page }) => {
    const mark = await sim.mark();
    await page.goto("/organizations/globex/actions?range=2w");
    await expect(page.getByRole("heading", { name: "This range cannot be shown" })).toBeVisible();
    await expect(page.locator("section[aria-labelledby=failures]")).toContainText("“2w” is not a range this page knows");
    await expect(page.getByTestId("live-status")).toHaveAttribute("data-complete", "true", { timeout: 30_000 });
    expect((await sim.since(mark)).filter((r) => r.url.includes("status=failure"))).toEqual([]);

    // The form checks dates before changing the URL.
    await page.getByLabel("Range").selectOption("dates");
    await page.getByLabel("From (UTC)").fill("2026-11-21");
    await page.getByLabel("To (UTC, optional)").fill("2026-11-20");
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "The end date is before the start date." })).toBeVisible();
    expect(new URL(page.url()).search).toBe("?range=2w");
    await page.getByLabel("Range").selectOption("7d");
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(/\?range=7d/);
    await expect(page.getByRole("heading", { level: 2, name: /Failures .* in the last 7 days/ })).toBeVisible();
  });

  test("without admin:org, the runner and secret sections say why and the rest still works", async ({ page }) => {
    await signInWithToken(page, TOKENS.monaNoAdminOrg, "/organizations/globex/actions");
    await page.goto("/organizations/globex/actions");
    await expect(page.getByTestId("live-status")).toHaveAttribute("data-complete", "true", { timeout: 30_000 });
    const fleet = page.locator("section[aria-labelledby=fleet]");
    await expect(fleet.getByRole("heading", { name: "Your token is missing a scope" })).toBeVisible();
    await expect(fleet).toContainText("admin:org");
    const secrets = page.locator("section[aria-labelledby=secrets]");
    await expect(secrets.getByRole("heading", { name: "Your token is missing a scope" })).toBeVisible();
    await expect(page.locator("section[aria-labelledby=now]")).not.toContainText("Could not load");
    await axe(page);
    await page.screenshot({ path: "test-results/screens/overview-no-admin-org.png", fullPage: true });
  });

  test("linked from the home page, the org page and the org's tabs", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("link", { name: "Actions overview of acme" }).click();
    await expect(page).toHaveURL(/\/organizations\/acme\/actions$/, { timeout: 30_000 });
    await expect(page.getByRole("navigation", { name: "Organization acme" }).getByRole("link", { name: "Actions overview" })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await page.getByRole("navigation", { name: "Organization acme" }).getByRole("link", { name: "Overview", exact: true }).click();
    await expect(page).toHaveURL(/\/organizations\/acme$/, { timeout: 30_000 });
    await page.locator("section[aria-labelledby=org-settings]").getByRole("link", { name: "Actions overview" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("acme · Actions overview");
  });
});
