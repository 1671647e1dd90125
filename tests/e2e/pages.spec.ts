import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { MONA_STATE } from "./helpers";

const PAGES = [
  { name: "home", path: "/", h1: "Your organizations and repositories", github: "/" },
  // An org's page on GitHub is /{org}.
  { name: "org", path: "/organizations/acme", h1: /acme/i, github: "/acme" },
  { name: "repo", path: "/acme/web", h1: /web/, github: "/acme/web" },
];

mkdirSync("test-results/screens", { recursive: true });

test.describe("pages", () => {
  test.use({ storageState: MONA_STATE });

  for (const p of PAGES) {
    for (const scheme of ["light", "dark"] as const) {
      test(`${p.name} (${scheme}) paints from the server, links to GitHub, and axe finds no serious violation`, async ({ page }) => {
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(p.path);
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(p.h1);
        const gh = page.getByTestId("open-on-github");
        await expect(gh).toHaveAttribute("href", `${process.env.AC_SIM_URL}${p.github}`);
        // Let client-side queries settle before the screenshot and axe.
        await page.waitForTimeout(1000);
        await page.screenshot({ path: `test-results/screens/${p.name}-${scheme}.png`, fullPage: true });
        const axe = await new AxeBuilder({ page }).analyze();
        const bad = axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
        expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
      });
    }
  }

  test("the first paint of a shared link carries its data (no client waterfall)", async ({ browser }) => {
    const context = await browser.newContext({ storageState: MONA_STATE, baseURL: process.env.AC_BASE_URL, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/acme/web");
    // Without JavaScript the server-rendered HTML alone shows the repository's workflows.
    await expect(page.getByText("ci.yml").first()).toBeVisible();
    await context.close();
  });
});

test("login page is accessible", async ({ page }) => {
  await page.goto("/login");
  await page.screenshot({ path: "test-results/screens/login.png", fullPage: true });
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
});

test("health endpoint answers for load balancers", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(((await res.json()) as { status: string }).status).toBe("ok");
});
