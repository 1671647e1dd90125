import { expect, test } from "@playwright/test";
import { signInWithOAuth, signInWithToken } from "./helpers";
import { sim, TOKENS } from "./sim";

test.describe("sign-in", () => {
  test("OAuth through the simulator lands on the home page with the seeded orgs and repositories", async ({ page }) => {
    await signInWithOAuth(page, "mona");
    await expect(page.getByTestId("signed-in-user")).toContainText("mona");
    const orgs = page.locator("section", { has: page.locator("#orgs-heading") });
    await expect(orgs.getByRole("link", { name: "acme", exact: true })).toBeVisible();
    await expect(orgs.getByRole("link", { name: "globex", exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: "acme/web", exact: true })).toBeVisible();
  });

  test("a personal access token shows its scopes and what they allow, then continues", async ({ page }) => {
    await signInWithToken(page, TOKENS.hubot, "/acme/web");
    const result = page.getByTestId("token-result");
    await expect(result).toContainText("Signed in as hubot");
    await expect(result.getByText("What this token allows here")).toBeVisible();
    await result.getByRole("link", { name: "Continue" }).click();
    await expect(page).toHaveURL(/\/acme\/web$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("web");
  });

  test("a wrong token is explained and nothing is saved", async ({ page, context }) => {
    await page.goto("/login");
    await page.getByRole("textbox", { name: "Personal access token" }).fill("ghp_notARealToken000000000000000000000000");
    await page.getByRole("button", { name: "Sign in with token" }).click();
    await expect(page.getByRole("alert").filter({ hasText: /token/i })).toBeVisible();
    expect((await context.cookies()).find((c) => c.name === "ac_session")).toBeUndefined();
  });

  test("a state mismatch on the OAuth callback is refused", async ({ page }) => {
    await page.goto("/api/auth/login?returnTo=/");
    // The simulator's authorize page is now open; forge the callback with another state instead of approving.
    await page.goto("/api/auth/callback?code=forged&state=not-the-state");
    await expect(page).toHaveURL(/\/login\?.*error=state/);
    await expect(page.locator("main").getByRole("alert")).toBeVisible();
    const session = await page.request.get("/api/auth/session");
    expect(((await session.json()) as { session: unknown }).session).toBeNull();
  });

  test("signed out, a page sends to sign-in keeping where the user wanted to go", async ({ page }) => {
    await page.goto("/acme/web");
    await expect(page).toHaveURL(/\/login\?returnTo=%2Facme%2Fweb/);
    await page.getByRole("textbox", { name: "Personal access token" }).fill(TOKENS.mona);
    await page.getByRole("button", { name: "Sign in with token" }).click();
    await page.getByTestId("token-result").getByRole("link", { name: "Continue" }).click();
    await expect(page).toHaveURL(/\/acme\/web$/);
  });

  test("a tampered session cookie sends to sign-in with returnTo", async ({ page, context }) => {
    await signInWithToken(page, TOKENS.mona);
    const cookie = (await context.cookies()).find((c) => c.name === "ac_session");
    expect(cookie).toBeDefined();
    const value = cookie!.value;
    const flipped = value.slice(0, 20) + (value[20] === "a" ? "b" : "a") + value.slice(21);
    await context.addCookies([{ ...cookie!, value: flipped }]);
    await page.goto("/organizations/acme");
    await expect(page).toHaveURL(/\/login\?returnTo=%2Forganizations%2Facme/);
  });

  test("sign-out after OAuth revokes the token upstream: a replayed old cookie no longer works", async ({ page, context, browser }) => {
    const before = await sim.mark();
    await signInWithOAuth(page, "mona");
    const old = (await context.cookies()).find((c) => c.name === "ac_session");
    expect(old).toBeDefined();
    // The token the dashboard was given, as the simulator saw it on the dashboard's GET /user.
    const userCall = (await sim.since(before)).find((r) => r.route === "GET /user" && r.headers.authorization);
    const token = userCall!.headers.authorization!.replace(/^(token|bearer) /i, "");
    const mark = await sim.mark();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    const revoked = (await sim.since(mark)).filter((r) => r.method === "DELETE" && /\/applications\/.+\/token$/.test(r.url));
    expect(revoked).toHaveLength(1);
    expect(revoked[0]!.status).toBe(204);
    const upstream = await fetch(`${process.env.AC_SIM_URL}/api/v3/user`, { headers: { authorization: `token ${token}` } });
    expect(upstream.status).toBe(401);

    // A second browser that replays the old cookie is not signed in.
    const replay = await browser.newContext({ baseURL: process.env.AC_BASE_URL });
    await replay.addCookies([old!]);
    const res = await replay.request.get("/api/github/user");
    expect(res.status()).toBe(401);
    const p = await replay.newPage();
    await p.goto("/");
    await expect(p).toHaveURL(/\/login/);
    await replay.close();
  });
});
