import { expect, test, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { signInWithOAuth, signInWithToken } from "./helpers";
import { sim, simUrl, TOKENS } from "./sim";

/** The dashboard server's stdout and stderr, written by global-setup.ts. */
const SERVER_LOG = "test-results/next-server.log";

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

// -------------------------------------------------------------------------------------------------
// 200 secret values written through the secrets UI, then looked for everywhere.

/** Every file under `dir` (recursively). */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

async function simSecretValue(path: string): Promise<string | null> {
  const r = await fetch(`${simUrl()}/_sim/state/secrets/${path}`);
  if (r.status !== 200) return null;
  return ((await r.json()) as { value: string }).value;
}

test("the token and 200 secret values written through the UI appear in no response, page, cookie, storage, server log or build output", async ({ browser }) => {
  test.setTimeout(180_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  // A marker no source file holds: every value starts with it, so one search per place finds any of them.
  const marker = `Lk${randomBytes(6).toString("hex")}`;
  const values = Array.from({ length: 200 }, () => `${marker}${randomBytes(24).toString("base64url")}`);
  const tag = randomBytes(3).toString("hex").toUpperCase();
  const name = (i: number) => `E2E_LEAK_${tag}_${i}`;

  const seen: string[] = [];
  page.on("response", (res) => {
    seen.push(`${res.url()} ${JSON.stringify(res.headers())}`);
    void res.text().then((t) => seen.push(t), () => undefined);
  });
  page.on("request", (req) => seen.push(`${req.url()} ${JSON.stringify(req.headers())} ${req.postData() ?? ""}`));

  const mark = await sim.mark();
  await signInWithOAuth(page, "mona");
  const token = (await sim.since(mark))
    .find((r) => r.route === "GET /user" && r.headers.authorization)!
    .headers.authorization!.replace(/^(token|bearer) /i, "");
  expect(token).toMatch(/^gho_/);

  // 5 org secrets and 5 repo secrets through the New secret dialogs.
  await page.goto("/organizations/acme/settings/secrets/actions");
  for (let i = 0; i < 5; i++) {
    await page.getByRole("button", { name: "New organization secret" }).click();
    const dialog = page.getByRole("dialog", { name: "New organization secret" });
    await dialog.getByRole("textbox", { name: "Name" }).fill(name(i));
    await dialog.getByRole("textbox", { name: "Secret" }).fill(values[i]!);
    await dialog.getByRole("button", { name: "Add secret" }).click();
    await expect(dialog).toBeHidden();
  }
  await page.goto("/acme/docs/settings/secrets/actions");
  for (let i = 5; i < 10; i++) {
    await page.getByRole("button", { name: "New repository secret" }).click();
    const dialog = page.getByRole("dialog", { name: "New repository secret" });
    await dialog.getByRole("textbox", { name: "Name" }).fill(name(i));
    await dialog.getByRole("textbox", { name: "Secret" }).fill(values[i]!);
    await dialog.getByRole("button", { name: "Add secret" }).click();
    await expect(dialog).toBeHidden();
  }
  // 190 more through the repository pages' .env import (the same sealing, one PUT per secret).
  for (const [repo, from, to] of [["acme/docs", 10, 105], ["acme/cli", 105, 200]] as const) {
    await page.goto(`/${repo}/settings/secrets/actions`);
    const card = page.getByRole("region", { name: "Import secrets from a .env file" });
    const content = values.slice(from, to).map((v, k) => `${name(from + k)}=${v}`).join("\n");
    await card.getByRole("textbox", { name: ".env content" }).fill(content);
    await card.getByRole("button", { name: "Set secrets in 1 repository" }).click();
    await expect(card.getByRole("status").filter({ hasText: "succeeded" })).toHaveText(`${to - from} succeeded, 0 failed.`, { timeout: 60_000 });
  }

  // The simulator decrypted every value correctly.
  const stored = await Promise.all(
    values.map((_, i) => simSecretValue(i < 5 ? `acme/${name(i)}` : i < 105 ? `acme/docs/${name(i)}` : `acme/cli/${name(i)}`)),
  );
  expect(stored).toEqual(values);

  // Pages that list the secrets, and the others.
  for (const path of ["/organizations/acme/settings/secrets/actions", "/acme/docs/settings/secrets/actions", "/acme/cli/settings/secrets/actions", "/", "/acme/web"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    seen.push(await page.content());
  }
  await expect.poll(() => seen.length).toBeGreaterThan(50);
  const found = (text: string) => text.includes(marker) || text.includes(token);
  const leaks = seen.filter(found).map((t) => t.slice(0, 200));
  expect(leaks).toEqual([]);
  expect(found(JSON.stringify(await context.cookies()))).toBe(false);
  const storage = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(found(storage)).toBe(false);

  // The server's own output (tests/e2e/global-setup.ts writes it there).
  const log = readFileSync(SERVER_LOG, "utf8");
  expect(log.length).toBeGreaterThan(0);
  expect(found(log)).toBe(false);

  // The build output: every file under .next (its cache included).
  const files = filesUnder(".next");
  expect(files.length).toBeGreaterThan(20);
  const needles = [Buffer.from(marker), Buffer.from(token)];
  const inBuild = files.filter((f) => {
    if (statSync(f).size > 200 * 1024 * 1024) return false;
    const buf = readFileSync(f);
    return needles.some((n) => buf.includes(n));
  });
  expect(inBuild).toEqual([]);
  await context.close();
});
