import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { MONA_STATE } from "./helpers";
import { TOKENS, sim, simUrl } from "./sim";

mkdirSync("test-results/screens", { recursive: true });

async function api(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const r = await fetch(`${simUrl()}/api/v3${path}`, {
    method,
    headers: {
      authorization: `Bearer ${TOKENS.mona}`,
      accept: "application/vnd.github+json",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, json: text ? (JSON.parse(text) as unknown) : null };
}

interface RunsBody {
  total_count: number;
  workflow_runs: {
    id: number;
    status: string;
    conclusion: string | null;
    event: string;
    head_branch: string;
  }[];
}

/** Rows show relative times only once the page is hydrated: wait for that before interacting. */
async function hydrated(page: Page) {
  await expect(page.locator("tbody time").first()).toHaveText(/ago|just now|in /);
}

async function expectNoSeriousAxe(page: Page) {
  const axe = await new AxeBuilder({ page }).analyze();
  const bad = axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** Dispatches acme/api's release.yml (its Notarize job never finds a runner, so the run stays active). */
async function dispatchRelease(tag: string): Promise<number> {
  const before = (await api("GET", "/repos/acme/api/actions/workflows/release.yml/runs?per_page=1"))
    .json as RunsBody;
  const latest = before.workflow_runs[0]?.id ?? 0;
  const r = await api("POST", "/repos/acme/api/actions/workflows/release.yml/dispatches", {
    ref: "main",
    inputs: { tag },
  });
  expect(r.status).toBe(204);
  const after = (await api("GET", "/repos/acme/api/actions/workflows/release.yml/runs?per_page=5"))
    .json as RunsBody;
  const created = after.workflow_runs.find((run) => run.id > latest);
  if (!created) throw new Error("the dispatched run did not appear");
  return created.id;
}

test.describe("runs list", () => {
  test.use({ storageState: MONA_STATE });

  test("filters round-trip through the URL and match the simulator's own filtering", async ({ page }) => {
    await page.goto("/acme/web/actions");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("All workflows");
    await hydrated(page);
    const form = page.getByRole("form", { name: "Filter workflow runs" });
    await form.getByLabel("Status").selectOption("success");
    await form.getByLabel("Branch").fill("main");
    await form.getByLabel("Event").selectOption("push");
    await form.getByLabel("Created").fill(">=2020-01-01");
    await form.getByRole("button", { name: "Apply filters" }).click();

    await expect(page).toHaveURL(
      /query=is%3Asuccess\+branch%3Amain\+event%3Apush\+created%3A%3E%3D2020-01-01/,
    );
    const expected = (
      await api(
        "GET",
        "/repos/acme/web/actions/runs?status=success&branch=main&event=push&created=%3E%3D2020-01-01&per_page=1",
      )
    ).json as RunsBody;
    expect(expected.total_count).toBeGreaterThan(0);
    await expect(
      page.getByRole("heading", {
        name: `${expected.total_count.toLocaleString("en-US")} workflow runs (filtered)`,
      }),
    ).toBeVisible();
    const rows = page.locator("tbody tr[data-run-id]");
    await expect(rows.first()).toBeVisible();
    for (const row of await rows.all()) {
      await expect(row.getByRole("img", { name: "Success" })).toBeVisible();
      await expect(row.locator("td").nth(3)).toHaveText("push");
      await expect(row.locator("td").nth(4)).toHaveText("main");
    }

    // A shared link opens with the same filters (the form shows them again).
    await page.reload();
    await expect(form.getByLabel("Status")).toHaveValue("success");
    await expect(form.getByLabel("Branch")).toHaveValue("main");
    await expect(form.getByLabel("Event")).toHaveValue("push");
    await expect(form.getByLabel("Created")).toHaveValue(">=2020-01-01");

    // A workflow qualifier by name (as GitHub's links use) resolves to the workflow's runs.
    await page.goto(`/acme/web/actions?query=${encodeURIComponent("workflow:Deploy")}`);
    const deploy = (await api("GET", "/repos/acme/web/actions/workflows/deploy.yml/runs?per_page=1"))
      .json as RunsBody;
    await expect(
      page.getByRole("heading", {
        name: `${deploy.total_count.toLocaleString("en-US")} workflow runs (filtered)`,
      }),
    ).toBeVisible();
    await expect(form.getByLabel("Workflow")).toHaveValue("deploy.yml");
  });

  test("a bad date range is explained and nothing is requested", async ({ page }) => {
    await page.goto("/acme/web/actions");
    const form = page.getByRole("form", { name: "Filter workflow runs" });
    await hydrated(page);
    const url = page.url();
    const mark = await sim.mark();
    await form.getByLabel("Created").fill("2026-11-05..2026-11-01");
    await form.getByRole("button", { name: "Apply filters" }).click();
    await expect(form.getByText("ends before it starts")).toBeVisible();
    expect(page.url()).toBe(url);
    const sent = (await sim.since(mark)).filter((r) => r.url.includes("created="));
    expect(sent).toEqual([]);

    // The same mistake typed into a link: explained, and no runs request carries it.
    const mark2 = await sim.mark();
    await page.goto(`/acme/web/actions?query=${encodeURIComponent("created:2026-02-31 is:nope")}`);
    await expect(page.getByRole("alert").filter({ hasText: "These filters cannot be used" })).toBeVisible();
    await expect(page.getByText("No runs are shown until the filters are fixed.")).toBeVisible();
    expect((await sim.since(mark2)).filter((r) => r.route?.endsWith("/actions/runs"))).toEqual([]);
  });

  test("pagination follows total_count and keeps the filters", async ({ page }) => {
    await page.goto(`/acme/web/actions?query=${encodeURIComponent("branch:main")}`);
    const total = ((await api("GET", "/repos/acme/web/actions/runs?branch=main&per_page=1")).json as RunsBody)
      .total_count;
    const pages = Math.ceil(Math.min(total, 1000) / 25);
    await hydrated(page);
    await expect(page.getByText(`Page 1 of ${pages}`)).toBeVisible();
    await page.getByRole("link", { name: "Next →" }).click();
    await expect(page).toHaveURL(/page=2/);
    await expect(page).toHaveURL(/query=branch%3Amain/);
    await expect(page.getByText(`Page 2 of ${pages}`)).toBeVisible();
    const second = (await api("GET", "/repos/acme/web/actions/runs?branch=main&per_page=25&page=2"))
      .json as RunsBody;
    await expect(page.locator(`tbody tr[data-run-id="${second.workflow_runs[0]?.id}"]`)).toBeVisible();
  });

  test("bulk cancel, then bulk delete: one write per run, each run's result shown", async ({ page }) => {
    const tag = `v-e2e-${Date.now()}`;
    const ids = [await dispatchRelease(tag), await dispatchRelease(`${tag}-b`)];
    await page.goto(
      `/acme/api/actions?query=${encodeURIComponent("workflow:release.yml event:workflow_dispatch actor:mona")}`,
    );
    await hydrated(page);
    for (const id of ids) {
      const row = page.locator(`tbody tr[data-run-id="${id}"]`);
      await expect(row).toBeVisible();
      await row.getByRole("checkbox").check();
    }
    // Live while runs are active.
    await expect(page.getByText("Live", { exact: true })).toBeVisible();
    await page.screenshot({ path: "test-results/screens/runs-list-selected.png", fullPage: true });

    const writesBefore = await sim.writes();
    const mark = await sim.mark();
    await page.getByRole("button", { name: "Cancel selected (2)" }).click();
    const dialog = page.getByRole("dialog", { name: "Cancel 2 runs?" });
    await dialog.getByRole("button", { name: "Cancel runs" }).click();
    const progress = page.getByRole("region", { name: "Cancelling runs" });
    await expect(progress.getByRole("status")).toHaveText("2 succeeded, 0 failed.");
    const cancels = (await sim.since(mark)).filter(
      (r) => r.method === "POST" && r.route?.endsWith("/cancel"),
    );
    expect(cancels.map((r) => r.url.split("?")[0]).sort()).toEqual(
      ids.map((id) => `/api/v3/repos/acme/api/actions/runs/${id}/cancel`).sort(),
    );
    const writesAfter = await sim.writes();
    const key = "POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel";
    expect((writesAfter[key] ?? 0) - (writesBefore[key] ?? 0)).toBe(2);
    for (const id of ids) {
      const run = (await api("GET", `/repos/acme/api/actions/runs/${id}`)).json as {
        status: string;
        conclusion: string;
      };
      expect(run).toMatchObject({ status: "completed", conclusion: "cancelled" });
      await expect(
        page.locator(`tbody tr[data-run-id="${id}"]`).getByRole("img", { name: "Cancelled" }),
      ).toBeVisible();
    }
    await page.screenshot({ path: "test-results/screens/runs-list-cancelled.png", fullPage: true });

    // Now delete them (they are completed): type-to-confirm, then one DELETE per run.
    await page.getByRole("button", { name: "Dismiss" }).click();
    // Runs that were cancelled leave the selection; select them again to delete them.
    for (const id of ids) {
      const box = page.locator(`tbody tr[data-run-id="${id}"]`).getByRole("checkbox");
      await expect(box).not.toBeChecked();
      await box.check();
    }
    const mark2 = await sim.mark();
    await page.getByRole("button", { name: "Delete selected (2)" }).click();
    const del = page.getByRole("dialog", { name: "Delete 2 runs?" });
    await expect(del.getByRole("button", { name: "Delete runs" })).toBeDisabled();
    await del.getByRole("textbox").fill("delete 2");
    await del.getByRole("button", { name: "Delete runs" }).click();
    await expect(page.getByRole("region", { name: "Deleting runs" }).getByRole("status")).toHaveText(
      "2 succeeded, 0 failed.",
    );
    const deletes = (await sim.since(mark2)).filter((r) => r.method === "DELETE");
    expect(deletes.map((r) => r.url).sort()).toEqual(
      ids.map((id) => `/api/v3/repos/acme/api/actions/runs/${id}`).sort(),
    );
    for (const id of ids) {
      expect((await api("GET", `/repos/acme/api/actions/runs/${id}`)).status).toBe(404);
      await expect(page.locator(`tbody tr[data-run-id="${id}"]`)).toHaveCount(0);
    }
  });

  test("a refused cancel says so per run, and that nothing changed", async ({ page }) => {
    const id = await dispatchRelease(`v-e2e-fail-${Date.now()}`);
    await page.goto(
      `/acme/api/actions?query=${encodeURIComponent("workflow:release.yml event:workflow_dispatch")}`,
    );
    await hydrated(page);
    await page.locator(`tbody tr[data-run-id="${id}"]`).getByRole("checkbox").check();
    await sim.setFaults({
      secondaryLimit: {
        route: "POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel",
        status: 403,
        retryAfter: 60,
      },
    });
    try {
      await page.getByRole("button", { name: "Cancel selected (1)" }).click();
      await page
        .getByRole("dialog", { name: "Cancel 1 run?" })
        .getByRole("button", { name: "Cancel runs" })
        .click();
      const region = page.getByRole("region", { name: "Cancelling runs" });
      await expect(region.getByRole("status")).toHaveText("0 succeeded, 1 failed.");
      await expect(region.getByRole("listitem")).toContainText("Nothing was changed.");
      await expect(region).not.toContainText("may or may not");
    } finally {
      await sim.clearFaults();
    }
    const run = (await api("GET", `/repos/acme/api/actions/runs/${id}`)).json as { status: string };
    expect(run.status).not.toBe("completed");
    await api("POST", `/repos/acme/api/actions/runs/${id}/cancel`);
  });

  test("runs page: axe and screenshots (light and dark)", async ({ page }) => {
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto("/acme/web/actions");
      await hydrated(page);
      await expect(
        page.getByRole("navigation", { name: "Workflows" }).getByRole("link", { name: /Deploy/ }),
      ).toBeVisible();
      await page.screenshot({ path: `test-results/screens/runs-list-${scheme}.png`, fullPage: true });
      await expectNoSeriousAxe(page);
    }
  });
});
