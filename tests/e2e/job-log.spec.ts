import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { unzipSync } from "fflate";
import { MONA_STATE } from "./helpers";
import { simUrl, TOKENS } from "./sim";

mkdirSync("test-results/screens", { recursive: true });

// --- the simulator's own view of things, straight from its API with mona's token ----------------------

async function api<T>(path: string): Promise<T> {
  const r = await fetch(`${simUrl()}/api/v3${path}`, { headers: { authorization: `token ${TOKENS.mona}` } });
  if (!r.ok) throw new Error(`${path}: ${r.status}`);
  return (await r.json()) as T;
}
async function download(path: string): Promise<Uint8Array> {
  const r = await fetch(`${simUrl()}/api/v3${path}`, { headers: { authorization: `token ${TOKENS.mona}` } });
  if (!r.ok) throw new Error(`${path}: ${r.status}`);
  return new Uint8Array(await r.arrayBuffer());
}

interface Step {
  number: number;
  name: string;
  status: string;
  conclusion: string | null;
}
interface Job {
  id: number;
  run_id: number;
  name: string;
  status: string;
  conclusion: string | null;
  steps: Step[];
}
interface Run {
  id: number;
  status: string;
}

async function stressJob(): Promise<Job> {
  const runs = await api<{ workflow_runs: Run[] }>(
    "/repos/acme/web/actions/workflows/nightly.yml/runs?event=schedule&status=completed&per_page=1",
  );
  const run = runs.workflow_runs[0]!;
  const jobs = await api<{ jobs: Job[] }>(`/repos/acme/web/actions/runs/${run.id}/jobs?per_page=100`);
  return jobs.jobs.find((j) => j.name === "Stress")!;
}

