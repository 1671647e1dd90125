import { expect, test } from "@playwright/test";
import { signInWithToken } from "./helpers";
import { sim, TOKENS } from "./sim";

test.describe("errors say what happened and what to do", () => {
  test("401: the proxy answers JSON and pages send to sign-in", async ({ page }) => {
    const res = await page.request.get("/api/github/user");
    expect(res.status()).toBe(401);
    const body = (await res.json()) as { error: { status: number; message: string } };
    expect(body.error.status).toBe(401);
    expect(body.error.message).toBeTruthy();
  });

  test("403 for a missing scope names the scope", async ({ page }) => {
    await signInWithToken(page, TOKENS.monaNoAdminOrg);
    await page.goto("/organizations/acme");
    const alert = page.getByRole("alert").filter({ hasText: "missing a scope" });
    await expect(alert).toBeVisible();
    await expect(alert.locator("code", { hasText: "admin:org" }).first()).toBeVisible();
  });

  test("403 for a missing role says so", async ({ page }) => {
    await signInWithToken(page, TOKENS.octocat);
    await page.goto("/organizations/acme");
    await expect(page.getByRole("alert").filter({ hasText: "don't have access" })).toBeVisible();
  });

  test("404 for a repository that does not exist or is hidden", async ({ page }) => {
    await signInWithToken(page, TOKENS.mona);
    await page.goto("/acme/no-such-repository");
    await expect(page.getByText("Not found").first()).toBeVisible();
  });

  test("a rate limit says until when", async ({ page }) => {
    await signInWithToken(page, TOKENS.mona);
    await sim.setFaults({ secondaryLimit: { route: "GET /repos/{owner}/{repo}", status: 403, retryAfter: 120 } });
    try {
      await page.goto("/acme/web");
      const alert = page.getByRole("alert").filter({ hasText: "Rate limit reached" });
      await expect(alert).toBeVisible();
      await expect(alert).toContainText(/UTC/);
    } finally {
      await sim.clearFaults();
    }
  });
});
