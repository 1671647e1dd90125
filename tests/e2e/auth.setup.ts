import { expect, test as setup } from "@playwright/test";

import { MONA_STATE } from "./helpers";

// Signs in once through the simulator's OAuth page; most tests reuse this session.
setup("sign in as mona through OAuth", async ({ page }) => {
  await page.goto("/login");
  await page.getByTestId("oauth-sign-in").click();
  await page.locator('input[name="login"][value="mona"]').check();
  await page.getByRole("button", { name: "Authorize" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
  await page.context().storageState({ path: MONA_STATE });
});
