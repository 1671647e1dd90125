import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { MONA_STATE, signInWithToken } from "./helpers";
import { NOT_ORG_ADMINS, TOKENS, sim, simUrl } from "./sim";

mkdirSync("test-results/screens", { recursive: true });

const uid = Date.now().toString(36);

async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const r = await fetch(`${simUrl()}/api/v3${path}`, {
    method,
    headers: { authorization: `token ${TOKENS.mona}`, accept: "application/vnd.github+json", ...(body ? { "content-type": "application/json" } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, body: (text ? JSON.parse(text) : null) as T };
}

interface ApiRunner {
  id: number;
  name: string;
  status: string;
  busy: boolean;
  runner_group_id?: number;
  labels: { name: string; type: string }[];
}

async function allRunners(prefix: string): Promise<ApiRunner[]> {
  const out: ApiRunner[] = [];
  for (let page = 1; ; page++) {
    const r = await api<{ runners: ApiRunner[] }>("GET", `${prefix}/actions/runners?per_page=100&page=${page}`);
    out.push(...r.body.runners);
    if (r.body.runners.length < 100) return out;
  }
}

/**
 * Earlier suites may have run the simulator's clock fast and finished every seeded run, and left busy test
 * runners that run no job (made through the control interface): re-run a finished run of a repository
 * without runners of its own and wait until an org runner has taken one of its jobs.
 */
async function ensureBusyOrgRunner() {
  const runs = await api<{ workflow_runs: { id: number }[] }>("GET", "/repos/acme/docs/actions/runs?status=completed&per_page=1");
  const run = runs.body.workflow_runs[0];
  expect(run).toBeDefined();
  expect((await api("POST", `/repos/acme/docs/actions/runs/${run!.id}/rerun`)).status).toBe(201);
  await expect
    .poll(
      async () => {
        const jobs = await api<{ jobs: { status: string; runner_id: number | null }[] }>("GET", `/repos/acme/docs/actions/runs/${run!.id}/jobs`);
        return jobs.body.jobs.some((j) => j.status === "in_progress" && j.runner_id !== null);
      },
      { timeout: 30_000 },
    )
    .toBe(true);
}

const addRunner = sim.addRunner;

async function removeRunner(id: number) {
  expect(await sim.removeRunner(id)).toBe(204);
}

async function axe(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test.describe("runners", () => {
  test.use({ storageState: MONA_STATE });

  test("org runners: counts and the busy runner's job link match the simulator; axe", async ({ page }) => {
    await ensureBusyOrgRunner();
    await page.goto("/organizations/acme/settings/actions/runners");
    await expect(page.getByRole("heading", { level: 1, name: "Runners" })).toBeVisible();
    const runners = await allRunners("/orgs/acme");
    const offline = runners.filter((r) => r.status === "offline" && !r.busy).length;
    await expect(page.getByTestId("count-total")).toHaveText(String(runners.length));
    await expect(page.getByTestId("count-offline")).toHaveText(String(offline));
    // Busy and idle move with the live engine; together they are the online runners.
    await expect
      .poll(async () => Number(await page.getByTestId("count-busy").textContent()) + Number(await page.getByTestId("count-idle").textContent()))
      .toBe(runners.length - offline);
    await expect(page.getByRole("row")).toHaveCount(runners.length + 1);

    const jobLink = page.getByTestId("busy-job").first();
    await expect(jobLink).toBeVisible();
    const href = (await jobLink.getAttribute("href")) ?? "";
    const m = /^\/([^/]+)\/([^/]+)\/actions\/runs\/(\d+)\/job\/(\d+)$/.exec(href);
    expect(m, href).not.toBeNull();
    const row = page.locator("tr", { has: jobLink });
    const runnerName = (await row.getByRole("link").first().textContent())?.trim();
    const job = await api<{ run_id: number; runner_name: string; runner_id: number }>("GET", `/repos/${m![1]}/${m![2]}/actions/jobs/${m![4]}`);
    expect(job.body.run_id).toBe(Number(m![3]));
    expect(job.body.runner_name).toBe(runnerName);
    expect(runners.find((r) => r.name === runnerName)?.id).toBe(job.body.runner_id);

    await page.screenshot({ path: "test-results/screens/runners-org.png", fullPage: true });
    await axe(page);
  });

  test("filters and sort round-trip through the URL", async ({ page }) => {
    await page.goto("/organizations/acme/settings/actions/runners?status=offline&q=acme-linux");
    await expect(page.getByLabel("Status")).toHaveValue("offline");
    await expect(page.getByRole("searchbox")).toHaveValue("acme-linux");
    const want = (await allRunners("/orgs/acme")).filter((r) => r.status === "offline" && r.name.includes("acme-linux"));
    await expect(page.getByRole("row")).toHaveCount(want.length + 1);
    for (const r of want) await expect(page.getByTestId(`runner-row-${r.name}`)).toBeVisible();

    await page.getByLabel("Label").selectOption("self-hosted");
    await page.getByLabel("Group").selectOption({ label: "Default" });
    await page.getByRole("button", { name: /^OS/ }).click();
    await expect(page).toHaveURL(/status=offline/);
    await expect(page).toHaveURL(/label=self-hosted/);
    await expect(page).toHaveURL(/group=1(&|$)/);
    await expect(page).toHaveURL(/sort=os/);
    await page.reload();
    await expect(page.getByLabel("Group")).toHaveValue("1");
    await expect(page.getByRole("button", { name: "Remove label filter self-hosted" })).toBeVisible();
    const want2 = want.filter((r) => r.runner_group_id === 1);
    await expect(page.getByRole("row")).toHaveCount(want2.length + 1);
    await expect(page.getByRole("columnheader", { name: /OS/ })).toHaveAttribute("aria-sort", "ascending");
    await page.screenshot({ path: "test-results/screens/runners-filtered.png", fullPage: true });
  });

  test("runner page: labels, move group, remove token, delete sends exactly one DELETE; axe", async ({ page }) => {
    const name = `e2e-lab-${uid}`;
    const id = await addRunner({ org: "acme", name, labels: ["e2e"] });
    await page.goto(`/organizations/acme/settings/actions/runners/${id}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
    await expect(page.getByText("read-only: set by the runner application").first()).toBeVisible();
    await expect(page.getByRole("button", { name: "Remove label self-hosted" })).toHaveCount(0);

    // Bad input is refused before anything is sent.
    const before = await sim.mark();
    await page.getByLabel("New custom label").fill("has space");
    await page.getByRole("button", { name: "Add label" }).click();
    await expect(page.getByText("A label cannot contain spaces or commas.")).toBeVisible();
    expect((await sim.since(before)).filter((r) => r.method === "POST")).toEqual([]);

    await page.getByLabel("New custom label").fill("fast");
    await page.getByRole("button", { name: "Add label" }).click();
    await expect(page.getByText("Added the label “fast”.")).toBeVisible();
    await page.getByRole("button", { name: "Remove label e2e" }).click();
    await expect(page.getByText("Removed the label “e2e”.")).toBeVisible();
    let state = await api<ApiRunner>("GET", `/orgs/acme/actions/runners/${id}`);
    expect(state.body.labels.filter((l) => l.type === "custom").map((l) => l.name)).toEqual(["fast"]);

    const groups = await api<{ runner_groups: { id: number; name: string }[] }>("GET", "/orgs/acme/actions/runner-groups");
    const priv = groups.body.runner_groups.find((g) => g.name === "private-builders")!;
    await page.getByLabel("Move to group").selectOption({ label: "private-builders" });
    await page.getByRole("button", { name: "Move", exact: true }).click();
    await expect(page.getByText(`Moved ${name} to the group “private-builders”.`)).toBeVisible();
    await expect(page.getByTestId("runner-group")).toHaveText("private-builders");
    state = await api<ApiRunner>("GET", `/orgs/acme/actions/runners/${id}`);
    expect(state.body.runner_group_id).toBe(priv.id);

    await page.getByRole("button", { name: "Create remove token" }).click();
    await expect(page.getByTestId("remove-command")).toHaveText(/^\.\/config\.sh remove --token [A-Z2-7]{29}$/);
    await expect(page.getByTestId("token-expiry")).toContainText("Expires in");
    await page.screenshot({ path: "test-results/screens/runners-detail.png", fullPage: true });
    await axe(page);

    const mark = await sim.mark();
    await page.getByRole("button", { name: "Delete runner" }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toContainText(`This deletes the runner ${name}`);
    await expect(dialog.getByRole("button", { name: "Delete runner" })).toBeDisabled();
    await dialog.getByRole("textbox").fill(name);
    await dialog.getByRole("button", { name: "Delete runner" }).click();
    await expect(page.getByText(`The runner ${name} was deleted from acme.`)).toBeVisible();
    const deletes = (await sim.since(mark)).filter((r) => r.method === "DELETE");
    expect(deletes.map((r) => `${r.route} ${r.status}`)).toEqual([`DELETE /orgs/{org}/actions/runners/{runner_id} 204`]);
    expect(deletes[0]!.url).toContain(`/runners/${id}`);
    expect((await api("GET", `/orgs/acme/actions/runners/${id}`)).status).toBe(404);
  });

  test("bulk delete: a busy runner refused, one DELETE failing upstream, the rest still deleted; progress to the total; axe", async ({ page }) => {
    // acme/docs has no seeded runners: these are the test's own.
    const names = [1, 2, 3].map((i) => `e2e-off-${uid}-${i}`);
    for (const n of names) await addRunner({ repo: "acme/docs", name: n });
    const busyName = `e2e-busy-${uid}`;
    await addRunner({ repo: "acme/docs", name: busyName, status: "online", busy: true });
    // This one's DELETE (its own path, so only it) is answered 504 before the simulator applies it.
    const faultName = `e2e-fault-${uid}`;
    const faultId = await addRunner({ repo: "acme/docs", name: faultName });
    await sim.setFaults({ errorRates: [{ route: `DELETE /repos/acme/docs/actions/runners/${faultId}`, rate: 1, statuses: [504] }] });
    const existing = await allRunners("/repos/acme/docs");
    const offlineCount = existing.filter((r) => r.status === "offline").length;
    const total = offlineCount + 1;

    await page.goto("/acme/docs/settings/actions/runners");
    await expect(page.getByTestId("count-busy")).toHaveText(String(existing.filter((r) => r.busy).length));
    await page.getByRole("button", { name: `Select all offline (${offlineCount})` }).click();
    await page.getByRole("checkbox", { name: `Select ${busyName}` }).check();
    const mark = await sim.mark();
    await page.getByRole("button", { name: `Delete selected (${offlineCount + 1})` }).click();
    const dialog = page.getByRole("dialog");
    for (const n of [...names, busyName, faultName]) await expect(dialog).toContainText(n);
    await axe(page);
    try {
      await dialog.getByRole("button", { name: `Delete ${total} runners` }).click();
      const results = page.getByRole("region", { name: "Deleting runners" });
      await expect(results.getByRole("status")).toHaveText(`${offlineCount - 1} succeeded, 2 failed.`);
      const progress = results.getByRole("progressbar", { name: "Deleting runners" });
      await expect(progress).toHaveAttribute("aria-valuemax", String(total));
      await expect(progress).toHaveAttribute("aria-valuenow", String(total));
      const item = (n: string) => results.getByRole("listitem").filter({ hasText: n });
      await expect(item(busyName)).toContainText("still running a job");
      await expect(item(busyName)).toContainText("Nothing was changed.");
      await expect(item(faultName)).toContainText("HTTP 504");
      await expect(item(faultName)).toContainText("It may or may not have happened: check before retrying.");
      await expect(item(faultName)).not.toContainText("Nothing was changed");
      for (const n of names) await expect(item(n)).toContainText("done");
      await page.screenshot({ path: "test-results/screens/runners-bulk.png", fullPage: true });
      await axe(page);
    } finally {
      await sim.clearFaults();
    }

    // The API's DELETEs only (the test's own DELETE /_sim/faults is logged too).
    const deletes = (await sim.since(mark)).filter((r) => r.method === "DELETE" && r.url.startsWith("/api/v3/"));
    expect(deletes).toHaveLength(total);
    expect(deletes.filter((r) => r.status === 422)).toHaveLength(1);
    expect(deletes.filter((r) => r.status === 504).map((r) => r.url)).toEqual([`/api/v3/repos/acme/docs/actions/runners/${faultId}`]);
    const left = await allRunners("/repos/acme/docs");
    expect(left.map((r) => r.name).sort()).toEqual([busyName, faultName].sort());
    await removeRunner(faultId);
  });

  test("new runner (org): downloads, registration token with expiry, exact commands; Windows variants; axe", async ({ page }) => {
    const downloads = (await api<{ os: string; architecture: string; filename: string; download_url: string; sha256_checksum: string }[]>("GET", "/orgs/acme/actions/runners/downloads")).body;
    const linux = downloads.find((d) => d.os === "linux" && d.architecture === "x64")!;
    const win = downloads.find((d) => d.os === "win" && d.architecture === "x64")!;
    await page.goto("/organizations/acme/settings/actions/runners/new");
    await expect(page.getByTestId("asset")).toContainText(linux.filename);
    await expect(page.getByTestId("asset")).toContainText(linux.sha256_checksum);
    await expect(page.getByTestId("step-download")).toHaveText(`curl -o ${linux.filename} -L ${linux.download_url}`);
    await expect(page.getByTestId("step-verify")).toHaveText(`echo "${linux.sha256_checksum}  ${linux.filename}" | shasum -a 256 -c`);

    await page.getByLabel("Runner group").selectOption("production-deployers");
    await page.getByLabel("Extra labels (comma-separated)").fill("gpu, e2e");
    const mark = await sim.mark();
    await page.getByRole("button", { name: "Create registration token" }).click();
    const token = (await page.getByTestId("registration-token").textContent())?.trim() ?? "";
    expect(token).toMatch(/^[A-Z2-7]{29}$/);
    const posts = (await sim.since(mark)).filter((r) => r.method === "POST");
    expect(posts.map((r) => `${r.route} ${r.status}`)).toEqual(["POST /orgs/{org}/actions/runners/registration-token 201"]);
    await expect(page.getByTestId("token-expiry")).toContainText(/Expires in (\d+:)?\d\d:\d\d/);
    await expect(page.getByTestId("step-configure")).toHaveText(
      `./config.sh --url ${simUrl()}/acme --token ${token} --runnergroup production-deployers --labels gpu,e2e`,
    );
    await expect(page.getByTestId("step-run")).toHaveText("./run.sh");
    await expect(page.getByRole("button", { name: /^Copy / })).toHaveCount(7);
    await page.screenshot({ path: "test-results/screens/runners-new.png", fullPage: true });
    await axe(page);

    await page.getByRole("radio", { name: "Windows" }).click();
    await expect(page.getByTestId("asset")).toContainText(win.filename);
    await expect(page.getByTestId("step-download")).toHaveText(`Invoke-WebRequest -Uri ${win.download_url} -OutFile ${win.filename}`);
    await expect(page.getByTestId("step-verify")).toContainText(win.sha256_checksum.toUpperCase());
    await expect(page.getByTestId("step-configure")).toHaveText(
      `./config.cmd --url ${simUrl()}/acme --token ${token} --runnergroup production-deployers --labels gpu,e2e`,
    );
    await page.screenshot({ path: "test-results/screens/runners-new-windows.png", fullPage: true });
  });

  test("new runner (repo): the configure URL is the repository's web URL; axe", async ({ page }) => {
    await page.goto("/acme/web/settings/actions/runners/new");
    await page.getByRole("button", { name: "Create registration token" }).click();
    const token = (await page.getByTestId("registration-token").textContent())?.trim() ?? "";
    await expect(page.getByTestId("step-configure")).toHaveText(`./config.sh --url ${simUrl()}/acme/web --token ${token}`);
    await expect(page.getByLabel("Runner group")).toHaveCount(0);
    await axe(page);
  });

  test("repo runners list and runner page: axe", async ({ page }) => {
    const name = `e2e-repo-${uid}`;
    const id = await addRunner({ repo: "acme/web", name, status: "online", labels: ["e2e"] });
    try {
      await page.goto("/acme/web/settings/actions/runners");
      await expect(page.getByTestId(`runner-row-${name}`)).toBeVisible();
      await axe(page);
      await page.goto(`/acme/web/settings/actions/runners/${id}`);
      await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
      await axe(page);
    } finally {
      await removeRunner(id);
    }
  });

  test("live: a runner added, then removed, behind the page's back shows and goes without reload; polls revalidate with ETags", async ({ page }) => {
    await page.goto("/organizations/acme/settings/actions/runners");
    await expect(page.getByRole("heading", { level: 1, name: "Runners" })).toBeVisible();
    const total = Number(await page.getByTestId("count-total").textContent());
    const mark = await sim.mark();
    const name = `e2e-live-${uid}`;
    const id = await addRunner({ org: "acme", name, status: "online" });
    try {
      const row = page.getByTestId(`runner-row-${name}`);
      await expect(row).toBeVisible({ timeout: 15_000 });
      await expect(row).toContainText("Idle");
      await expect(page.getByTestId("count-total")).toHaveText(String(total + 1));
      // Removed behind the page's back (the control interface): the row goes on a later poll.
      await removeRunner(id);
      await expect(row).toHaveCount(0, { timeout: 15_000 });
      await expect(page.getByTestId("count-total")).toHaveText(String(total));
      // Polls send the ETag they hold; what did not change comes back 304 (the group list does not move).
      const polls = ["GET /orgs/{org}/actions/runners", "GET /orgs/{org}/actions/runner-groups"];
      await expect
        .poll(async () => (await sim.since(mark)).filter((r) => polls.includes(r.route ?? "") && r.status === 304).length, { timeout: 15_000 })
        .toBeGreaterThan(0);
      const revalidated = (await sim.since(mark)).filter((r) => polls.includes(r.route ?? "") && r.status === 304);
      for (const r of revalidated) expect(r.headers["if-none-match"], r.url).toBeTruthy();
    } finally {
      await sim.removeRunner(id);
    }
  });

  test("filters follow a navigation (a count's link, back and forward), not only the first load", async ({ page }) => {
    await page.goto("/organizations/acme/settings/actions/runners?q=acme-linux&sort=os");
    await expect(page.getByRole("searchbox")).toHaveValue("acme-linux");
    // A full reload would also show the URL's filters: this marker proves the page stayed.
    await page.evaluate(() => Object.assign(window, { __stayed: true }));
    await page.getByRole("link", { name: "Offline", exact: true }).click();
    await expect(page).toHaveURL(/\?status=offline&sort=os$/);
    await expect(page.getByLabel("Status")).toHaveValue("offline");
    await expect(page.getByRole("searchbox")).toHaveValue("");
    const offline = (await allRunners("/orgs/acme")).filter((r) => r.status === "offline").length;
    await expect(page.getByRole("row")).toHaveCount(offline + 1);
    await page.goBack();
    await expect(page.getByRole("searchbox")).toHaveValue("acme-linux");
    await expect(page.getByLabel("Status")).toHaveValue("");
    await page.goForward();
    await expect(page.getByLabel("Status")).toHaveValue("offline");
    expect(await page.evaluate(() => (window as unknown as { __stayed?: boolean }).__stayed)).toBe(true);
  });
});

test("without admin:org the org runners page says which scope is needed", async ({ page }) => {
  await signInWithToken(page, TOKENS.monaNoAdminOrg, "/");
  await page.goto("/organizations/acme/settings/actions/runners");
  await expect(page.locator("main").getByRole("alert")).toContainText("admin:org");
  await page.screenshot({ path: "test-results/screens/runners-forbidden.png", fullPage: true });
});

// GitHub gives org runners, read or written, only to owners with admin:org. Without either, the pages say why and
// offer nothing that would write; the write gate (lib/runners/access) stays closed behind that.
for (const who of NOT_ORG_ADMINS) {
  test(`org runners list and runner page for ${who.label}: the reason, no write control, nothing written`, async ({ page }) => {
    const runner = (await allRunners("/orgs/acme"))[0]!;
    await signInWithToken(page, who.token, "/");
    const mark = await sim.mark();
    await page.goto("/organizations/acme/settings/actions/runners");
    await expect(page.locator("main").getByRole("alert")).toContainText(who.says);
    await expect(page.getByRole("button", { name: /Delete|Select all offline/ })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "New self-hosted runner" })).toHaveCount(0);
    await expect(page.getByRole("checkbox")).toHaveCount(0);
    await page.goto(`/organizations/acme/settings/actions/runners/${runner.id}`);
    await expect(page.locator("main").getByRole("alert")).toContainText(who.says);
    await expect(page.getByRole("button", { name: /Remove|Add label|Move|Delete|Create remove token/ })).toHaveCount(0);
    expect((await sim.since(mark)).filter((r) => r.method !== "GET").map((r) => r.route)).toEqual([]);
  });
}
