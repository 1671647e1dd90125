// The simulator core: auth and scopes, pagination and Link, ETag/304, rate limits, faults, the OAuth web
// flow, signed URLs, the control interface and the navigation endpoints (validated against the OpenAPI).
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { createApp, createSim, mediaType } from "./app.js";
import type { SimEnv } from "./context.js";
import { templateMatcher } from "./http/faults.js";
import { signedUrl, verifySigned } from "./signing.js";
import { startSimulator } from "./server.js";
import { fixedToken } from "./store/tokens.js";
import { expectValid, expectValidError } from "./testing/openapi.js";
import { TOKENS, withSimulator } from "./testing/harness.js";

const CLIENT_ID = "Iv1.simdemo0000000001";
const CLIENT_SECRET = "simdemo-secret-0000000000000000000000000";

function parseLink(link: string | undefined): Record<string, URL> {
  const out: Record<string, URL> = {};
  for (const part of (link ?? "").split(",")) {
    const m = /<([^>]+)>;\s*rel="(\w+)"/.exec(part.trim());
    if (m?.[1] && m[2]) out[m[2]] = new URL(m[1]);
  }
  return out;
}

describe("auth and scopes", () => {
  const sim = withSimulator();

  it("answers 401 without a token and with an unknown one", async () => {
    const none = await sim.api("GET", "/user", { token: null });
    expect(none.status).toBe(401);
    expect((none.body as { message: string }).message).toBe("Requires authentication");
    expectValidError("GET", "/user", 401, none.body);

    const bad = await sim.api("GET", "/user", { token: "ghp_nope" });
    expect(bad.status).toBe(401);
    expect((bad.body as { message: string }).message).toBe("Bad credentials");
  });

  it("accepts token and Bearer schemes and lists the scopes", async () => {
    const a = await sim.api<{ login: string }>("GET", "/user");
    expect(a.status).toBe(200);
    expect(a.body.login).toBe("mona");
    expect(a.headers["x-oauth-scopes"]).toBe("repo, admin:org, workflow, read:user, user:email");
    expectValid("GET", "/user", 200, a.body, a.headers);

    const b = await sim.api<{ login: string }>("GET", "/user", { token: null, headers: { authorization: `Bearer ${TOKENS.hubot}` } });
    expect(b.body.login).toBe("hubot");
  });

  it("answers the caller's own org membership: admin for an owner, member otherwise, 404 outside", async () => {
    type Membership = { state: string; role: string; organization: { login: string }; user: { login: string } };
    const owner = await sim.api<Membership>("GET", "/user/memberships/orgs/acme");
    expect(owner.status).toBe(200);
    expect(owner.body).toMatchObject({ state: "active", role: "admin", organization: { login: "acme" }, user: { login: "mona" } });
    const member = await sim.api<Membership>("GET", "/user/memberships/orgs/acme", { token: TOKENS.hubot });
    expect(member.body.role).toBe("member");
    expect((await sim.api("GET", "/user/memberships/orgs/globex", { token: TOKENS.hubot })).status).toBe(404);
    const noReadOrg = await sim.api("GET", "/user/memberships/orgs/acme", { token: fixedToken("mona", "NoAdminOrg") });
    expect(noReadOrg.status).toBe(403);
  });

  it("narrows what a token sees by scope", async () => {
    const full = await sim.api<{ login: string }[]>("GET", "/user/orgs");
    expect(full.body.map((o) => o.login)).toEqual(["acme", "globex"]);
    expectValid("GET", "/user/orgs", 200, full.body, full.headers);
    const noScope = await sim.api<unknown[]>("GET", "/user/orgs", { token: fixedToken("mona", "NoScopes") });
    expect(noScope.body).toEqual([]);
    expect(noScope.headers["x-oauth-scopes"]).toBe("");

    const pub = await sim.api<{ private: boolean }[]>("GET", "/user/repos?per_page=100", { token: fixedToken("mona", "PublicRepo") });
    expect(pub.body.length).toBeGreaterThan(0);
    expect(pub.body.every((r) => !r.private)).toBe(true);

    // A private repository is hidden (404) from a token without `repo`, and from a user without access.
    expect((await sim.api("GET", "/repos/acme/api", { token: fixedToken("mona", "PublicRepo") })).status).toBe(404);
    expect((await sim.api("GET", "/repos/acme/api", { token: fixedToken("eve") })).status).toBe(404);
    expect((await sim.api("GET", "/repos/acme/web", { token: null })).status).toBe(200);
  });

  it("answers 403 for a missing scope and for a role too low", async () => {
    const noScope = await sim.api<{ message: string }>("GET", "/orgs/acme/actions/runners", { token: fixedToken("mona", "NoAdminOrg") });
    expect(noScope.status).toBe(403);
    expect(noScope.headers["x-accepted-oauth-scopes"]).toContain("admin:org");
    const member = await sim.api("GET", "/orgs/acme/actions/runners", { token: TOKENS.octocat });
    expect(member.status).toBe(403);
    // eve is in no org: the org's member-only resources are hidden.
    expect((await sim.api("GET", "/orgs/acme/actions/runners", { token: fixedToken("eve") })).status).toBe(404);
  });

  it("accepts both spellings of the demo tokens", async () => {
    for (const t of ["ghp_monaDemoToken000000000000000000000000", "ghp_monaDemoToken00000000000000000000000"]) {
      expect((await sim.api("GET", "/user", { token: t })).status).toBe(200);
    }
  });
});

