import { expect, test, type Page } from "@playwright/test";
import { signInWithOAuth, signInWithToken } from "./helpers";
import { sim, TOKENS } from "./sim";

const PAGES = ["/", "/organizations/acme", "/acme/web", "/login"];

/** Visits the pages and collects every response body the browser received. */
async function browseAndCollect(page: Page): Promise<string[]> {
  const bodies: string[] = [];
  page.on("response", (res) => {
    bodies.push(`${res.url()} ${JSON.stringify(res.headers())}`);
    void res.text().then((t) => bodies.push(t), () => undefined);
  });
  for (const path of PAGES) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.waitForTimeout(1000);
  }
  return bodies;
}

async function expectNowhere(page: Page, token: string, bodies: string[]) {
  expect(bodies.length).toBeGreaterThan(10);
  for (const body of bodies) expect(body.includes(token), body.slice(0, 200)).toBe(false);
  for (const c of await page.context().cookies()) expect(c.value.includes(token)).toBe(false);
  const storage = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(storage.includes(token)).toBe(false);
  const html = await page.content();
  expect(html.includes(token)).toBe(false);
}

test("a pasted token appears in no HTML, script, JSON, cookie or storage", async ({ page }) => {
  await signInWithToken(page, TOKENS.mona);
  const bodies = await browseAndCollect(page);
  await expectNowhere(page, TOKENS.mona, bodies);
});

test("an OAuth token appears in no HTML, script, JSON, cookie or storage", async ({ page }) => {
  const mark = await sim.mark();
  await signInWithOAuth(page, "hubot");
  const call = (await sim.since(mark)).find((r) => r.route === "GET /user" && r.headers.authorization);
  const token = call!.headers.authorization!.replace(/^(token|bearer) /i, "");
  expect(token.length).toBeGreaterThan(20);
  const bodies = await browseAndCollect(page);
  await expectNowhere(page, token, bodies);
});