/** The shown text of a raw log line, by the simplest rules (independent of the viewer's code). */
const shown = (line: string) =>
  line
    .replace(/^\ufeff/, "")
    .replace(/^\d{4}-\d\d-\d\dT[\d:.]+Z /, "")
    .replace(/^##\[(group|endgroup|error|warning|notice|debug|command|section)\]/, "")
    // eslint-disable-next-line no-control-regex
    .replace(/\u001b\[[0-9;]*m/g, "");

const jobPath = (job: Job) => `/acme/web/actions/runs/${job.run_id}/job/${job.id}`;

async function waitIndexed(page: Page) {
  await expect(page.getByTestId("log-status")).toHaveAttribute("data-done", "true", { timeout: 60_000 });
}

async function axe(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test.describe("job log viewer", () => {
  test.use({ storageState: MONA_STATE });

  test("opens the 1,000,000-line log: counts, last lines, exact search count, annotations; axe", async ({ page }) => {
    test.setTimeout(180_000);
    const job = await stressJob();
    const raw = new TextDecoder().decode(await download(`/repos/acme/web/actions/jobs/${job.id}/logs`));
    const lines = raw.split("\n");
    if (lines[lines.length - 1] === "") lines.pop();
    expect(lines.length).toBe(1_000_000);
    let deprecated = 0;
    const annotations = { error: 0, warning: 0, notice: 0 };
    for (const line of lines) {
      const text = shown(line);
      deprecated += text.toLowerCase().split("deprecated").length - 1;
      const kind = /^(?:\ufeff)?\S+Z ##\[(error|warning|notice)\]/.exec(line)?.[1] as keyof typeof annotations | undefined;
      if (kind) annotations[kind]++;
    }
    const lastShown = shown(lines[lines.length - 1]!);

    await page.goto(jobPath(job));
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Stress");
    await waitIndexed(page);
    await expect(page.getByTestId("log-status")).toContainText("1,000,000 lines");
    for (const kind of ["error", "warning", "notice"] as const) {
      await expect(page.getByTestId(`count-${kind}`)).toHaveAttribute("data-count", String(annotations[kind]));
    }

    // the last lines: expand every step and jump to the end
    await page.getByRole("button", { name: "Expand all" }).click();
    await page.getByRole("button", { name: "Jump to end" }).click();
    const region = page.getByRole("region", { name: "Log lines" });
    await expect(region.getByText(lastShown, { exact: true })).toBeVisible();
    // about a million rows (folded groups hide some) in a scroll range browsers can lay out
    await expect(region).toHaveAttribute("data-rows", /^\d{6,7}$/);
    expect(await region.evaluate((el) => el.scrollHeight)).toBeLessThan(16_000_000);
    await page.screenshot({ path: "test-results/screens/job-log-stress-end.png" });

    // search the whole log: the count equals the simulator's own text's count
    await page.getByRole("searchbox", { name: "Search the log" }).fill("deprecated");
    await expect(page.getByTestId("match-count")).toHaveAttribute("data-count", String(deprecated), { timeout: 30_000 });
    expect(deprecated).toBeGreaterThan(1000);
    await page.getByRole("button", { name: "Next match" }).click();
    await expect(region.locator("mark[data-current]")).toBeVisible();
    await expect(region.locator("mark[data-current]")).toHaveText(/deprecated/i);
    await page.screenshot({ path: "test-results/screens/job-log-search.png" });

    // the warnings list jumps to a warning line
    await page.getByTestId("count-warning").click();
    const list = page.getByRole("list", { name: "Warnings" });
    await expect(list.getByRole("button").first()).toBeVisible();
    const firstWarning = (await list.getByRole("button").first().textContent()) ?? "";
    await list.getByRole("button").first().click();
    await expect(page).toHaveURL(/#step:\d+:\d+$/);
    await expect(region.locator('[aria-current="true"]')).toBeVisible();
    await expect(region.locator('[aria-current="true"]')).toContainText(firstWarning.replace(/^.*?, line [\d,]+/, "").trim());
    await axe(page);
  });

  test("a #step:3:10 link opened cold scrolls to and highlights that line; shift-click selects a range", async ({ page }) => {
    // a finished CI run of acme/web, and the simulator's own per-step logs from its log archive
    const runs = await api<{ workflow_runs: Run[] }>("/repos/acme/web/actions/workflows/ci.yml/runs?status=completed&per_page=5");
    let target: { job: Job; line10: string; line12: string } | null = null;
    for (const run of runs.workflow_runs) {
      const files = unzipSync(await download(`/repos/acme/web/actions/runs/${run.id}/logs`));
      const jobs = (await api<{ jobs: Job[] }>(`/repos/acme/web/actions/runs/${run.id}/jobs?per_page=100`)).jobs;
      for (const job of jobs) {
        const entry = Object.entries(files).find(([name]) => name.startsWith(`${job.name}/3_`));
        if (!entry) continue;
        const stepLines = new TextDecoder().decode(entry[1]).replace(/^\ufeff/, "").split("\n");
        if (stepLines.length > 13) {
          target = { job, line10: shown(stepLines[9]!), line12: shown(stepLines[11]!) };
          break;
        }
      }
      if (target) break;
    }
    expect(target).not.toBeNull();
    const { job, line10, line12 } = target!;

    await page.goto(`${jobPath(job)}#step:3:10`);
    const line = page.locator('[data-step="3"][data-line="10"]');
    await expect(line).toBeVisible();
    await expect(line).toHaveAttribute("aria-current", "true");
    await expect(line).toContainText(line10);
    await expect(page.locator('[aria-current="true"][data-line]')).toHaveCount(1);
    await page.screenshot({ path: "test-results/screens/job-log-link.png" });

    // shift-click line 12: lines 10–12 highlighted and the URL says so
    await page.locator('[data-step="3"][data-line="12"] a').click({ modifiers: ["Shift"] });
    await expect(page).toHaveURL(/#step:3:10-12$/);
    await expect(page.locator('[aria-current="true"][data-line]')).toHaveCount(3);
    await expect(page.locator('[data-step="3"][data-line="12"]')).toContainText(line12);

    // a link to a line that does not exist says so
    await page.goto(`${jobPath(job)}#step:3:99999`);
    await expect(page.getByText(/line 99,999 does not exist/)).toBeVisible();
  });

  test("steps and ##[group]s fold and unfold; timestamps and wrap toggle", async ({ page }) => {
    // A run that succeeded (the newest completed one may have been cancelled by an earlier suite).
    const runs = await api<{ workflow_runs: Run[] }>("/repos/acme/web/actions/workflows/ci.yml/runs?status=success&per_page=1");
    const jobs = (await api<{ jobs: Job[] }>(`/repos/acme/web/actions/runs/${runs.workflow_runs[0]!.id}/jobs`)).jobs;
    const job = jobs.find((j) => j.steps[0]?.name === "Set up job" && j.steps[0].conclusion === "success")!;
    await page.goto(jobPath(job));
    await waitIndexed(page);
    const region = page.getByRole("region", { name: "Log lines" });
    const setUp = region.locator('[data-step-header="1"]');
    await expect(setUp).toHaveAttribute("aria-expanded", job.conclusion === "failure" ? /true|false/ : "false");
    if ((await setUp.getAttribute("aria-expanded")) === "false") await setUp.click();
    await expect(setUp).toHaveAttribute("aria-expanded", "true");
    const os = region.getByRole("button", { name: "Operating System" });
    await expect(os).toHaveAttribute("aria-expanded", "false");
    await expect(region.getByText(/^Ubuntu|^Microsoft|^macOS/)).toHaveCount(0);
    await os.click();
    await expect(os).toHaveAttribute("aria-expanded", "true");
    await expect(region.getByText(/^(Ubuntu|Microsoft|macOS)/)).toBeVisible();
    await os.click();
    await expect(region.getByText(/^(Ubuntu|Microsoft|macOS)/)).toHaveCount(0);

    // timestamps in the viewer's time zone (the browser's), with the raw UTC stamp as the title
    await page.getByRole("button", { name: "Timestamps" }).click();
    await expect(page.getByRole("button", { name: "Timestamps" })).toHaveAttribute("aria-pressed", "true");
    await expect(region.locator("[title$='Z']").first()).toHaveText(/^\d\d:\d\d:\d\d\.\d{3}$/);
    await page.getByRole("button", { name: "Wrap lines" }).click();
    await expect(page.getByRole("button", { name: "Wrap lines" })).toHaveAttribute("aria-pressed", "true");

    // closing the step hides its lines
    await setUp.click();
    await expect(os).toHaveCount(0);
    await page.screenshot({ path: "test-results/screens/job-log-folding.png" });
    await axe(page);
    await page.getByRole("button", { name: "Timestamps" }).click();
    await page.getByRole("button", { name: "Wrap lines" }).click();
  });

  test("log text is text: markup and an OSC 8 javascript: link run nothing; http(s) links work", async ({ page, context }) => {
    const job = await stressJob();
    const E = "\u001b";
    const evil = [
      "\ufeff2026-11-20T17:00:00.0000000Z Requested labels: self-hosted",
      "2026-11-20T17:00:00.1000000Z <img src=x onerror=\"window.__pwned=1;alert(1)\"><script>window.__pwned=2</script>",
      `2026-11-20T17:00:00.2000000Z ${E}]8;;javascript:window.__pwned=3${E}\\click me${E}]8;;${E}\\ and ${E}]8;;https://example.com/docs${E}\\the docs${E}]8;;${E}\\`,
      `2026-11-20T17:00:00.3000000Z ${E}[31mred${E}[0m ${E}[38;5;208morange${E}[0m ${E}[38;2;166;120;255mpurple${E}[0m ${E}[1mbold${E}[0m ${E}[3mitalic${E}[0m ${E}[4munderline${E}[0m`,
      "2026-11-20T17:00:00.4000000Z ##[error]<b>not bold</b>",
      "",
    ].join("\n");
    await context.route(`**/api/github/repos/acme/web/actions/jobs/${job.id}/logs`, (route) =>
      route.fulfill({ status: 200, contentType: "text/plain; charset=utf-8", body: evil }),
    );
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${jobPath(job)}#step:1:1`);
    await waitIndexed(page);
    const region = page.getByRole("region", { name: "Log lines" });
    await expect(region.getByText('<img src=x onerror="window.__pwned=1;alert(1)"><script>window.__pwned=2</script>')).toBeVisible();
    await expect(region.getByText("<b>not bold</b>")).toBeVisible();
    await expect(region.locator("img, script, b")).toHaveCount(0);
    // the javascript: link is plain text; the https one is a link
    await expect(region.getByText("click me")).toBeVisible();
    await expect(region.getByRole("link", { name: "click me" })).toHaveCount(0);
    await expect(page.locator('a[href^="javascript:" i]')).toHaveCount(0);
    await expect(region.getByRole("link", { name: "the docs" })).toHaveAttribute("href", "https://example.com/docs");
    await region.getByText("click me").click();
    // colours and styles as inline styles on text
    await expect(region.getByText("orange", { exact: true })).toHaveCSS("color", "rgb(255, 135, 0)");
    await expect(region.getByText("purple", { exact: true })).toHaveCSS("color", /rgb\(\d+, \d+, 255\)/);
    await expect(region.getByText("bold", { exact: true })).toHaveCSS("font-weight", "700");
    await expect(region.getByText("italic", { exact: true })).toHaveCSS("font-style", "italic");
    await expect(region.getByText("underline", { exact: true })).toHaveCSS("text-decoration-line", "underline");
    await page.screenshot({ path: "test-results/screens/job-log-xss.png" });
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
  });

  test("search across all jobs of a run: exact total from the run's own log archive, links open the line", async ({ page }) => {
    // A run that succeeded (the newest completed one may have been cancelled by an earlier suite).
    const runs = await api<{ workflow_runs: Run[] }>("/repos/acme/web/actions/workflows/ci.yml/runs?status=success&per_page=1");
    const run = runs.workflow_runs[0]!;
    const files = unzipSync(await download(`/repos/acme/web/actions/runs/${run.id}/logs`));
    let expected = 0;
    for (const [name, bytes] of Object.entries(files)) {
      if (!/^[^/]+\/\d+_.*\.txt$/.test(name)) continue;
      for (const line of new TextDecoder().decode(bytes).split("\n")) expected += shown(line).toLowerCase().split("ok").length - 1;
    }
    expect(expected).toBeGreaterThan(0);
    await page.goto(`/acme/web/actions/runs/${run.id}/search`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Search the logs of run ${run.id}`);
    // bad input is explained before anything is sent
    await page.getByRole("button", { name: "Regex" }).click();
    await page.getByRole("searchbox", { name: "Search all job logs" }).fill("(ok");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(page.getByTestId("run-search-status")).toContainText("Not a valid regular expression");
    await page.getByRole("button", { name: "Regex" }).click();
    await page.getByRole("searchbox", { name: "Search all job logs" }).fill("ok");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(page.getByTestId("run-search-total")).toHaveAttribute("data-count", String(expected), { timeout: 30_000 });
    await page.screenshot({ path: "test-results/screens/job-log-run-search.png", fullPage: true });
    await axe(page);
    const first = page.getByRole("link", { name: /, step \d+, line \d+$/ }).first();
    const label = (await first.getAttribute("aria-label"))!;
    const [, step, line] = /step (\d+), line (\d+)$/.exec(label)!;
    await first.click();
    await expect(page).toHaveURL(new RegExp(`#step:${step}:${line}$`));
    const target = page.locator(`[data-step="${step}"][data-line="${line}"]`);
    await expect(target).toBeVisible();
    await expect(target).toHaveAttribute("aria-current", "true");
    await expect(target.locator("mark")).toHaveCount(0);
    await expect(target).toContainText(/ok/i);
  });
});