describe("pagination", () => {
  const sim = withSimulator();

  it("slices with per_page/page and sends Link first/prev/next/last", async () => {
    const all = await sim.api<{ name: string }[]>("GET", "/repos/acme/web/branches?per_page=100");
    expect(all.status).toBe(200);
    const total = all.body.length;
    expect(total).toBeGreaterThan(30);
    expect(all.headers.link).toBeUndefined();
    expect(all.body.map((b) => b.name)).toContain("feature/login");

    const first = await sim.api<{ name: string }[]>("GET", "/repos/acme/web/branches");
    expect(first.body).toHaveLength(30);
    const l1 = parseLink(first.headers.link);
    expect(Object.keys(l1).sort()).toEqual(["last", "next"]);
    expect(l1.next?.searchParams.get("page")).toBe("2");

    const p2 = await sim.api<{ name: string }[]>("GET", "/repos/acme/web/branches?per_page=10&page=2&protected=false");
    const l2 = parseLink(p2.headers.link);
    expect(Object.keys(l2).sort()).toEqual(["first", "last", "next", "prev"]);
    expect(l2.prev?.searchParams.get("page")).toBe("1");
    expect(l2.next?.searchParams.get("protected")).toBe("false");
    expect(l2.next?.origin).toBe(sim.url);

    const lastPage = Number(parseLink(first.headers.link).last?.searchParams.get("page"));
    const last = await sim.api<{ name: string }[]>("GET", `/repos/acme/web/branches?page=${lastPage}`);
    expect(last.body.length).toBe(total - 30 * (lastPage - 1));
    expect(Object.keys(parseLink(last.headers.link)).sort()).toEqual(["first", "prev"]);
    expectValid("GET", "/repos/{owner}/{repo}/branches", 200, last.body, last.headers);
  });

  it("caps per_page at 100 and rejects a non-numeric one", async () => {
    const big = await sim.api<unknown[]>("GET", "/user/repos?per_page=500");
    expect(big.status).toBe(200);
    expect(big.body.length).toBeLessThanOrEqual(100);
    const bad = await sim.api("GET", "/user/repos?per_page=abc");
    expect(bad.status).toBe(422);
  });
});

