import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { mkdirSync, readFileSync } from "node:fs";
import { unzipSync, zipSync } from "fflate";
import { MONA_STATE } from "./helpers";
import { api, download, type Job, type Run } from "./sim-api";

mkdirSync("test-results/screens", { recursive: true });

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

/** Matches of `word` (lower case) in an archive's per-step files, by the simplest rule. */
function archiveCount(files: Record<string, Uint8Array>, word: string): number {
  let n = 0;
  for (const [name, bytes] of Object.entries(files)) {
    if (!/^[^/]+\/\d+_.*\.txt$/.test(name)) continue;
    for (const line of new TextDecoder().decode(bytes).split("\n")) n += shown(line).toLowerCase().split(word).length - 1;
  }
  return n;
}

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
      `2026-11-20T17:00:00.5000000Z ##[group]Group with ${E}]8;;https://example.com/group${E}\\a link${E}]8;;${E}\\ inside`,
      "2026-11-20T17:00:00.6000000Z inside the group",
      "2026-11-20T17:00:00.7000000Z ##[endgroup]",
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
    // a link in a group's title is not inside its toggle button; the button and the title both fold
    await expect(region.locator("button a, a button")).toHaveCount(0);
    const group = region.getByRole("button", { name: "Group with a link inside" });
    await expect(group).toHaveAttribute("aria-expanded", "false");
    await expect(region.getByRole("link", { name: "a link" })).toHaveAttribute("href", "https://example.com/group");
    await group.click();
    await expect(region.getByText("inside the group")).toBeVisible();
    // on the title's first words, not its link
    await region.locator('span[id^="step-1-group-"]').click({ position: { x: 4, y: 4 } });
    await expect(group).toHaveAttribute("aria-expanded", "false");
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

  test("search across all jobs of a run, from the run page: exact total, a shareable URL, links open the line", async ({ page }) => {
    // A run that succeeded (the newest completed one may have been cancelled by an earlier suite).
    const runs = await api<{ workflow_runs: Run[] }>("/repos/acme/web/actions/workflows/ci.yml/runs?status=success&per_page=1");
    const run = runs.workflow_runs[0]!;
    const files = unzipSync(await download(`/repos/acme/web/actions/runs/${run.id}/logs`));
    const expected = archiveCount(files, "ok");
    expect(expected).toBeGreaterThan(0);

    await page.goto(`/acme/web/actions/runs/${run.id}`);
    await page.getByRole("searchbox", { name: "Search all job logs" }).fill("ok");
    await page.getByRole("button", { name: "Search logs" }).click();
    await expect(page).toHaveURL(new RegExp(`/actions/runs/${run.id}/search\\?q=ok$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Search the logs of run ${run.id}`);
    await expect(page.getByRole("searchbox", { name: "Search all job logs" })).toHaveValue("ok");
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

    // the options are in the URL too; bad input is explained before anything is sent
    await page.goto(`/acme/web/actions/runs/${run.id}/search?q=(ok&regex=1`);
    await expect(page.getByRole("button", { name: "Regex" })).toHaveAttribute("aria-pressed", "true");
    await expect(page.getByTestId("run-search-status")).toContainText("Not a valid regular expression");
    // a search made here goes into the URL
    await page.getByRole("button", { name: "Regex" }).click();
    await page.getByRole("searchbox", { name: "Search all job logs" }).fill("ok");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(page.getByTestId("run-search-total")).toHaveAttribute("data-count", String(expected), { timeout: 30_000 });
    await expect(page).toHaveURL(new RegExp(`/actions/runs/${run.id}/search\\?q=ok$`));
  });

  test("search across all jobs reads archives without per-step files: same total, lines mapped to steps", async ({ page, context }) => {
    const runs = await api<{ workflow_runs: Run[] }>("/repos/acme/web/actions/workflows/ci.yml/runs?status=success&per_page=1");
    const run = runs.workflow_runs[0]!;
    const files = unzipSync(await download(`/repos/acme/web/actions/runs/${run.id}/logs`));
    const expected = archiveCount(files, "ok");
    // the same archive as some servers serve it: the job-level files (and a system.txt) only
    const jobLevel: Record<string, Uint8Array> = { "system.txt": new TextEncoder().encode("system\n") };
    for (const [name, bytes] of Object.entries(files)) if (!name.includes("/")) jobLevel[name] = bytes;
    expect(Object.keys(jobLevel).length).toBeGreaterThan(1);
    await context.route(`**/api/github/repos/acme/web/actions/runs/${run.id}/logs`, (route) =>
      route.fulfill({ status: 200, contentType: "application/zip", body: Buffer.from(zipSync(jobLevel)) }),
    );
    await page.goto(`/acme/web/actions/runs/${run.id}/search?q=ok`);
    await expect(page.getByTestId("run-search-total")).toHaveAttribute("data-count", String(expected), { timeout: 30_000 });
    const first = page.getByRole("link", { name: /, step \d+, line \d+$/ }).first();
    const [, step, line] = /step (\d+), line (\d+)$/.exec((await first.getAttribute("aria-label"))!)!;
    await first.click();
    const target = page.locator(`[data-step="${step}"][data-line="${line}"]`);
    await expect(target).toHaveAttribute("aria-current", "true");
    await expect(target).toContainText(/ok/i);
  });

  test("a cold deep link into the 1,000,000-line log scrolls to and highlights the line, and every line of a range", async ({ page, context }) => {
    test.setTimeout(180_000);
    const job = await stressJob();
    // the step holding most of the log, and its size, as the viewer shows them
    await page.goto(jobPath(job));
    await waitIndexed(page);
    const sizes = await page.locator("[data-step-header]").evaluateAll((els) =>
      els.map((el) => ({ step: Number(el.getAttribute("data-step-header")), lines: Number(/([\d,]+) lines/.exec(el.textContent ?? "")?.[1]?.replace(/,/g, "") ?? 0) })),
    );
    const big = sizes.sort((a, b) => b.lines - a.lines)[0]!;
    expect(big.lines).toBeGreaterThan(500_004);
    await page.close();

    for (const [hash, lines] of [
      [`#step:${big.step}:500000`, [500_000]],
      [`#step:${big.step}:500000-500004`, [500_000, 500_001, 500_002, 500_003, 500_004]],
    ] as const) {
      const cold = await context.newPage();
      await cold.goto(`${jobPath(job)}${hash}`);
      const region = cold.getByRole("region", { name: "Log lines" });
      for (const n of lines) {
        const row = region.locator(`[data-step="${big.step}"][data-line="${n}"]`);
        await expect(row).toBeInViewport({ timeout: 60_000 });
        await expect(row).toHaveAttribute("aria-current", "true");
      }
      await expect(region.locator('[aria-current="true"][data-line]')).toHaveCount(lines.length);
      await cold.close();
    }
  });

  test("a failed job opens its failing step and leaves the others closed", async ({ page }) => {
    const runs = await api<{ workflow_runs: Run[] }>("/repos/acme/web/actions/runs?status=failure&per_page=20");
    let failed: Job | undefined;
    for (const run of runs.workflow_runs) {
      const jobs = (await api<{ jobs: Job[] }>(`/repos/acme/web/actions/runs/${run.id}/jobs?per_page=100`)).jobs;
      failed = jobs.find((j) => j.conclusion === "failure" && j.steps.some((s) => s.conclusion === "failure"));
      if (failed) break;
    }
    expect(failed).toBeDefined();
    await page.goto(jobPath(failed!));
    await waitIndexed(page);
    const region = page.getByRole("region", { name: "Log lines" });
    const failing = failed!.steps.filter((s) => s.conclusion === "failure");
    for (const s of failing) await expect(region.locator(`[data-step-header="${s.number}"]`)).toHaveAttribute("aria-expanded", "true");
    // closed, the failing steps' lines no longer push the later steps' headers out of the rendered rows
    for (const s of failing) await region.locator(`[data-step-header="${s.number}"]`).click();
    for (const s of failed!.steps) await expect(region.locator(`[data-step-header="${s.number}"]`)).toHaveAttribute("aria-expanded", "false");
  });

  test("Download gives the server's log bytes; View raw opens the raw text", async ({ page, context }) => {
    const runs = await api<{ workflow_runs: Run[] }>("/repos/acme/web/actions/workflows/ci.yml/runs?status=success&per_page=1");
    const job = (await api<{ jobs: Job[] }>(`/repos/acme/web/actions/runs/${runs.workflow_runs[0]!.id}/jobs`)).jobs[0]!;
    const bytes = await download(`/repos/acme/web/actions/jobs/${job.id}/logs`);
    await page.goto(jobPath(job));
    await waitIndexed(page);
    const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download" }).click()]);
    expect(file.suggestedFilename()).toBe(`job-${job.id}-logs.txt`);
    expect(Buffer.compare(readFileSync(await file.path()), Buffer.from(bytes))).toBe(0);

    const [raw] = await Promise.all([context.waitForEvent("page"), page.getByRole("button", { name: "View raw" }).click()]);
    await raw.waitForLoadState();
    expect(raw.url()).toMatch(/^blob:/);
    const text = new TextDecoder().decode(bytes).replace(/^\ufeff/, "");
    expect(((await raw.locator("body").textContent()) ?? "").trimEnd()).toBe(text.trimEnd());
    await raw.close();
  });

  test("Ctrl/Cmd-click on a line number opens the line in a new tab", async ({ page, context }) => {
    const runs = await api<{ workflow_runs: Run[] }>("/repos/acme/web/actions/workflows/ci.yml/runs?status=success&per_page=1");
    const job = (await api<{ jobs: Job[] }>(`/repos/acme/web/actions/runs/${runs.workflow_runs[0]!.id}/jobs`)).jobs[0]!;
    await page.goto(`${jobPath(job)}#step:1:2`);
    await expect(page.locator('[data-step="1"][data-line="2"]')).toHaveAttribute("aria-current", "true");
    const [tab] = await Promise.all([
      context.waitForEvent("page"),
      page.locator('[data-step="1"][data-line="3"] a').first().click({ modifiers: ["ControlOrMeta"] }),
    ]);
    await expect(tab).toHaveURL(/#step:1:3$/);
    await expect(tab.locator('[data-step="1"][data-line="3"]')).toHaveAttribute("aria-current", "true");
    // this page's selection is unchanged
    await expect(page).toHaveURL(/#step:1:2$/);
    await tab.close();
  });
});
