import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { MONA_STATE } from "./helpers";
import { sim, simUrl, TOKENS } from "./sim";

mkdirSync("test-results/screens", { recursive: true });

type SimSecret = { scope: string; name: string; value: string; key_id: string; visibility?: string; selected_repository_ids?: number[] };

/** A secret's decrypted value, from the simulator's control interface (null when it does not exist). */
async function simSecret(path: string): Promise<SimSecret | null> {
  const r = await fetch(`${simUrl()}/_sim/state/secrets/${path}`);
  if (r.status === 404) return null;
  expect(r.status).toBe(200);
  return (await r.json()) as SimSecret;
}

async function api<T>(path: string): Promise<T> {
  const r = await fetch(`${simUrl()}/api/v3${path}`, { headers: { Authorization: `token ${TOKENS.mona}` } });
  expect(r.status, path).toBe(200);
  return (await r.json()) as T;
}

const repoId = async (fullName: string) => (await api<{ id: number }>(`/repos/${fullName}`)).id;

/** Every request the browser sends to the dashboard's origin: URL and body. */
function recordRequests(page: Page): string[] {
  const sent: string[] = [];
  const origin = new URL(process.env.AC_BASE_URL!).origin;
  page.on("request", (req) => {
    if (!req.url().startsWith(origin)) return;
    sent.push(`${req.method()} ${req.url()}\n${JSON.stringify(req.headers())}\n${req.postData() ?? ""}`);
  });
  return sent;
}

async function expectPlaintextNowhere(page: Page, sent: string[], plaintexts: string[]) {
  expect(sent.length).toBeGreaterThan(3);
  const storage = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie);
  const cookies = JSON.stringify(await page.context().cookies());
  for (const p of plaintexts) {
    const variants = [p, encodeURIComponent(p), JSON.stringify(p).slice(1, -1), p.split("\n")[0]!];
    for (const body of sent) for (const v of variants) expect(body.includes(v), `a request carried the plaintext: ${body.slice(0, 300)}`).toBe(false);
    for (const v of variants) {
      expect(storage.includes(v)).toBe(false);
      expect(cookies.includes(v)).toBe(false);
      expect(page.url().includes(v)).toBe(false);
    }
  }
}

