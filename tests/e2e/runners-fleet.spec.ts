// The org runners page with a fleet of 500: every runner of every API page, counts and filters as the simulator has
// them. Timings are in bench/runners.bench.ts (which uses the `runners` seed option), not asserted here.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { MONA_STATE } from "./helpers";
import { TOKENS, simUrl } from "./sim";

mkdirSync("test-results/screens", { recursive: true });

const FLEET = 500;

async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
  const r = await fetch(`${simUrl()}/_sim${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(r.ok, `${method} /_sim${path}`).toBe(true);
  return (await r.json()) as T;
}

interface ApiRunner {
  id: number;
  name: string;
  status: string;
  busy: boolean;
  labels: { name: string }[];
}

async function api<T>(path: string): Promise<T> {
  const r = await fetch(`${simUrl()}/api/v3${path}`, { headers: { authorization: `token ${TOKENS.mona}` } });
  expect(r.status, path).toBe(200);
  return (await r.json()) as T;
}

async function acmeRunners(): Promise<ApiRunner[]> {
  const out: ApiRunner[] = [];
  for (let page = 1; ; page++) {
    const body = await api<{ total_count: number; runners: ApiRunner[] }>(`/orgs/acme/actions/runners?per_page=100&page=${page}`);
    out.push(...body.runners);
    if (out.length >= body.total_count || body.runners.length === 0) return out;
  }
}

test.describe("runners page with a fleet of 500", () => {
  test.use({ storageState: MONA_STATE });
  const uid = Date.now().toString(36);
  const added: number[] = [];

  // The shared simulator is not re-seeded (that would end the sessions other suites signed in with): acme's fleet
  // is filled up to 500 through the control interface (mixed OS, status, labels, groups), and emptied afterwards.
  test.beforeAll(async () => {
    const have = (await acmeRunners()).length;
    const oses = ["Linux", "Linux", "Windows", "macOS"];
    for (let i = 0; added.length < FLEET - have; i++) {
      const r = await control<{ id: number }>("POST", "/state/runners", {
        org: "acme",
        name: `fleet-${uid}-${String(i).padStart(3, "0")}`,
        os: oses[i % oses.length],
        status: i % 4 === 3 ? "offline" : "online",
        labels: i % 3 === 0 ? ["gpu", "large"] : i % 3 === 1 ? ["build"] : [],
      });
      added.push(r.id);
    }
  });

  test.afterAll(async () => {
    for (const id of added) {
      await fetch(`${simUrl()}/api/v3/orgs/acme/actions/runners/${id}`, { method: "DELETE", headers: { authorization: `token ${TOKENS.mona}` } });
    }
  });

  test("every runner, counts, filters and busy jobs match the simulator; axe", async ({ page }) => {
    const runners = await acmeRunners();
    expect(runners).toHaveLength(FLEET);
    const busy = runners.filter((r) => r.busy);
    const offline = runners.filter((r) => !r.busy && r.status === "offline");

    await page.goto("/organizations/acme/settings/actions/runners");
    await expect(page.getByTestId("count-total")).toHaveText(String(FLEET));
    await expect(page.getByTestId("count-offline")).toHaveText(String(offline.length));
    // Busy and idle move with the live engine; together they are the online runners.
    await expect
      .poll(async () => Number(await page.getByTestId("count-busy").textContent()) + Number(await page.getByTestId("count-idle").textContent()))
      .toBe(FLEET - offline.length);
    await expect(page.getByText(`Showing ${FLEET} of ${FLEET} runners`)).toBeVisible();
    await expect(page.locator('tr[data-testid^="runner-row-"]')).toHaveCount(FLEET);
    // A runner of the last API page is on the page too.
    const last = runners[runners.length - 1];
    await expect(page.getByTestId(`runner-row-${last?.name}`)).toBeVisible();
    if (busy.length > 0) await expect(page.getByTestId("busy-job").first()).toBeVisible({ timeout: 30_000 });

    await new AxeBuilder({ page }).analyze().then((result) => {
      const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    });
    await page.screenshot({ path: "test-results/screens/runners-fleet-500.png" });

    // Name search, then status and label: the rows are the simulator's runners that match; the URL keeps the filters.
    const q = `fleet-${uid}-1`;
    await page.getByRole("searchbox", { name: "Name" }).fill(q);
    const byName = runners.filter((r) => r.name.toLowerCase().includes(q));
    expect(byName.length).toBeGreaterThan(50);
    await expect(page.locator('tr[data-testid^="runner-row-"]')).toHaveCount(byName.length);
    await expect(page.getByText(`Showing ${byName.length} of ${FLEET} runners`)).toBeVisible();
    await page.getByRole("combobox", { name: "Status" }).selectOption("offline");
    await page.getByRole("combobox", { name: "Label" }).selectOption("gpu");
    const want = byName.filter((r) => r.status === "offline" && r.labels.some((l) => l.name === "gpu"));
    expect(want.length).toBeGreaterThan(3);
    await expect(page.locator('tr[data-testid^="runner-row-"]')).toHaveCount(want.length);
    await expect(page).toHaveURL(new RegExp(`\\?q=${q}&status=offline&label=gpu$`));
    for (const r of want) await expect(page.getByTestId(`runner-row-${r.name}`)).toBeVisible();
    await page.screenshot({ path: "test-results/screens/runners-fleet-500-filtered.png" });

    // The shared link opens with the same rows.
    await page.reload();
    await expect(page.locator('tr[data-testid^="runner-row-"]')).toHaveCount(want.length);
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect(page.locator('tr[data-testid^="runner-row-"]')).toHaveCount(FLEET);
  });
});
