import { expect, test } from "@playwright/test";
import { MONA_STATE } from "./helpers";
import { sim } from "./sim";

test.use({ storageState: MONA_STATE });

test.describe("the GitHub proxy", () => {
  test("a route outside the table is refused with no upstream call", async ({ page }) => {
    await page.goto("/");
    const mark = await sim.mark();
    for (const path of ["/api/github/admin/users", "/api/github/repos/acme/web/hooks", "/api/github/repos/acme/web/../../user"]) {
      const res = await page.request.get(path);
      expect(res.status(), path).toBeGreaterThanOrEqual(400);
      expect(res.status(), path).toBeLessThan(500);
    }
    const upstream = (await sim.since(mark)).filter((r) => r.url.startsWith("/api/v3"));
    expect(upstream).toEqual([]);
  });

  test("a cross-origin write is refused with no upstream call", async ({ page }) => {
    await page.goto("/");
    const mark = await sim.mark();
    const path = "/api/github/repos/acme/web/actions/runners/registration-token";
    const foreign = await page.request.post(path, { headers: { origin: "https://evil.example" } });
    expect(foreign.status()).toBe(403);
    const nullOrigin = await page.request.post(path, { headers: { origin: "null" } });
    expect(nullOrigin.status()).toBe(403);
    expect((await sim.since(mark)).filter((r) => r.url.startsWith("/api/v3"))).toEqual([]);
    // The same write from the page's own origin goes through, once.
    const own = await page.evaluate(async (p) => (await fetch(p, { method: "POST" })).status, path);
    expect(own).toBe(201);
    const writes = (await sim.since(mark)).filter((r) => r.route === "POST /repos/{owner}/{repo}/actions/runners/registration-token");
    expect(writes).toHaveLength(1);
  });

  test("ETags pass through: a second request with If-None-Match is a 304 that costs no rate limit", async ({ page }) => {
    await page.goto("/");
    const first = await page.request.get("/api/github/repos/acme/web/actions/runs?per_page=5");
    expect(first.status()).toBe(200);
    const etag = first.headers()["etag"];
    expect(etag).toBeTruthy();
    expect(first.headers()["cache-control"]).toContain("private");
    const remaining = Number(first.headers()["x-ratelimit-remaining"]);
    const second = await page.request.get("/api/github/repos/acme/web/actions/runs?per_page=5", {
      headers: { "if-none-match": etag! },
    });
    expect(second.status()).toBe(304);
    const third = await page.request.get("/api/github/rate_limit");
    const body = (await third.json()) as { resources: { core: { remaining: number } } };
    expect(body.resources.core.remaining).toBe(remaining);
  });

  test("Link headers point back at the proxy", async ({ page }) => {
    await page.goto("/");
    const res = await page.request.get("/api/github/repos/acme/web/actions/runs?per_page=2");
    const link = res.headers()["link"] ?? "";
    expect(link).toContain('rel="next"');
    expect(link).not.toContain(process.env.AC_SIM_URL!);
    expect(link).toMatch(/<\/api\/github\/repos\/acme\/web\/actions\/runs\?[^>]*page=2/);
  });
});