describe("ETag and rate limits", () => {
  const sim = withSimulator({ rateLimit: 5 });

  it("answers If-None-Match with 304 that does not count", async () => {
    await sim.raw("DELETE", "/_sim/rate");
    const a = await sim.api("GET", "/orgs/acme");
    expect(a.status).toBe(200);
    expect(a.headers.etag).toMatch(/^W\/"[0-9a-f]+"$/);
    expect(a.headers["x-ratelimit-used"]).toBe("1");
    const b = await sim.api("GET", "/orgs/acme", { headers: { "if-none-match": a.headers.etag ?? "" } });
    expect(b.status).toBe(304);
    expect(b.text).toBe("");
    expect(b.headers.etag).toBe(a.headers.etag);
    expect(b.headers["x-ratelimit-used"]).toBe("1");
    expect(b.headers["x-ratelimit-remaining"]).toBe("4");
    const c = await sim.api("GET", "/orgs/acme", { headers: { "if-none-match": 'W/"other"' } });
    expect(c.status).toBe(200);
    expect(c.headers["x-ratelimit-used"]).toBe("2");
  });

  it("exhausts the primary limit with 403 and remaining 0; /rate_limit is free", async () => {
    await sim.raw("DELETE", "/_sim/rate");
    for (let i = 0; i < 5; i++) {
      const r = await sim.api("GET", "/user");
      expect(r.status).toBe(200);
      expect(r.headers["x-ratelimit-limit"]).toBe("5");
      expect(r.headers["x-ratelimit-remaining"]).toBe(String(4 - i));
      expect(r.headers["x-ratelimit-resource"]).toBe("core");
      expect(Number(r.headers["x-ratelimit-reset"])).toBeGreaterThan(Date.now() / 1000);
    }
    const over = await sim.api<{ message: string }>("GET", "/user");
    expect(over.status).toBe(403);
    expect(over.headers["x-ratelimit-remaining"]).toBe("0");
    const monaId = sim.sim?.state.users.get("mona")?.id;
    expect(over.body.message).toBe(`API rate limit exceeded for user ID ${monaId}.`);
    const rl = await sim.api<{ rate: { remaining: number; used: number } }>("GET", "/rate_limit");
    expect(rl.status).toBe(200);
    expect(rl.body.rate.remaining).toBe(0);
    expectValid("GET", "/rate_limit", 200, rl.body, rl.headers);
    // Another token has its own budget; anonymous callers get 60 per IP.
    const other = await sim.api("GET", "/user", { token: TOKENS.hubot });
    expect(other.status).toBe(200);
    const anon = await sim.api("GET", "/orgs/acme", { token: null });
    expect(anon.headers["x-ratelimit-limit"]).toBe("60");
  });
});

describe("faults", () => {
  const sim = withSimulator();
  const setFaults = (f: object) => sim.raw("PUT", "/_sim/faults", { body: f });
  const clear = () => sim.raw("DELETE", "/_sim/faults");

  it("matches route templates", () => {
    const m = templateMatcher("GET /repos/{owner}/{repo}/contents/{path}");
    expect(m.method).toBe("GET");
    expect(m.re.test("/repos/a/b/contents/.github/workflows/ci.yml")).toBe(true);
    expect(templateMatcher("/repos/{owner}/{repo}").re.test("/repos/a/b/c")).toBe(false);
  });

  it("adds latency", async () => {
    await setFaults({ latencyMs: 150, jitterMs: 20 });
    const t = Date.now();
    await sim.api("GET", "/orgs/acme");
    expect(Date.now() - t).toBeGreaterThanOrEqual(145);
    await clear();
  });

  it("fails a route with 5xx at the configured rate, leaving others alone", async () => {
    await setFaults({ errorRates: [{ route: "GET /repos/{owner}/{repo}", rate: 1, statuses: [502] }] });
    const r = await sim.api("GET", "/repos/acme/web");
    expect(r.status).toBe(502);
    expect((await sim.api("GET", "/orgs/acme")).status).toBe(200);
    await setFaults({ errorRates: [{ route: "*", rate: 1, statuses: [500, 503, 504] }] });
    expect([500, 503, 504]).toContain((await sim.api("GET", "/orgs/acme")).status);
    await setFaults({ errorRates: [{ route: "*", rate: 0, statuses: [500] }] });
    expect((await sim.api("GET", "/orgs/acme")).status).toBe(200);
    await clear();
  });

  it("answers a secondary rate limit with and without retry-after", async () => {
    await setFaults({ secondaryLimit: { route: "*", status: 403, retryAfter: 30 } });
    const a = await sim.api<{ message: string }>("GET", "/user");
    expect(a.status).toBe(403);
    expect(a.headers["retry-after"]).toBe("30");
    expect(a.body.message).toMatch(/secondary rate limit/);
    expect(Number(a.headers["x-ratelimit-remaining"])).toBeGreaterThan(0);
    await setFaults({ secondaryLimit: { route: "GET /user", status: 429, retryAfter: null } });
    const b = await sim.api("GET", "/user");
    expect(b.status).toBe(429);
    expect(b.headers["retry-after"]).toBeUndefined();
    expect((await sim.api("GET", "/orgs/acme")).status).toBe(200);
    await clear();
  });

  it("serves an HTML error page", async () => {
    await setFaults({ htmlError: { route: "GET /orgs/{org}", status: 503 } });
    const r = await sim.api("GET", "/orgs/acme");
    expect(r.status).toBe(503);
    expect(r.headers["content-type"]).toMatch(/text\/html/);
    expect(r.text).toMatch(/<html/);
    await clear();
  });

  it("resets the connection before headers", async () => {
    await setFaults({ reset: { route: "GET /orgs/{org}", when: "before" } });
    await expect(fetch(`${sim.url}/api/v3/orgs/acme`, { headers: { authorization: `token ${TOKENS.mona}` } })).rejects.toThrow();
    await clear();
    expect((await sim.api("GET", "/orgs/acme")).status).toBe(200);
  });

  it("resets the connection after a partial body", async () => {
    await setFaults({ reset: { route: "GET /orgs/{org}", when: "after" } });
    const res = await fetch(`${sim.url}/api/v3/orgs/acme`, { headers: { authorization: `token ${TOKENS.mona}` } });
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
    await clear();
  });

  it("truncates a body below its Content-Length", async () => {
    await setFaults({ truncate: { route: "*" } });
    const res = await fetch(`${sim.url}/api/v3/orgs/acme`, { headers: { authorization: `token ${TOKENS.mona}` } });
    const declared = Number(res.headers.get("content-length"));
    await expect(res.arrayBuffer()).rejects.toThrow();
    expect(declared).toBeGreaterThan(0);
    await clear();
  });

  it("never applies faults to the control interface", async () => {
    await setFaults({ errorRates: [{ route: "*", rate: 1, statuses: [500] }] });
    expect((await sim.raw("GET", "/_sim/health")).status).toBe(200);
    await clear();
  });
});

