import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { MONA_STATE } from "./helpers";
import { TOKENS, sim, simRun, simUrl } from "./sim";

mkdirSync("test-results/screens", { recursive: true });

async function api(method: string, path: string): Promise<unknown> {
  const r = await fetch(`${simUrl()}/api/v3${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKENS.mona}`, accept: "application/vnd.github+json" },
  });
  return (await r.json()) as unknown;
}

async function expectNoSeriousAxe(page: Page) {
  const axe = await new AxeBuilder({ page }).analyze();
  const bad = axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function hydrated(page: Page) {
  await expect(page.locator("tbody time").first()).toHaveText(/ago|just now|in /);
}

test.describe("workflows", () => {
  test.use({ storageState: MONA_STATE });

  test("enable and disable change the workflow's state on the server", async ({ page }) => {
    const path = "/repos/globex/portal/actions/workflows/legacy-deploy.yml";
    expect(((await api("GET", path)) as { state: string }).state).toBe("disabled_manually");
    await page.goto("/globex/portal/actions");
    await hydrated(page);
    const sidebar = page.getByRole("navigation", { name: "Workflows" });
    const item = sidebar.getByTestId("workflow-legacy-deploy.yml");
    await expect(item).toContainText("Disabled");
    const writes = await sim.writes();
    await item.getByRole("button", { name: /^Enable workflow / }).click();
    await expect(item.getByRole("button", { name: /^Disable workflow / })).toBeVisible();
    await expect(item).not.toContainText("Disabled");
    expect(((await api("GET", path)) as { state: string }).state).toBe("active");
    const after = await sim.writes();
    const key = "PUT /repos/{owner}/{repo}/actions/workflows/{workflow_id}/enable";
    expect((after[key] ?? 0) - (writes[key] ?? 0)).toBe(1);

    // And back, from the workflow's own page.
    await page.goto("/globex/portal/actions/workflows/legacy-deploy.yml");
    await hydrated(page);
    await page
      .getByRole("main")
      .getByRole("button", { name: /^Disable workflow / })
      .last()
      .click();
    await expect(page.getByRole("heading", { level: 1 }).locator("..")).toContainText("Disabled");
    expect(((await api("GET", path)) as { state: string }).state).toBe("disabled_manually");
    await expect(page.getByText("This workflow is disabled; enable it to run it.")).toBeVisible();
  });

  test("Run workflow: the form is built from the file's inputs, checked before sending, and the inputs reach the simulator", async ({
    page,
  }) => {
    await page.goto("/acme/web/actions/workflows/deploy.yml");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Deploy");
    await hydrated(page);
    await page.getByRole("button", { name: "Run workflow…" }).click();
    const branch = page.getByLabel("Use workflow from branch");
    await expect(branch).toHaveValue("main");
    await expect(branch.locator("option", { hasText: "develop" })).toHaveCount(1);
    await branch.selectOption("develop");
    const form = page.getByRole("form", { name: "Run workflow Deploy" });
    await expect(form.getByLabel("Version (git tag or sha) to deploy")).toHaveValue("latest");
    await expect(form.getByLabel("Log level")).toHaveValue("info");
    await expect(form.getByLabel("Number of replicas")).toHaveValue("2");
    await expect(form.getByLabel("Only print what would change")).not.toBeChecked();

    // Bad input: explained, nothing sent.
    const mark = await sim.mark();
    await form.getByLabel("Version (git tag or sha) to deploy").fill("");
    await form.getByLabel("Number of replicas").fill("two");
    await form.getByRole("button", { name: "Run workflow" }).click();
    await expect(form.getByText("environment is required.")).toBeVisible();
    await expect(form.getByText("version is required.")).toBeVisible();
    await expect(form.getByText("replicas must be a number.")).toBeVisible();
    await expect(form.getByText(/nothing was sent/)).toBeVisible();
    expect((await sim.since(mark)).filter((r) => r.method === "POST")).toEqual([]);

    const version = `v1.2.3-e2e-${Date.now()}`;
    await form.getByLabel("Target environment").fill("staging");
    await form.getByLabel("Version (git tag or sha) to deploy").fill(version);
    await form.getByLabel("Log level").selectOption("debug");
    await form.getByLabel("Only print what would change").check();
    await form.getByLabel("Number of replicas").fill("3");
    await form.getByLabel("Release notes for the deploy log").fill("from e2e");
    const mark2 = await sim.mark();
    await form.getByRole("button", { name: "Run workflow" }).click();

    const started = page.getByRole("status").filter({ hasText: "Workflow run started" });
    await expect(started).toBeVisible();
    const runLink = started.getByRole("link");
    await expect(runLink).toContainText(version);
    const href = await runLink.getAttribute("href");
    const id = Number(/\/acme\/web\/actions\/runs\/(\d+)$/.exec(href ?? "")?.[1]);
    expect(id).toBeGreaterThan(0);
    const stored = await simRun(id);
    expect(stored).toMatchObject({ event: "workflow_dispatch", head_branch: "develop", actor: "mona" });
    expect(stored.inputs).toEqual({
      environment: "staging",
      version,
      log_level: "debug",
      dry_run: "true",
      replicas: "3",
      notes: "from e2e",
    });
    const dispatches = (await sim.since(mark2)).filter((r) => r.method === "POST");
    expect(dispatches.map((r) => r.route)).toEqual([
      "POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches",
    ]);
    await page.screenshot({ path: "test-results/screens/workflows-dispatched.png", fullPage: true });
  });

  test("a workflow without workflow_dispatch says it cannot be run by hand", async ({ page }) => {
    await page.goto("/acme/web/actions/workflows/ci.yml");
    await hydrated(page);
    await page.getByRole("button", { name: "Run workflow…" }).click();
    await expect(page.getByText("does not have a workflow_dispatch trigger on main")).toBeVisible();
  });

  test("duration chart links each run; timing shows, or a note when the server has none", async ({
    page,
  }) => {
    await page.goto("/acme/web/actions/workflows/ci.yml");
    await hydrated(page);
    const bars = page.locator('svg a[aria-label^="Run #"]');
    await expect(bars.first()).toBeVisible();
    const recent = (await api("GET", "/repos/acme/web/actions/workflows/ci.yml/runs?per_page=50")) as {
      workflow_runs: { id: number; status: string }[];
    };
    const completed = recent.workflow_runs.filter((r) => r.status === "completed");
    await expect(bars).toHaveCount(completed.length);
    // Newest completed run is the right-most bar.
    await expect(bars.last()).toHaveAttribute("href", `/acme/web/actions/runs/${completed[0]?.id}`);
    await expect(page.getByTestId("timing")).toContainText("Ubuntu");
    await page.screenshot({ path: "test-results/screens/workflows-ci.png", fullPage: true });
    await expectNoSeriousAxe(page);

    await page.route("**/api/github/repos/acme/web/actions/workflows/ci.yml/timing", (route) =>
      route.fulfill({
        status: 404,
        contentType: "application/json",
        body: JSON.stringify({ error: { status: 404, message: "Not Found", documentation_url: null } }),
      }),
    );
    await page.reload();
    await expect(page.getByTestId("timing-unavailable")).toBeVisible();
    await expect(page.getByTestId("timing")).toHaveCount(0);
  });

  test("workflow page and open Run workflow form: axe (light and dark)", async ({ page }) => {
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto("/acme/web/actions/workflows/deploy.yml");
      await hydrated(page);
      await page.getByRole("button", { name: "Run workflow…" }).click();
      await expect(page.getByRole("form", { name: "Run workflow Deploy" })).toBeVisible();
      await page.screenshot({ path: `test-results/screens/workflows-deploy-${scheme}.png`, fullPage: true });
      await expectNoSeriousAxe(page);
    }
  });
});
