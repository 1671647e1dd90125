import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { mkdirSync, readFileSync } from "node:fs";
import { MONA_STATE } from "./helpers";
import { TOKENS, sim, simUrl } from "./sim";

mkdirSync("test-results/screens", { recursive: true });

interface SimArtifact {
  id: number;
  name: string;
  size_in_bytes: number;
  expired: boolean;
  expires_at: string;
  created_at: string;
}

const auth = { authorization: `Bearer ${TOKENS.mona}`, accept: "application/vnd.github+json" };

/** Every artifact of a repository, straight from the simulator (all pages). */
async function allArtifacts(repo: string): Promise<SimArtifact[]> {
  const out: SimArtifact[] = [];
  for (let page = 1; page < 100; page++) {
    const r = await fetch(`${simUrl()}/api/v3/repos/${repo}/actions/artifacts?per_page=100&page=${page}`, {
      headers: auth,
    });
    const body = (await r.json()) as { artifacts: SimArtifact[] };
    out.push(...body.artifacts);
    if (body.artifacts.length < 100) break;
  }
  // In the page's default order: newest first (ties: highest id first).
  return out.sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id);
}

async function expectNoSeriousAxe(page: Page) {
  const axe = await new AxeBuilder({ page }).analyze();
  const bad = axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function hydrated(page: Page) {
  await expect(page.locator("tbody time").first()).toHaveText(/ago|just now|in /);
}

test.describe("artifacts", () => {
  test.use({ storageState: MONA_STATE });

  test("totals every artifact's size as the simulator does; expired selection matches", async ({ page }) => {
    const expected = await allArtifacts("acme/web");
    await page.goto("/acme/web/actions/artifacts");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Artifacts");
    await hydrated(page);
    const sum = expected.reduce((s, a) => s + a.size_in_bytes, 0);
    await expect(page.getByTestId("artifact-count")).toHaveText(expected.length.toLocaleString("en-US"));
    await expect(page.getByTestId("artifact-total")).toHaveAttribute("data-bytes", String(sum));
    await expect(page.getByText(`${sum.toLocaleString("en-US")} bytes`)).toBeVisible();
    await expect(page.locator("tbody tr[data-artifact-id]")).toHaveCount(Math.min(expected.length, 100));
    await expect(page.locator("tbody tr[data-artifact-id]").first()).toHaveAttribute(
      "data-artifact-id",
      String(expected[0]?.id),
    );
    if (expected.length > 100) {
      await page
        .getByRole("navigation", { name: "Artifact pages" })
        .getByRole("button", { name: "Next →" })
        .click();
      await expect(page.locator("tbody tr[data-artifact-id]").first()).toHaveAttribute(
        "data-artifact-id",
        String(expected[100]?.id),
      );
    }

    const now = Date.now();
    const expiredCount = expected.filter((a) => a.expired || Date.parse(a.expires_at) <= now).length;
    await page.getByRole("button", { name: `Select expired (${expiredCount})` }).click();
    await expect(page.getByRole("button", { name: `Delete selected (${expiredCount})` })).toBeVisible();

    // Sorting by size: the first row is the largest, and the choice is in the URL.
    await page.getByLabel("Sort").selectOption("size-desc");
    await expect(page).toHaveURL(/sort=size-desc/);
    const largest = [...expected].sort((a, b) => b.size_in_bytes - a.size_in_bytes || b.id - a.id)[0];
    await expect(page.locator("tbody tr[data-artifact-id]").first()).toHaveAttribute(
      "data-artifact-id",
      String(largest?.id),
    );

    // A size that is not one is explained.
    await page.getByLabel("Larger than").fill("huge");
    await page.getByRole("button", { name: "Select larger" }).click();
    await expect(page.getByText("“huge” is not a size.")).toBeVisible();
    await page.screenshot({ path: "test-results/screens/artifacts-web.png", fullPage: true });
  });

  test("download streams the same bytes as the simulator's own download", async ({ page }) => {
    const artifact = (await allArtifacts("acme/web")).find(
      (a) => !a.expired && Date.parse(a.expires_at) > Date.now(),
    );
    if (!artifact) throw new Error("no downloadable artifact in acme/web");
    const direct = await fetch(`${simUrl()}/api/v3/repos/acme/web/actions/artifacts/${artifact.id}/zip`, {
      headers: auth,
    });
    expect(direct.status).toBe(200);
    const expected = Buffer.from(await direct.arrayBuffer());
    expect(expected.length).toBe(artifact.size_in_bytes);

    await page.goto("/acme/web/actions/artifacts");
    await hydrated(page);
    const downloadPromise = page.waitForEvent("download");
    await page.getByRole("link", { name: `Download ${artifact.name} (#${artifact.id})` }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toBe(`${artifact.name}.zip`);
    const file = await download.path();
    expect(Buffer.compare(readFileSync(file), expected)).toBe(0);
  });

  test("bulk delete: one DELETE per selected artifact, each result shown, totals follow", async ({
    page,
  }) => {
    const before = await allArtifacts("acme/infra");
    const victims = before.slice(0, 3);
    expect(victims.length).toBe(3);
    await page.goto("/acme/infra/actions/artifacts");
    await hydrated(page);
    for (const a of victims)
      await page.locator(`tbody tr[data-artifact-id="${a.id}"]`).getByRole("checkbox").check();
    const writes = await sim.writes();
    const mark = await sim.mark();
    await page.getByRole("button", { name: "Delete selected (3)" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete 3 artifacts?" });
    await expect(dialog.getByRole("button", { name: "Delete artifacts" })).toBeDisabled();
    await dialog.getByRole("textbox").fill("delete 3");
    await dialog.getByRole("button", { name: "Delete artifacts" }).click();
    const region = page.getByRole("region", { name: "Deleting artifacts" });
    await expect(region.getByRole("status")).toHaveText("3 succeeded, 0 failed.");
    for (const a of victims) await expect(region).toContainText(`${a.name} (#${a.id})`);

    const deletes = (await sim.since(mark)).filter((r) => r.method === "DELETE");
    expect(deletes.map((r) => r.url).sort()).toEqual(
      victims.map((a) => `/api/v3/repos/acme/infra/actions/artifacts/${a.id}`).sort(),
    );
    const key = "DELETE /repos/{owner}/{repo}/actions/artifacts/{artifact_id}";
    expect(((await sim.writes())[key] ?? 0) - (writes[key] ?? 0)).toBe(3);

    const after = await allArtifacts("acme/infra");
    expect(after.length).toBe(before.length - 3);
    for (const a of victims)
      await expect(page.locator(`tbody tr[data-artifact-id="${a.id}"]`)).toHaveCount(0);
    await expect(page.getByTestId("artifact-total")).toHaveAttribute(
      "data-bytes",
      String(after.reduce((s, a) => s + a.size_in_bytes, 0)),
    );
    await page.screenshot({ path: "test-results/screens/artifacts-deleted.png", fullPage: true });
  });

  test("one delete that fails says whether it happened", async ({ page }) => {
    const victim = (await allArtifacts("acme/infra"))[0];
    if (!victim) throw new Error("no artifact in acme/infra");
    await page.goto("/acme/infra/actions/artifacts");
    await hydrated(page);
    await sim.setFaults({
      errorRates: [
        { route: "DELETE /repos/{owner}/{repo}/actions/artifacts/{artifact_id}", rate: 1, statuses: [502] },
      ],
    });
    try {
      await page.getByRole("button", { name: `Delete ${victim.name} (#${victim.id})` }).click();
      await page
        .getByRole("dialog", { name: `Delete artifact ${victim.name}?` })
        .getByRole("button", { name: "Delete artifact" })
        .click();
      const region = page.getByRole("region", { name: "Deleting artifacts" });
      await expect(region.getByRole("status")).toHaveText("0 succeeded, 1 failed.");
    } finally {
      await sim.clearFaults();
    }
    const r = await fetch(`${simUrl()}/api/v3/repos/acme/infra/actions/artifacts/${victim.id}`, {
      headers: auth,
    });
    expect(r.status).toBe(200);
  });

  test("artifacts page: axe (light and dark)", async ({ page }) => {
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto("/acme/web/actions/artifacts");
      await hydrated(page);
      await page.screenshot({ path: `test-results/screens/artifacts-${scheme}.png`, fullPage: true });
      await expectNoSeriousAxe(page);
    }
  });
});
