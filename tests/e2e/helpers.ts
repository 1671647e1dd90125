import { expect, type Page } from "@playwright/test";

/** The saved session of mona (org owner), signed in once through OAuth by auth.setup.ts. */
export const MONA_STATE = "test-results/.auth/mona.json";

/** Signs in with a personal access token through the sign-in page's form, then continues. */
export async function signInWithToken(page: Page, token: string, returnTo = "/") {
  await page.goto(`/login?returnTo=${encodeURIComponent(returnTo)}`);
  await page.getByRole("textbox", { name: "Personal access token" }).fill(token);
  await page.getByRole("button", { name: "Sign in with token" }).click();
  await expect(page.getByTestId("token-result")).toBeVisible();
}

/** Signs in through the simulator's OAuth page as `login`. */
export async function signInWithOAuth(page: Page, login: string) {
  await page.goto("/login");
  await page.getByTestId("oauth-sign-in").click();
  await page.locator(`input[name="login"][value="${login}"]`).check();
  await page.getByRole("button", { name: "Authorize" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your organizations and repositories");
}
