import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { MONA_STATE, signInWithToken } from "./helpers";
import { NOT_ORG_ADMINS, TOKENS, sim, simUrl } from "./sim";

mkdirSync("test-results/screens", { recursive: true });

const uid = Date.now().toString(36);

async function api<T>(method: string, path: string): Promise<{ status: number; body: T }> {
  const r = await fetch(`${simUrl()}/api/v3${path}`, {
    method,
    headers: { authorization: `token ${TOKENS.mona}`, accept: "application/vnd.github+json" },
  });
  const text = await r.text();
  return { status: r.status, body: (text ? JSON.parse(text) : null) as T };
}

const addRunner = (name: string) => sim.addRunner({ org: "acme", name });

interface Group {
  id: number;
  name: string;
  visibility: string;
  allows_public_repositories: boolean;
  restricted_to_workflows?: boolean;
  selected_workflows?: string[];
}

const groupRepos = async (id: number) =>
  (await api<{ repositories: { full_name: string }[] }>("GET", `/orgs/acme/actions/runner-groups/${id}/repositories?per_page=100`)).body.repositories
    .map((r) => r.full_name)
    .sort();
const groupRunners = async (id: number) =>
  (await api<{ runners: { name: string }[] }>("GET", `/orgs/acme/actions/runner-groups/${id}/runners?per_page=100`)).body.runners.map((r) => r.name).sort();

