import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { MONA_STATE, signInWithToken } from "./helpers";
import { TOKENS, sim, simUrl } from "./sim";

mkdirSync("test-results/screens", { recursive: true });

interface ApiResult {
  status: number;
  body: unknown;
}

/** The simulator's REST API with mona's token (the state the tests check). */
async function api(method: string, path: string, body?: unknown): Promise<ApiResult> {
  const r = await fetch(`${simUrl()}/api/v3${path}`, {
    method,
    headers: {
      authorization: `token ${TOKENS.mona}`,
      accept: "application/vnd.github+json",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, body: text ? (JSON.parse(text) as unknown) : null };
}

async function get<T>(path: string): Promise<T> {
  const r = await api("GET", path);
  expect(r.status, `GET ${path}`).toBe(200);
  return r.body as T;
}

async function put(path: string, body: unknown) {
  const r = await api("PUT", path, body);
  expect(r.status, `PUT ${path}: ${JSON.stringify(r.body)}`).toBe(204);
}

interface OrgPolicy {
  enabled_repositories: string;
  allowed_actions?: string;
}
interface SelectedActions {
  github_owned_allowed: boolean;
  verified_allowed?: boolean;
  patterns_allowed: string[];
}
interface Repo {
  id: number;
  full_name: string;
}

async function orgRepos(org: string): Promise<Repo[]> {
  return get<Repo[]>(`/orgs/${org}/repos?per_page=100`);
}

async function selectedRepoNames(org: string): Promise<string[]> {
  const r = await get<{ repositories: Repo[] }>(`/orgs/${org}/actions/permissions/repositories?per_page=100`);
  return r.repositories.map((x) => x.full_name).sort();
}

/** Everything the org policy holds, to restore it after a test. */
async function snapshotOrg(org: string) {
  const policy = await get<OrgPolicy>(`/orgs/${org}/actions/permissions`);
  const ids =
    policy.enabled_repositories === "selected"
      ? (await get<{ repositories: Repo[] }>(`/orgs/${org}/actions/permissions/repositories?per_page=100`)).repositories.map((r) => r.id)
      : undefined;
  const actions =
    policy.allowed_actions === "selected"
      ? await get<SelectedActions>(`/orgs/${org}/actions/permissions/selected-actions`)
      : undefined;
  return async () => {
    // Selected actions and repositories can only be written while the policy uses them.
    if (actions) {
      await put(`/orgs/${org}/actions/permissions`, { enabled_repositories: "all", allowed_actions: "selected" });
      await put(`/orgs/${org}/actions/permissions/selected-actions`, actions);
    }
    if (ids) {
      await put(`/orgs/${org}/actions/permissions`, { enabled_repositories: "selected" });
      await put(`/orgs/${org}/actions/permissions/repositories`, { selected_repository_ids: ids });
    }
    await put(`/orgs/${org}/actions/permissions`, {
      enabled_repositories: policy.enabled_repositories,
      ...(policy.allowed_actions ? { allowed_actions: policy.allowed_actions } : {}),
    });
    expect(await get<OrgPolicy>(`/orgs/${org}/actions/permissions`)).toMatchObject({
      enabled_repositories: policy.enabled_repositories,
    });
  };
}

async function expectNoAxeViolations(page: Page) {
  const axe = await new AxeBuilder({ page }).analyze();
  const bad = axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** Permission writes the dashboard sent since `mark` (from the simulator's request log). */
async function permissionWrites(mark: number) {
  return (await sim.since(mark)).filter((r) => r.method !== "GET" && r.url.includes("/actions/permissions"));
}

const policyCard = (page: Page) => page.getByTestId("policy-in-force");

test.describe("Actions permissions", () => {
  test.use({ storageState: MONA_STATE });

  test("org: whole set of selected repositories, then one at a time", async ({ page }) => {
    const restore = await snapshotOrg("globex");
    try {
      const before = await selectedRepoNames("globex");
      expect(before).toContain("globex/portal");
      expect(before).not.toContain("globex/ml-models");

      await page.goto("/organizations/globex/settings/actions");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Actions permissions");
      await expect(policyCard(page)).toContainText(`Selected repositories (${before.length} repositories)`);

      // The picker: search, swap one repository for another; the form names what changes.
      const picker = page.getByTestId("repo-picker");
      await picker.getByRole("searchbox", { name: "Find a repository" }).fill("portal");
      await picker.getByRole("checkbox", { name: "globex/portal" }).uncheck();
      await picker.getByRole("searchbox", { name: "Find a repository" }).fill("ml-");
      await picker.getByRole("checkbox", { name: "globex/ml-models" }).check();
      await expect(picker.getByText("Will gain Actions")).toBeVisible();
      const impact = page.getByTestId("change-impact");
      await expect(impact).toContainText("1 repository loses Actions: globex/portal");
      await expect(impact).toContainText("1 repository gains Actions: globex/ml-models");
      await page.screenshot({ path: "test-results/screens/permissions-org-picker.png", fullPage: true });

      await page.getByRole("button", { name: "Save", exact: true }).click();
      const dialog = page.getByRole("dialog");
      await expect(dialog).toContainText("1 repository will lose Actions");
      await expect(dialog.getByTestId("confirm-impact")).toContainText("globex/portal");
      await page.screenshot({ path: "test-results/screens/permissions-org-confirm.png" });
      await dialog.getByRole("button", { name: "Save and disable Actions" }).click();

      await expect(page.getByTestId("saved-policy")).toContainText(`Selected repositories (${before.length} repositories)`);
      let now = await selectedRepoNames("globex");
      expect(now).toContain("globex/ml-models");
      expect(now).not.toContain("globex/portal");

      // One at a time: remove ml-models, add portal back, each saved at once.
      const list = page.getByRole("region", { name: /Selected repositories/ });
      let mark = await sim.mark();
      await list.getByRole("button", { name: "Remove globex/ml-models" }).click();
      await expect(page.getByRole("dialog")).toContainText("globex/ml-models will lose GitHub Actions");
      await page.getByRole("dialog").getByRole("button", { name: "Remove and disable Actions" }).click();
      await expect(page.getByTestId("one-at-a-time-outcome")).toHaveText("globex/ml-models can no longer run GitHub Actions.");
      expect((await permissionWrites(mark)).map((r) => r.route)).toEqual([
        "DELETE /orgs/{org}/actions/permissions/repositories/{repository_id}",
      ]);
      now = await selectedRepoNames("globex");
      expect(now).not.toContain("globex/ml-models");

      mark = await sim.mark();
      await list.getByRole("searchbox", { name: "Add a repository" }).fill("portal");
      await list.getByRole("button", { name: "Add globex/portal" }).click();
      await expect(page.getByTestId("one-at-a-time-outcome")).toHaveText("globex/portal may now run GitHub Actions.");
      expect((await permissionWrites(mark)).map((r) => r.route)).toEqual([
        "PUT /orgs/{org}/actions/permissions/repositories/{repository_id}",
      ]);
      expect(await selectedRepoNames("globex")).toEqual(before);
      await expect(list.getByRole("button", { name: "Remove globex/portal" })).toBeVisible();
      await expect(policyCard(page)).toContainText(`Selected repositories (${before.length} repositories)`);
    } finally {
      await restore();
    }
  });

  test("org: disable for all, allowed actions all/local_only/selected, invalid patterns are explained and not sent", async ({ page }) => {
    const restore = await snapshotOrg("acme");
    try {
      const repos = await orgRepos("acme");
      await page.goto("/organizations/acme/settings/actions");
      await expect(policyCard(page)).toContainText("Allow acme, and select non-acme, actions and reusable workflows");
      await expect(policyCard(page)).toContainText("docker/build-push-action@*");
      await expectNoAxeViolations(page);
      await page.screenshot({ path: "test-results/screens/permissions-org.png", fullPage: true });

      // Disable for every repository: the confirmation counts them and wants the org's name typed.
      await page.getByRole("radio", { name: /Disabled for all repositories/ }).check();
      await expect(page.getByTestId("change-impact")).toContainText(`${repos.length} repositories lose Actions`);
      await page.getByRole("button", { name: "Save", exact: true }).click();
      const dialog = page.getByRole("dialog");
      await expect(dialog).toContainText(`${repos.length} repositories will lose Actions`);
      const confirm = dialog.getByRole("button", { name: "Save and disable Actions" });
      await expect(confirm).toBeDisabled();
      await dialog.getByRole("textbox", { name: /Type acme to confirm/ }).fill("acme");
      await confirm.click();
      await expect(page.getByTestId("saved-policy")).toContainText("Disabled for all repositories");
      expect(await get<OrgPolicy>("/orgs/acme/actions/permissions")).toEqual({ enabled_repositories: "none" });

      // Enable for all, local_only: the server does not report allowed actions while disabled, so choose one.
      await page.getByRole("radio", { name: /^All repositories/ }).check();
      await page.getByRole("button", { name: "Save", exact: true }).click();
      await expect(page.getByRole("alert").filter({ hasText: "Nothing was saved" })).toContainText(
        "Choose which actions and reusable workflows are allowed.",
      );
      await page.getByRole("radio", { name: /Allow acme actions and reusable workflows/ }).check();
      await page.getByRole("button", { name: "Save", exact: true }).click();
      await expect(page.getByTestId("saved-policy")).toContainText("Allow acme actions and reusable workflows");
      expect(await get<OrgPolicy>("/orgs/acme/actions/permissions")).toMatchObject({
        enabled_repositories: "all",
        allowed_actions: "local_only",
      });

      // All actions.
      await page.getByRole("radio", { name: /Allow all actions and reusable workflows/ }).check();
      await page.getByRole("button", { name: "Save", exact: true }).click();
      await expect(page.getByTestId("saved-policy")).toContainText("Allow all actions and reusable workflows");
      expect(await get<OrgPolicy>("/orgs/acme/actions/permissions")).toMatchObject({ allowed_actions: "all" });

      // Selected, with invalid patterns: explained line by line, nothing sent.
      await page.getByRole("radio", { name: /select non-acme/ }).check();
      const patterns = page.getByRole("textbox", { name: /Allow specified actions and reusable workflows/ });
      await patterns.fill("acme/*\nactions/checkout\ndocker://Alpine:3\nocto-org/repo@v1@v2\nhashicorp/setup-terraform@v3");
      const mark = await sim.mark();
      await page.getByRole("button", { name: "Save", exact: true }).click();
      const problems = page.getByTestId("pattern-problems");
      await expect(problems).toContainText("Line 2, actions/checkout");
      await expect(problems).toContainText("actions/checkout@*");
      await expect(problems).toContainText("Line 3, docker://Alpine:3");
      await expect(problems).toContainText("lowercase");
      await expect(problems).toContainText("Line 4, octo-org/repo@v1@v2");
      await expect(patterns).toHaveAttribute("aria-invalid", "true");
      await expect(page.getByRole("alert").filter({ hasText: "Nothing was saved" })).toBeVisible();
      await page.screenshot({ path: "test-results/screens/permissions-patterns-invalid.png", fullPage: true });
      await expectNoAxeViolations(page);
      expect(await permissionWrites(mark)).toEqual([]);
      expect(await get<OrgPolicy>("/orgs/acme/actions/permissions")).toMatchObject({ allowed_actions: "all" });

      await patterns.fill("acme/*\nactions/checkout@*\ndocker://alpine:3\nocto-org/another-repo/.github/workflows/ci.yml@v1");
      await page.getByRole("checkbox", { name: /Allow Marketplace actions by verified creators/ }).uncheck();
      await page.getByRole("checkbox", { name: /Allow actions created by GitHub/ }).check();
      await page.getByRole("button", { name: "Save", exact: true }).click();
      // all → selected restricts what workflows may use: confirmed first.
      await expect(page.getByRole("dialog")).toContainText("fail to start");
      await page.getByRole("dialog").getByRole("button", { name: "Save" }).click();
      await expect(page.getByTestId("saved-policy")).toContainText("docker://alpine:3");
      expect(await get<OrgPolicy>("/orgs/acme/actions/permissions")).toMatchObject({ allowed_actions: "selected" });
      expect(await get<SelectedActions>("/orgs/acme/actions/permissions/selected-actions")).toEqual({
        github_owned_allowed: true,
        verified_allowed: false,
        patterns_allowed: ["acme/*", "actions/checkout@*", "docker://alpine:3", "octo-org/another-repo/.github/workflows/ci.yml@v1"],
      });
      await expect(policyCard(page)).toContainText("octo-org/another-repo/.github/workflows/ci.yml@v1");
    } finally {
      await restore();
    }
  });

  test("repo: disable, enable, allowed actions and its own selected actions", async ({ page }) => {
    // globex allows all actions, so its repositories choose for themselves.
    const initial = await get<{ enabled: boolean; allowed_actions?: string }>("/repos/globex/portal/actions/permissions");
    expect(initial).toMatchObject({ enabled: true, allowed_actions: "all" });
    try {
      await page.goto("/globex/portal/settings/actions");
      await expect(policyCard(page)).toContainText("Enabled");
      await expect(page.getByTestId("inherited-allowed")).toHaveCount(0);

      // Selected actions of its own, with an invalid pattern first.
      await page.getByRole("radio", { name: /select non-globex/ }).check();
      const patterns = page.getByRole("textbox", { name: /Allow specified actions and reusable workflows/ });
      await patterns.fill("globex/*\n!globex/legacy-action@*\nactions/setup-node");
      const mark = await sim.mark();
      await page.getByRole("button", { name: "Save", exact: true }).click();
      await expect(page.getByTestId("pattern-problems")).toContainText("Line 3, actions/setup-node");
      expect(await permissionWrites(mark)).toEqual([]);
      await patterns.fill("globex/*\n!globex/legacy-action@*\nactions/setup-node@v4");
      await page.getByRole("button", { name: "Save", exact: true }).click();
      await page.getByRole("dialog").getByRole("button", { name: "Save" }).click();
      await expect(page.getByTestId("saved-policy")).toContainText("actions/setup-node@v4");
      expect(await get<{ allowed_actions: string }>("/repos/globex/portal/actions/permissions")).toMatchObject({
        enabled: true,
        allowed_actions: "selected",
      });
      expect(await get<SelectedActions>("/repos/globex/portal/actions/permissions/selected-actions")).toMatchObject({
        patterns_allowed: ["globex/*", "!globex/legacy-action@*", "actions/setup-node@v4"],
      });
      await expectNoAxeViolations(page);
      await page.screenshot({ path: "test-results/screens/permissions-repo.png", fullPage: true });

      // local_only.
      await page.getByRole("radio", { name: /^Allow globex actions and reusable workflows/ }).check();
      await page.getByRole("button", { name: "Save", exact: true }).click();
      await page.getByRole("dialog").getByRole("button", { name: "Save" }).click();
      await expect(page.getByTestId("saved-policy")).toContainText("Allow globex actions and reusable workflows");
      expect(await get<{ allowed_actions: string }>("/repos/globex/portal/actions/permissions")).toMatchObject({
        allowed_actions: "local_only",
      });

      // Disable: the confirmation names the repository that loses Actions.
      await page.getByRole("radio", { name: /^Disabled/ }).check();
      await expect(page.getByTestId("change-impact")).toContainText("1 repository loses Actions: globex/portal");
      await page.getByRole("button", { name: "Save", exact: true }).click();
      await expect(page.getByRole("dialog")).toContainText("globex/portal will lose GitHub Actions");
      await page.getByRole("dialog").getByRole("button", { name: "Save and disable Actions" }).click();
      await expect(page.getByTestId("saved-policy")).toContainText("Disabled");
      expect(await get<{ enabled: boolean }>("/repos/globex/portal/actions/permissions")).toEqual({ enabled: false });

      // Enable again with all actions (the choice is required: a disabled repository reports none).
      await page.getByRole("radio", { name: /^Enabled/ }).check();
      await page.getByRole("radio", { name: /Allow all actions and reusable workflows/ }).check();
      await page.getByRole("button", { name: "Save", exact: true }).click();
      await expect(page.getByTestId("saved-policy")).toContainText("Allow all actions and reusable workflows");
      expect(await get<{ enabled: boolean }>("/repos/globex/portal/actions/permissions")).toMatchObject({
        enabled: true,
        allowed_actions: "all",
      });
    } finally {
      await put("/repos/globex/portal/actions/permissions", { enabled: true, allowed_actions: "selected" });
      await put("/repos/globex/portal/actions/permissions/selected-actions", {
        github_owned_allowed: true,
        verified_allowed: false,
        patterns_allowed: [],
      });
      await put("/repos/globex/portal/actions/permissions", { enabled: true, allowed_actions: initial.allowed_actions });
    }
  });

  test("repo under a restrictive org policy shows it as inherited and cannot loosen it", async ({ page }) => {
    const mark = await sim.mark();
    // acme selects the actions: its repositories may not allow all, and its list applies to them.
    await page.goto("/acme/web/settings/actions");
    await expect(page.getByTestId("inherited-allowed")).toContainText(
      "acme allows: Allow acme, and select non-acme, actions and reusable workflows",
    );
    await expect(page.getByTestId("inherited-allowed").getByRole("link", { name: "acme's Actions permissions" })).toHaveAttribute(
      "href",
      "/organizations/acme/settings/actions",
    );
    const all = page.getByRole("radio", { name: /Allow all actions and reusable workflows/ });
    await expect(all).toBeDisabled();
    await expect(page.getByText("Not allowed by acme")).toBeVisible();
    await expect(page.getByRole("radio", { name: /select non-acme/ })).toBeChecked();
    await expect(page.getByTestId("inherited-selected-actions")).toContainText("this list comes from the organization");
    await expect(page.getByTestId("org-selected-actions")).toContainText("hashicorp/setup-terraform@v3");
    await expect(page.getByRole("textbox", { name: /Allow specified actions/ })).toHaveCount(0);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: "test-results/screens/permissions-repo-inherited.png", fullPage: true });
    await expect(page.getByTestId("inherited-note")).toContainText("From acme");
    await page.emulateMedia({ colorScheme: "dark" });
    await expectNoAxeViolations(page);
    await page.screenshot({ path: "test-results/screens/permissions-repo-inherited-dark.png", fullPage: true });
    await page.emulateMedia({ colorScheme: "light" });

    // globex enables only selected repositories; ml-models is not one of them.
    await page.goto("/globex/ml-models/settings/actions");
    await expect(page.getByTestId("inherited-enabled")).toContainText(
      "globex's policy enables GitHub Actions only for selected repositories, and globex/ml-models is not one of them",
    );
    await expect(page.getByTestId("inherited-enabled").getByRole("link")).toHaveAttribute(
      "href",
      "/organizations/globex/settings/actions",
    );
    await expect(page.getByRole("radio", { name: /^Enabled/ })).toBeDisabled();
    await expect(page.getByRole("button", { name: "Save", exact: true })).toHaveCount(0);
    await page.screenshot({ path: "test-results/screens/permissions-repo-disabled-by-org.png", fullPage: true });
    await expectNoAxeViolations(page);
    expect(await permissionWrites(mark)).toEqual([]);
    expect(await get<{ enabled: boolean }>("/repos/globex/ml-models/actions/permissions")).toEqual({ enabled: false });
  });
});

test("a repository admin who cannot read the org's policy is told so, and GitHub's refusal is shown", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: process.env.AC_BASE_URL });
  const page = await context.newPage();
  try {
    await signInWithToken(page, TOKENS.hubot, "/acme/web/settings/actions");
    await page.goto("/acme/web/settings/actions");
    await expect(page.getByText("acme's own policy could not be read")).toBeVisible();
    const mark = await sim.mark();
    // hubot may try "all"; acme's policy refuses it, and the page says nothing changed.
    await page.getByRole("radio", { name: /Allow all actions and reusable workflows/ }).check();
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByRole("alert").filter({ hasText: "The change was not saved completely" })).toContainText(
      "This change was not applied.",
    );
    const writes = await permissionWrites(mark);
    expect(writes.map((w) => [w.route, w.status])).toEqual([["PUT /repos/{owner}/{repo}/actions/permissions", 409]]);
    expect(await get<{ allowed_actions: string }>("/repos/acme/web/actions/permissions")).toMatchObject({
      allowed_actions: "selected",
    });
    await page.screenshot({ path: "test-results/screens/permissions-repo-refused.png", fullPage: true });
  } finally {
    await context.close();
  }
});