async function expectNoSerious(page: Page) {
  const axe = await new AxeBuilder({ page }).analyze();
  const bad = axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

const uniq = () => Math.random().toString(36).slice(2, 8).toUpperCase();

test.describe("secrets", () => {
  test.use({ storageState: MONA_STATE });

  test("org secret: names and size checked before sending; create, update, access and delete, sealed in the browser", async ({ page }) => {
    const sent = recordRequests(page);
    const name = `E2E_ORG_${uniq()}`;
    const first = `first value ${uniq()}\nsecond line ünïcødé 🔑`;
    const second = `rotated ${uniq()}\n  indented line`;
    const [webId, apiId, infraId] = await Promise.all(["acme/web", "acme/api", "acme/infra"].map(repoId));

    await page.goto("/organizations/acme/settings/secrets/actions");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Actions secrets");
    await expect(page.getByRole("table", { name: "Organization secrets" })).toBeVisible();

    await page.getByRole("button", { name: "New organization secret" }).click();
    const dialog = page.getByRole("dialog", { name: "New organization secret" });
    const nameBox = dialog.getByRole("textbox", { name: "Name" });
    const valueBox = dialog.getByRole("textbox", { name: "Secret" });

    // Invalid names and an oversized value: explained as typed, nothing sent.
    const mark = await sim.mark();
    await nameBox.fill("1BAD");
    await expect(dialog.getByText("Secret names must not start with a number.")).toBeVisible();
    await nameBox.fill("github_token");
    await expect(dialog.getByText(/must not start with GITHUB_/)).toBeVisible();
    await nameBox.fill("bad-name");
    await expect(dialog.getByText(/only contain letters.*“-”/)).toBeVisible();
    await valueBox.fill("x");
    await dialog.getByRole("button", { name: "Add secret" }).click();
    await expect(dialog.getByText(/Nothing was sent/)).toBeVisible();
    await nameBox.fill(name.toLowerCase());
    await expect(dialog.getByText(`Saved as ${name} (secret names are upper-case).`)).toBeVisible();
    await valueBox.fill("x".repeat(48 * 1024 + 1));
    await expect(dialog.getByText(/over the 48 KB limit by 1 bytes/)).toBeVisible();
    await dialog.getByRole("button", { name: "Add secret" }).click();
    await expect(dialog.getByRole("alert").filter({ hasText: "Nothing was sent" })).toContainText(/at most 48 KB/);
    const logged = await sim.since(mark);
    expect(logged.filter((r) => r.method !== "GET")).toEqual([]);
    expect(logged.filter((r) => r.route?.includes("public-key"))).toEqual([]);

    // Create: selected repositories picked with the search.
    await valueBox.fill(first);
    await dialog.getByLabel("Selected repositories").check();
    await dialog.getByRole("searchbox", { name: "Search repositories" }).fill("acme/web");
    await dialog.getByRole("checkbox", { name: /^acme\/web(\s|$)/ }).check();
    await dialog.getByRole("searchbox", { name: "Search repositories" }).fill("acme/api");
    await dialog.getByRole("checkbox", { name: /^acme\/api(\s|$)/ }).check();
    await expect(dialog.getByText("(2 selected)")).toBeVisible();
    await page.screenshot({ path: "test-results/screens/secrets-org-new.png", fullPage: true });
    await expectNoSerious(page);
    await dialog.getByRole("button", { name: "Add secret" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Created secret ${name}.` })).toBeVisible();
    await expect(dialog).toBeHidden();
    let state = await simSecret(`acme/${name}`);
    expect(state?.value).toBe(first);
    expect(state?.visibility).toBe("selected");
    expect([...(state?.selected_repository_ids ?? [])].sort()).toEqual([webId, apiId].sort());
    const row = page.getByTestId(`org-secret-${name}`);
    await expect(row.getByTestId("repo-count")).toHaveText("2 selected");

    // Update the value: access stays as it is.
    await row.getByRole("button", { name: `Update value of ${name}` }).click();
    const upd = page.getByRole("dialog", { name: `Update organization secret ${name}` });
    await expect(upd.getByText(/Access stays selected repositories \(2\)/)).toBeVisible();
    await upd.getByRole("textbox", { name: "New value" }).fill(second);
    await upd.getByRole("button", { name: "Update secret" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Updated secret ${name}.` })).toBeVisible();
    state = await simSecret(`acme/${name}`);
    expect(state?.value).toBe(second);
    expect([...(state?.selected_repository_ids ?? [])].sort()).toEqual([webId, apiId].sort());
    const keyId = state?.key_id;

    // Access without the value: add one repository (PUT .../repositories/{id}).
    let m = await sim.mark();
    await row.getByRole("button", { name: `Repository access for ${name}` }).click();
    const acc = page.getByRole("dialog", { name: `Repository access for ${name}` });
    await acc.getByRole("searchbox", { name: "Search repositories" }).fill("infra");
    await acc.getByRole("checkbox", { name: /^acme\/infra(\s|$)/ }).check();
    await expect(acc.getByText("Added acme/infra.")).toBeVisible();
    await acc.getByRole("button", { name: "Save access" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Added acme/infra. The value was not touched." })).toBeVisible();
    expect((await sim.since(m)).filter((r) => r.method !== "GET").map((r) => r.route)).toEqual([
      "PUT /orgs/{org}/actions/secrets/{secret_name}/repositories/{repository_id}",
    ]);
    state = await simSecret(`acme/${name}`);
    expect([...(state?.selected_repository_ids ?? [])].sort()).toEqual([webId, apiId, infraId].sort());
    expect(state?.value).toBe(second);

    // Remove one (DELETE .../repositories/{id}).
    await expect(row.getByTestId("repo-count")).toHaveText("3 selected");
    m = await sim.mark();
    await row.getByRole("button", { name: `Repository access for ${name}` }).click();
    await acc.getByRole("searchbox", { name: "Search repositories" }).fill("acme/api");
    await acc.getByRole("checkbox", { name: /^acme\/api(\s|$)/ }).uncheck();
    await acc.getByRole("button", { name: "Save access" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Removed acme/api." })).toBeVisible();
    expect((await sim.since(m)).filter((r) => r.method !== "GET").map((r) => r.route)).toEqual([
      "DELETE /orgs/{org}/actions/secrets/{secret_name}/repositories/{repository_id}",
    ]);
    expect([...((await simSecret(`acme/${name}`))?.selected_repository_ids ?? [])].sort()).toEqual([webId, infraId].sort());

    // Replace the whole list (PUT .../repositories).
    await expect(row.getByTestId("repo-count")).toHaveText("2 selected");
    m = await sim.mark();
    await row.getByRole("button", { name: `Repository access for ${name}` }).click();
    await acc.getByRole("button", { name: "Clear" }).click();
    await acc.getByRole("searchbox", { name: "Search repositories" }).fill("acme/docs");
    await acc.getByRole("checkbox", { name: /^acme\/docs(\s|$)/ }).check();
    await acc.getByRole("button", { name: "Save access" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Selected repositories set (1)." })).toBeVisible();
    expect((await sim.since(m)).filter((r) => r.method !== "GET").map((r) => r.route)).toEqual([
      "PUT /orgs/{org}/actions/secrets/{secret_name}/repositories",
    ]);
    expect((await simSecret(`acme/${name}`))?.selected_repository_ids).toEqual([await repoId("acme/docs")]);

    // Visibility to private: PUT the secret without encrypted_value; the value is kept.
    await expect(row.getByTestId("repo-count")).toHaveText("1 selected");
    await row.getByRole("button", { name: `Repository access for ${name}` }).click();
    await acc.getByLabel("Private and internal repositories").check();
    await acc.getByRole("button", { name: "Save access" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Visibility set to private and internal repositories." })).toBeVisible();
    state = await simSecret(`acme/${name}`);
    expect(state?.visibility).toBe("private");
    expect(state?.value).toBe(second);
    expect(state?.key_id).toBe(keyId);
    await expect(row.getByTestId("repo-count")).toHaveText("Private and internal");

    // Filter by name.
    await page.getByRole("searchbox", { name: "Filter secrets by name" }).fill(name.slice(0, 12).toLowerCase());
    await expect(row).toBeVisible();
    await page.getByRole("searchbox", { name: "Filter secrets by name" }).fill("NO_SUCH_SECRET_ZZZ");
    await expect(page.getByText("No secret matches “NO_SUCH_SECRET_ZZZ”.")).toBeVisible();
    await page.getByRole("searchbox", { name: "Filter secrets by name" }).fill("");
    await page.screenshot({ path: "test-results/screens/secrets-org-list.png", fullPage: true });
    await expectNoSerious(page);

    // Delete, confirmed by typing the name.
    await row.getByRole("button", { name: `Delete ${name}` }).click();
    const del = page.getByRole("dialog", { name: `Delete secret ${name}` });
    await expect(del.getByRole("button", { name: "Delete secret" })).toBeDisabled();
    await del.getByRole("textbox").fill(name.toLowerCase());
    await expect(del.getByRole("button", { name: "Delete secret" })).toBeDisabled();
    await del.getByRole("textbox").fill(name);
    await del.getByRole("button", { name: "Delete secret" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Deleted ${name} from the acme organization.` })).toBeVisible();
    expect(await simSecret(`acme/${name}`)).toBeNull();
    await expect(row).toBeHidden();

    // The typed values went nowhere but sealed: no request to our server, URL, storage or cookie holds them.
    await expectPlaintextNowhere(page, sent, [first, second]);
    const puts = sent.filter((s) => s.startsWith("PUT ") && /\/actions\/secrets\/E2E_ORG_[A-Z0-9]+\n/.test(s));
    const bodies = puts.map((p) => Object.keys(JSON.parse(p.split("\n")[2]!) as object).sort().join(","));
    // Create and update carry the sealed value; the visibility change carries none.
    expect(bodies).toEqual([
      "encrypted_value,key_id,selected_repository_ids,visibility",
      "encrypted_value,key_id,selected_repository_ids,visibility",
      "visibility",
    ]);
  });

  test("repo secret: create (resealed after a stale key_id), update, delete; org secrets it can use and overrides", async ({ page }) => {
    const sent = recordRequests(page);
    const orgAvailable = await api<{ secrets: { name: string }[] }>("/repos/acme/web/actions/organization-secrets");
    const shadowed = orgAvailable.secrets[0]!.name;
    const own = await api<{ secrets: { name: string }[] }>("/repos/acme/web/actions/secrets");
    expect(own.secrets.map((s) => s.name)).not.toContain(shadowed);
    const value = `repo value ${uniq()}\nwith two lines`;
    const updated = `repo value updated ${uniq()}`;

    // The first public key the browser fetches has a key_id GitHub no longer accepts.
    let stale = true;
    await page.route("**/api/github/repos/acme/web/actions/secrets/public-key", async (route) => {
      if (!stale) return route.continue();
      stale = false;
      const res = await route.fetch();
      const body = (await res.json()) as { key_id: string; key: string };
      // Without the ETag: a real rotation changes the answer's ETag, so the re-fetch gets the new key.
      await route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify({ ...body, key_id: "0000000000000000000" }) });
    });

    await page.goto("/acme/web/settings/secrets/actions");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Actions secrets");
    const available = page.getByTestId(`available-org-secret-${shadowed}`);
    await expect(available).toContainText("In use");

    await page.getByRole("button", { name: "New repository secret" }).click();
    const dialog = page.getByRole("dialog", { name: "New repository secret" });
    await dialog.getByRole("textbox", { name: "Name" }).fill(shadowed.toLowerCase());
    await dialog.getByRole("textbox", { name: "Secret" }).fill(value);
    await dialog.getByRole("button", { name: "Add secret" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Created secret ${shadowed} (GitHub's key had changed: the value was sealed again with the new key).` })).toBeVisible();
    expect(stale).toBe(false);
    expect((await simSecret(`acme/web/${shadowed}`))?.value).toBe(value);
    await expect(available).toContainText("Overridden by the repository secret");
    await expect(page.getByTestId(`repo-secret-${shadowed}`)).toContainText("overrides the organization secret");
    await page.screenshot({ path: "test-results/screens/secrets-repo.png", fullPage: true });
    await expectNoSerious(page);

    await page.getByRole("button", { name: `Update value of ${shadowed}` }).click();
    const upd = page.getByRole("dialog", { name: `Update repository secret ${shadowed}` });
    await upd.getByRole("textbox", { name: "New value" }).fill(updated);
    await upd.getByRole("button", { name: "Update secret" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Updated secret ${shadowed}.` })).toBeVisible();
    expect((await simSecret(`acme/web/${shadowed}`))?.value).toBe(updated);

    await page.getByRole("button", { name: `Delete ${shadowed}` }).click();
    const del = page.getByRole("dialog", { name: `Delete secret ${shadowed}` });
    await del.getByRole("textbox").fill(shadowed);
    await del.getByRole("button", { name: "Delete secret" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Deleted ${shadowed} from acme/web.` })).toBeVisible();
    expect(await simSecret(`acme/web/${shadowed}`)).toBeNull();
    await expect(available).toContainText("In use");

    await expectPlaintextNowhere(page, sent, [value, updated]);
  });

  test("a missing public key is explained and nothing is sent", async ({ page }) => {
    await page.route("**/api/github/repos/acme/api/actions/secrets/public-key", (route) =>
      route.fulfill({ status: 404, json: { error: { status: 404, message: "Not Found", documentation_url: null } } }),
    );
    await page.goto("/acme/api/settings/secrets/actions");
    await page.getByRole("button", { name: "New repository secret" }).click();
    const dialog = page.getByRole("dialog", { name: "New repository secret" });
    const m = await sim.mark();
    await dialog.getByRole("textbox", { name: "Name" }).fill("E2E_NO_KEY");
    await dialog.getByRole("textbox", { name: "Secret" }).fill("never sent");
    await dialog.getByRole("button", { name: "Add secret" }).click();
    await expect(dialog.getByRole("alert").filter({ hasText: "Nothing was sent" })).toContainText(/Could not get the public key of acme\/api/);
    expect((await sim.since(m)).filter((r) => r.method !== "GET")).toEqual([]);
    expect(await simSecret("acme/api/E2E_NO_KEY")).toBeNull();
  });

  test("the proxy refuses a secret write that carries anything but the sealed value", async ({ page }) => {
    await page.goto("/acme/web/settings/secrets/actions");
    const m = await sim.mark();
    const answer = await page.evaluate(async () => {
      const r = await fetch("/api/github/repos/acme/web/actions/secrets/E2E_PLAIN", {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ value: "plaintext!", encrypted_value: "x", key_id: "1" }),
      });
      return { status: r.status, body: (await r.json()) as { error: { message: string; write_outcome?: string } } };
    });
    expect(answer.status).toBe(422);
    expect(answer.body.error.message).toMatch(/“value”/);
    expect(answer.body.error.write_outcome).toBe("not_applied");
    expect((await sim.since(m)).filter((r) => r.method !== "GET")).toEqual([]);
  });

  test("bulk: one secret into many repositories, and a .env import, with a result per secret and repository", async ({ page }) => {
    const sent = recordRequests(page);
    const name = `E2E_BULK_${uniq()}`;
    const value = `bulk ${uniq()}`;
    const targets = ["acme/docs", "acme/cli", "acme/sdk-js"];

    await page.goto("/organizations/acme/settings/secrets/actions");
    const bulk = page.getByRole("region", { name: "Set secrets in many repositories" });
    await bulk.getByRole("textbox", { name: "Name" }).fill(name);
    await bulk.getByRole("textbox", { name: "Secret" }).fill(value);
    for (const t of targets) {
      await bulk.getByRole("searchbox", { name: "Search repositories" }).fill(t);
      await bulk.getByRole("checkbox", { name: new RegExp(`^${t.replace("/", "\\/")}(\\s|$)`) }).check();
    }
    const m = await sim.mark();
    await bulk.getByRole("button", { name: "Set secret in 3 repositories" }).click();
    const results = bulk.getByRole("region", { name: "Setting secrets" });
    await expect(results.getByRole("status")).toHaveText("3 succeeded, 0 failed.");
    for (const t of targets) {
      await expect(results.getByText(`${name} → ${t}`)).toBeVisible();
      expect((await simSecret(`${t}/${name}`))?.value).toBe(value);
    }
    // One key fetch per repository.
    const log = await sim.since(m);
    expect(log.filter((r) => r.route === "GET /repos/{owner}/{repo}/actions/secrets/public-key")).toHaveLength(3);
    await expect(bulk.getByRole("textbox", { name: "Secret" })).toHaveValue("");

    // .env import into two repositories.
    await bulk.getByRole("tab", { name: "Import .env" }).click();
    const tag = uniq();
    const cert = `-----BEGIN KEY-----\nabc${tag}\n-----END KEY-----`;
    const content = [
      "# deploy settings",
      `export E2E_ENV_TOKEN_${tag}=tok_${tag}   # inline comment`,
      `E2E_ENV_URL_${tag}="https://x.example/?a=1&b=2"`,
      `E2E_ENV_CERT_${tag}="${cert.replace(/\n/g, "\\n")}"`,
      "",
    ].join("\n");
    await bulk.getByRole("textbox", { name: ".env content" }).fill(content);
    await expect(bulk.getByTestId("dotenv-preview")).toContainText("3 secrets ready");
    await bulk.getByRole("button", { name: "Clear" }).click();
    for (const t of ["acme/docs", "acme/cli"]) {
      await bulk.getByRole("searchbox", { name: "Search repositories" }).fill(t);
      await bulk.getByRole("checkbox", { name: new RegExp(`^${t.replace("/", "\\/")}(\\s|$)`) }).check();
    }
    await bulk.getByRole("button", { name: "Set secrets in 2 repositories" }).click();
    await expect(results.getByRole("status")).toHaveText("6 succeeded, 0 failed.");
    await page.screenshot({ path: "test-results/screens/secrets-bulk.png", fullPage: true });
    await expectNoSerious(page);
    for (const t of ["acme/docs", "acme/cli"]) {
      expect((await simSecret(`${t}/E2E_ENV_TOKEN_${tag}`))?.value).toBe(`tok_${tag}`);
      expect((await simSecret(`${t}/E2E_ENV_URL_${tag}`))?.value).toBe("https://x.example/?a=1&b=2");
      expect((await simSecret(`${t}/E2E_ENV_CERT_${tag}`))?.value).toBe(cert);
    }

    // A bad line stops the import before anything is sent.
    const m2 = await sim.mark();
    await bulk.getByRole("textbox", { name: ".env content" }).fill("GOOD=1\nGITHUB_SHA=2\nbad-key=3");
    await bulk.getByRole("button", { name: "Set secrets in 2 repositories" }).click();
    await expect(bulk.getByRole("alert").filter({ hasText: "Nothing was sent" })).toContainText("Unexpected character “-”");
    expect((await sim.since(m2)).filter((r) => r.method !== "GET")).toEqual([]);

    await expectPlaintextNowhere(page, sent, [value, `tok_${tag}`, `abc${tag}`]);
  });

  test("repo page .env import and dark-mode axe", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    const tag = uniq();
    await page.goto("/acme/infra/settings/secrets/actions");
    const card = page.getByRole("region", { name: "Import secrets from a .env file" });
    await card.getByRole("textbox", { name: ".env content" }).fill(`E2E_INFRA_${tag}='single $quoted'\nE2E_INFRA2_${tag}=two`);
    await card.getByRole("button", { name: "Set secrets in 1 repository" }).click();
    await expect(card.getByRole("status").filter({ hasText: "succeeded" })).toHaveText("2 succeeded, 0 failed.");
    expect((await simSecret(`acme/infra/E2E_INFRA_${tag}`))?.value).toBe("single $quoted");
    await expect(page.getByTestId(`repo-secret-E2E_INFRA_${tag}`)).toBeVisible();
    await page.screenshot({ path: "test-results/screens/secrets-repo-dark.png", fullPage: true });
    await expectNoSerious(page);
  });
});