describe("OAuth web flow", () => {
  const sim = withSimulator();
  const redirect = "http://127.0.0.1:3999/api/auth/callback";

  async function approve(login = "hubot", state = "st-123", scope = "repo admin:org workflow") {
    const page = await sim.raw<string>(
      "GET",
      `/login/oauth/authorize?client_id=${CLIENT_ID}&redirect_uri=${encodeURIComponent(redirect)}&state=${state}&scope=${encodeURIComponent(scope)}`,
    );
    expect(page.status).toBe(200);
    expect(page.text).toContain('value="mona"');
    const form = new URLSearchParams({ client_id: CLIENT_ID, redirect_uri: redirect, state, scope, login, decision: "approve" });
    const res = await sim.raw("POST", "/login/oauth/authorize", {
      body: form.toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(302);
    return new URL(res.headers.location ?? "");
  }

  const exchange = (code: string, json = true, secret = CLIENT_SECRET) =>
    sim.raw<Record<string, string>>("POST", "/login/oauth/access_token", {
      body: { client_id: CLIENT_ID, client_secret: secret, code, redirect_uri: redirect },
      headers: json ? { accept: "application/json" } : { accept: "*/*" },
    });

  it("issues a single-use code, echoes state and exchanges it for a working token", async () => {
    const loc = await approve();
    expect(loc.origin + loc.pathname).toBe(redirect);
    expect(loc.searchParams.get("state")).toBe("st-123");
    const code = loc.searchParams.get("code") ?? "";
    expect(code).not.toBe("");

    const tok = await exchange(code);
    expect(tok.status).toBe(200);
    expect(tok.body.token_type).toBe("bearer");
    expect(tok.body.scope).toBe("repo,admin:org,workflow");
    expect(tok.body.access_token).toMatch(/^gho_[A-Za-z0-9]{36}$/);

    const me = await sim.api<{ login: string }>("GET", "/user", { token: tok.body.access_token });
    expect(me.body.login).toBe("hubot");
    expect(me.headers["x-oauth-scopes"]).toBe("repo, admin:org, workflow");

    const again = await exchange(code);
    expect(again.body.error).toBe("bad_verification_code");
  });

  it("answers form-encoded unless JSON is asked for, and checks the client secret", async () => {
    const code = (await approve("mona")).searchParams.get("code") ?? "";
    const wrong = await exchange(code, true, "nope");
    expect(wrong.body.error).toBe("incorrect_client_credentials");
    const form = await exchange(code, false);
    expect(form.headers["content-type"]).toMatch(/application\/x-www-form-urlencoded/);
    const parsed = new URLSearchParams(form.text);
    expect(parsed.get("access_token")).toMatch(/^gho_/);
    expect(parsed.get("token_type")).toBe("bearer");
  });

  it("expires codes after 10 minutes", async () => {
    const code = (await approve("mona")).searchParams.get("code") ?? "";
    const grant = sim.sim?.oauthCodes.get(code);
    expect(grant).toBeDefined();
    if (grant) grant.expires = Date.now() - 1;
    expect((await exchange(code)).body.error).toBe("bad_verification_code");
  });

  it("redirects with access_denied when the user cancels", async () => {
    const form = new URLSearchParams({ client_id: CLIENT_ID, redirect_uri: redirect, state: "s9", decision: "deny" });
    const res = await sim.raw("POST", "/login/oauth/authorize", {
      body: form.toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    const loc = new URL(res.headers.location ?? "");
    expect(loc.searchParams.get("error")).toBe("access_denied");
    expect(loc.searchParams.get("state")).toBe("s9");
  });

  it("revokes a token with the app's basic auth", async () => {
    const code = (await approve("octocat")).searchParams.get("code") ?? "";
    const token = (await exchange(code)).body.access_token ?? "";
    expect((await sim.api("GET", "/user", { token })).status).toBe(200);
    const basic = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString("base64")}`;
    const badAuth = await sim.api("DELETE", `/applications/${CLIENT_ID}/token`, {
      token: null,
      headers: { authorization: `Basic ${Buffer.from(`${CLIENT_ID}:wrong`).toString("base64")}` },
      body: { access_token: token },
    });
    expect(badAuth.status).toBe(404);
    const del = await sim.api("DELETE", `/applications/${CLIENT_ID}/token`, { token: null, headers: { authorization: basic }, body: { access_token: token } });
    expect(del.status).toBe(204);
    const after = await sim.api<{ message: string }>("GET", "/user", { token });
    expect(after.status).toBe(401);
    expect(after.body.message).toBe("Bad credentials");
    const writes = await sim.raw<Record<string, number>>("GET", "/_sim/writes");
    expect(writes.body["DELETE /applications/{client_id}/token"]).toBe(1);
  });
});

describe("navigation endpoints against the OpenAPI description", () => {
  const sim = withSimulator();
  const cases: [string, string][] = [
    ["/user", "/user"],
    ["/user/orgs", "/user/orgs"],
    ["/user/repos", "/user/repos?per_page=100"],
    ["/orgs/{org}", "/orgs/acme"],
    ["/orgs/{org}/repos", "/orgs/acme/repos?per_page=100"],
    ["/repos/{owner}/{repo}", "/repos/acme/web"],
    ["/repos/{owner}/{repo}", "/repos/octocat/hello-world"],
    ["/repos/{owner}/{repo}/branches", "/repos/acme/api/branches"],
    ["/repos/{owner}/{repo}/contents/{path}", "/repos/acme/web/contents/README.md"],
    ["/repos/{owner}/{repo}/contents/{path}", "/repos/acme/web/contents/.github"],
    ["/rate_limit", "/rate_limit"],
    ["/meta", "/meta"],
  ];
  for (const [template, path] of cases) {
    it(`GET ${path}`, async () => {
      const r = await sim.api("GET", path);
      expect(r.status, r.text).toBe(200);
      expectValid("GET", template, 200, r.body, r.headers);
    });
  }

  it("has 30+ repositories of every visibility, some archived", () => {
    const state = sim.sim?.state;
    const repos = [...(state?.repos.values() ?? [])];
    expect(repos.length).toBeGreaterThanOrEqual(30);
    expect(new Set(repos.map((r) => r.visibility))).toEqual(new Set(["public", "private", "internal"]));
    expect(repos.some((r) => r.archived)).toBe(true);
  });

  it("serves file contents as base64 or raw, by ref, and 404s", async () => {
    const r = await sim.api<{ content: string; encoding: string }>("GET", "/repos/acme/web/contents/README.md?ref=feature/login");
    expect(r.body.encoding).toBe("base64");
    expect(Buffer.from(r.body.content, "base64").toString()).toMatch(/^# web/);
    const raw = await sim.api("GET", "/repos/acme/web/contents/README.md", { headers: { accept: "application/vnd.github.raw" } });
    expect(raw.text).toMatch(/^# web/);
    expect(raw.headers["x-github-media-type"]).toBe("github.v3; param=raw");
    const noRef = await sim.api("GET", "/repos/acme/web/contents/README.md?ref=nope");
    expect(noRef.status).toBe(404);
    expectValidError("GET", "/repos/{owner}/{repo}/contents/{path}", 404, noRef.body);
    expect((await sim.api("GET", "/repos/acme/web/contents/missing.txt")).status).toBe(404);
    expect((await sim.api("GET", "/orgs/nope")).status).toBe(404);
  });

  it("lists the repository root and serves download_url from /raw, private files only with a token", async () => {
    const root = await sim.api<{ path: string; type: string }[]>("GET", "/repos/acme/web/contents");
    expect(root.status).toBe(200);
    expectValid("GET", "/repos/{owner}/{repo}/contents/{path}", 200, root.body);
    expect(root.body.map((e) => `${e.type}:${e.path}`)).toEqual(expect.arrayContaining(["file:README.md", "dir:.github"]));
    const repos = [...(sim.sim?.state.repos.values() ?? [])].filter((r) => r.owner === "acme" && r.files["README.md"] !== undefined);
    const privateRepo = repos.find((r) => r.visibility === "private");
    const publicRepo = repos.find((r) => r.visibility === "public");
    if (!privateRepo || !publicRepo) throw new Error("seed lacks a public and a private acme repo with a README");
    for (const repo of [publicRepo, privateRepo]) {
      const file = await sim.api<{ download_url: string }>("GET", `/repos/acme/${repo.name}/contents/README.md`);
      const url = file.body.download_url.replace(/^https?:\/\/[^/]+/, "");
      const withToken = await sim.raw("GET", url, { token: TOKENS.mona });
      expect(withToken.status).toBe(200);
      expect(withToken.text).toBe(repo.files["README.md"]);
      expect((await sim.raw("GET", url)).status).toBe(repo.visibility === "public" ? 200 : 404);
    }
    const slashBranch = await sim.api<{ download_url: string }>("GET", "/repos/acme/web/contents/README.md?ref=feature/login");
    expect(slashBranch.body.download_url).toMatch(/\/raw\/acme\/web\/feature\/login\/README\.md$/);
    expect((await sim.raw("GET", slashBranch.body.download_url, { token: TOKENS.mona })).text).toMatch(/^# web/);
    expect((await sim.raw("GET", "/raw/acme/web/no-such-branch/README.md", { token: TOKENS.mona })).status).toBe(404);
  });

  it("sends GitHub's API headers", async () => {
    const r = await sim.api("GET", "/orgs/acme");
    expect(r.headers["x-github-api-version-selected"]).toBe("2022-11-28");
    expect(r.headers["x-github-media-type"]).toBe("github.v3; format=json");
    expect(r.headers["x-github-enterprise-version"]).toBeDefined();
    const v = await sim.api("GET", "/orgs/acme", { headers: { "x-github-api-version": "1999-01-01" } });
    expect(v.status).toBe(400);
    expect(mediaType("application/vnd.github.v3.raw")).toBe("github.v3; param=raw");
  });

  it("answers unknown API paths with GitHub's 404", async () => {
    const r = await sim.api<{ message: string }>("GET", "/nope/nothing");
    expect(r.status).toBe(404);
    expect(r.body.message).toBe("Not Found");
  });
});

describe("control interface", () => {
  const sim = withSimulator();

  it("logs requests with their route template and reports writes", async () => {
    const mark = await sim.raw<{ next: number }>("GET", "/_sim/requests");
    await sim.api("GET", "/repos/acme/web/branches?per_page=2");
    const log = await sim.raw<{ requests: { route: string | null; status: number; url: string; headers: Record<string, string> }[] }>(
      "GET",
      `/_sim/requests?since=${mark.body.next}`,
    );
    const entry = log.body.requests.find((r) => r.url.startsWith("/api/v3/repos/acme/web/branches"));
    expect(entry?.route).toBe("GET /repos/{owner}/{repo}/branches");
    expect(entry?.status).toBe(200);
    expect(entry?.headers.authorization).toBe(`token ${TOKENS.mona}`);
  });

  it("re-seeds, changes the clock and ticks", async () => {
    const h = await sim.raw<{ seed: number }>("POST", "/_sim/seed", { body: { seed: 7 } });
    expect(h.body.seed).toBe(7);
    const before = await sim.raw<{ now: string }>("GET", "/_sim/health");
    const t = await sim.raw<{ now: string }>("POST", "/_sim/tick", { body: { seconds: 3600 } });
    expect(new Date(t.body.now).getTime() - new Date(before.body.now).getTime()).toBeGreaterThanOrEqual(3600_000);
    const clock = await sim.raw<{ speed: number }>("PUT", "/_sim/clock", { body: { speed: 60 } });
    expect(clock.body.speed).toBe(60);
    await sim.raw("PUT", "/_sim/clock", { body: { speed: 1 } });
    expect((await sim.raw("POST", "/_sim/reset")).status).toBe(200);
    expect((await sim.api("GET", "/repos/acme/web")).status).toBe(200);
  });

  it("shows a seeded secret's decrypted value, and 404 for an unknown one", async () => {
    const state = sim.sim?.state;
    const repo = [...(state?.repos.values() ?? [])].find((r) => r.owner === "acme" && r.name === "web");
    const secret = repo ? [...(state?.repoSecrets.get(repo.id)?.values() ?? [])][0] : undefined;
    if (secret) {
      const r = await sim.raw<{ value: string }>("GET", `/_sim/state/secrets/acme/web/${secret.name}`);
      expect(r.body.value).toBe(secret.decrypted);
    }
    expect((await sim.raw("GET", "/_sim/state/secrets/acme/NOPE_NOT_HERE")).status).toBe(404);
  });

  it("is off unless enabled", async () => {
    const off = await startSimulator({ engine: false });
    try {
      expect((await fetch(`${off.url}/_sim/health`)).status).toBe(404);
    } finally {
      await off.close();
    }
  });
});

describe("signed download URLs", () => {
  it("accepts a fresh signature and refuses forged or expired ones", async () => {
    const s = await createSim({ engine: false });
    const app = new Hono<SimEnv>();
    app.use("*", async (c, next) => {
      c.set("sim", s);
      await next();
    });
    app.get("/sign", (c) => c.text(signedUrl(c, c.req.query("p") ?? "/x", Number(c.req.query("ttl") ?? 60))));
    app.get("/dl/*", (c) => verifySigned(c) ?? c.text("ok"));
    const base = "http://sim.test";
    const url = await (await app.request(`${base}/sign?p=${encodeURIComponent("/dl/logs/1?attempt=2")}`)).text();
    expect(url.startsWith(`${base}/dl/logs/1?attempt=2&`)).toBe(true);
    expect(await (await app.request(url)).text()).toBe("ok");

    const forged = url.replace("/dl/logs/1", "/dl/logs/2");
    const f = await app.request(forged);
    expect(f.status).toBe(403);
    expect(await f.text()).toMatch(/AuthenticationFailed/);
    expect((await app.request(`${base}/dl/logs/1`)).status).toBe(403);

    const expired = await (await app.request(`${base}/sign?p=/dl/a&ttl=-5`)).text();
    const e = await app.request(expired);
    expect(e.status).toBe(403);
    expect(await e.text()).toMatch(/expired/);
    s.stop();
  });
});

describe("createApp in process", () => {
  it("serves app.fetch without a socket", async () => {
    const s = await createSim({ engine: false });
    const app = createApp(s);
    const r = await app.request("http://sim.test/api/v3/orgs/globex", { headers: { authorization: `token ${TOKENS.mona}` } });
    expect(r.status).toBe(200);
    const body = (await r.json()) as { login: string; url: string };
    expect(body.login).toBe("globex");
    expect(body.url).toBe("http://sim.test/api/v3/orgs/globex");
    s.stop();
  });
});