async function axe(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test.describe("runner groups", () => {
  test.use({ storageState: MONA_STATE });

  test("list shows visibility, counts, default and inherited as the simulator has them; axe", async ({ page }) => {
    const groups = (await api<{ runner_groups: Group[] }>("GET", "/orgs/acme/actions/runner-groups")).body.runner_groups;
    const prod = groups.find((g) => g.name === "production-deployers")!;
    const prodRunners = (await api<{ total_count: number }>("GET", `/orgs/acme/actions/runner-groups/${prod.id}/runners?per_page=1`)).body.total_count;
    const prodRepos = (await api<{ total_count: number }>("GET", `/orgs/acme/actions/runner-groups/${prod.id}/repositories?per_page=1`)).body.total_count;
    await page.goto("/organizations/acme/settings/actions/runner-groups");
    await expect(page.getByRole("heading", { level: 1, name: "Runner groups" })).toBeVisible();
    for (const g of groups) await expect(page.getByTestId(`group-row-${g.name}`)).toBeVisible();
    await expect(page.getByTestId("group-row-Default")).toContainText("Default");
    await expect(page.getByTestId("group-row-Default")).toContainText("All repositories");
    await expect(page.getByTestId("group-row-enterprise-shared")).toContainText("Inherited from the enterprise");
    const row = page.getByTestId("group-row-production-deployers");
    await expect(row).toContainText("Selected repositories");
    await expect(row.getByTestId("group-runners")).toHaveText(String(prodRunners));
    await expect(row.getByTestId("group-repos")).toHaveText(String(prodRepos));
    await page.screenshot({ path: "test-results/screens/runner-groups-list.png", fullPage: true });
    await axe(page);
  });

  test("create, edit, repository and runner membership, delete: each reflected in the simulator", async ({ page }) => {
    const name = `e2e-group-${uid}`;
    const r1 = `e2e-gr-${uid}-1`;
    const r2 = `e2e-gr-${uid}-2`;
    const r1Id = await addRunner(r1);
    await addRunner(r2);

    await page.goto("/organizations/acme/settings/actions/runner-groups/new");
    // Bad input is refused before anything is sent.
    const before = await sim.mark();
    await page.getByRole("button", { name: "Create group" }).click();
    await expect(page.getByText("Enter a name for the group.")).toBeVisible();
    await page.getByLabel("Group name").fill("Default");
    await page.getByRole("button", { name: "Create group" }).click();
    await expect(page.getByText("A runner group named “Default” already exists.")).toBeVisible();
    expect((await sim.since(before)).filter((r) => r.method === "POST")).toEqual([]);

    await page.getByLabel("Group name").fill(name);
    await page.getByLabel("Selected repositories").check();
    await page.getByLabel("Search repositories").fill("acme/docs");
    await page.getByRole("checkbox", { name: "acme/docs" }).check();
    await page.getByRole("checkbox", { name: r1 }).check();
    const ci = "acme/docs/.github/workflows/ci.yml@refs/heads/main";
    await page.getByLabel("Only selected workflows may use this group").check();
    await page.getByLabel(/^Workflows, one per line/).fill(ci);
    await page.screenshot({ path: "test-results/screens/runner-groups-new.png", fullPage: true });
    await axe(page);
    await page.getByRole("button", { name: "Create group" }).click();
    await expect(page).toHaveURL(/\/runner-groups\/\d+$/);
    const id = Number(/(\d+)$/.exec(page.url())![1]);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
    let g = (await api<Group>("GET", `/orgs/acme/actions/runner-groups/${id}`)).body;
    expect(g).toMatchObject({ name, visibility: "selected", allows_public_repositories: false, restricted_to_workflows: true, selected_workflows: [ci] });
    expect(await groupRepos(id)).toEqual(["acme/docs"]);
    expect(await groupRunners(id)).toEqual([r1]);

    // Edit the settings.
    await page.getByLabel("Group name").fill(`${name}-x`);
    await page.getByLabel(/Allow public repositories/).check();
    const deploy = "acme/docs/.github/workflows/deploy.yml@refs/tags/v1";
    await expect(page.getByLabel(/^Workflows, one per line/)).toHaveValue(ci);
    await page.getByLabel(/^Workflows, one per line/).fill(`${ci}\n${deploy}`);
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText(`Saved the group “${name}-x”.`)).toBeVisible();
    g = (await api<Group>("GET", `/orgs/acme/actions/runner-groups/${id}`)).body;
    expect(g).toMatchObject({ name: `${name}-x`, allows_public_repositories: true, restricted_to_workflows: true, selected_workflows: [ci, deploy] });

    // Repository access: the whole set (PUT), then one removed (DELETE).
    await page.getByLabel("Search repositories").fill("acme/infra");
    await page.getByRole("checkbox", { name: "acme/infra" }).check();
    const mark = await sim.mark();
    await page.getByRole("button", { name: "Save repository access" }).click();
    await expect(page.getByText("Saved repository access: 2 repositories.")).toBeVisible();
    expect((await sim.since(mark)).filter((r) => r.method === "PUT").map((r) => r.route)).toEqual([
      "PUT /orgs/{org}/actions/runner-groups/{runner_group_id}/repositories",
    ]);
    expect(await groupRepos(id)).toEqual(["acme/docs", "acme/infra"]);
    await page.getByRole("button", { name: "Remove access for acme/docs" }).click();
    await expect(page.getByText("Removed acme/docs from the group.")).toBeVisible();
    expect(await groupRepos(id)).toEqual(["acme/infra"]);

    // Runners: add one, remove the other (it goes back to Default).
    await page.getByLabel(/Add a runner/).selectOption({ label: r2 });
    await page.getByRole("button", { name: "Add runner" }).click();
    await expect(page.getByText(`Added ${r2} to the group.`)).toBeVisible();
    expect(await groupRunners(id)).toEqual([r1, r2].sort());
    await page.getByRole("button", { name: `Remove ${r1} from the group` }).click();
    await expect(page.getByText(`Removed ${r1}: it is now in the Default group.`)).toBeVisible();
    expect(await groupRunners(id)).toEqual([r2]);
    expect((await api<{ runner_group_id: number }>("GET", `/orgs/acme/actions/runners/${r1Id}`)).body.runner_group_id).toBe(1);
    await page.screenshot({ path: "test-results/screens/runner-groups-detail.png", fullPage: true });
    await axe(page);

    // Delete: the page says where the runners go before the admin confirms.
    await page.getByRole("button", { name: "Delete group" }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toContainText("Its 1 runner will move to the Default group");
    await dialog.getByRole("textbox").fill(`${name}-x`);
    await dialog.getByRole("button", { name: "Delete group" }).click();
    await expect(page.getByText(`The runner group ${name}-x was deleted`)).toBeVisible();
    expect((await api("GET", `/orgs/acme/actions/runner-groups/${id}`)).status).toBe(404);
    expect(await groupRunners(1)).toContain(r2);
  });

  test("the Default group cannot be deleted and an inherited group is read-only, with the reasons", async ({ page }) => {
    await page.goto("/organizations/acme/settings/actions/runner-groups/1");
    await expect(page.getByText("The Default group cannot be deleted.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Delete group" })).toHaveCount(0);
    const groups = (await api<{ runner_groups: Group[] }>("GET", "/orgs/acme/actions/runner-groups")).body.runner_groups;
    const inherited = groups.find((g) => g.name === "enterprise-shared")!;
    await page.goto(`/organizations/acme/settings/actions/runner-groups/${inherited.id}`);
    await expect(page.getByText("Read-only: inherited from the enterprise")).toBeVisible();
    await expect(page.getByRole("button", { name: "Save changes" })).toBeDisabled();
    await expect(page.getByText("An inherited group can only be deleted by an enterprise owner.")).toBeVisible();
    await page.screenshot({ path: "test-results/screens/runner-groups-inherited.png", fullPage: true });
    await axe(page);
  });
});

// GitHub gives org runner groups, read or written, only to owners with admin:org: without either, the group page
// shows why and offers nothing that would write (the write gate of lib/runners/access stays closed behind it).
for (const who of NOT_ORG_ADMINS) {
  test(`runner group page for ${who.label}: the reason, no write control, nothing written`, async ({ page }) => {
    await signInWithToken(page, who.token, "/");
    const mark = await sim.mark();
    await page.goto("/organizations/acme/settings/actions/runner-groups/1");
    await expect(page.locator("main").getByRole("alert")).toContainText(who.says);
    await expect(page.getByRole("button", { name: /Save|Delete|Remove|Add runner/ })).toHaveCount(0);
    await page.goto("/organizations/acme/settings/actions/runner-groups");
    await expect(page.locator("main").getByRole("alert")).toContainText(who.says);
    await expect(page.getByRole("link", { name: "New runner group" })).toHaveCount(0);
    expect((await sim.since(mark)).filter((r) => r.method !== "GET").map((r) => r.route)).toEqual([]);
  });
}
