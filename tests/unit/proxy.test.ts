import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeUpstream, sendJson, type Recorded } from "./fake-upstream";

const TOKEN = "ghp_testToken00000000000000000000000000001";
const APP = "http://app.test";

let upstream: Awaited<ReturnType<typeof startFakeUpstream>>;
let cookie = "";
let route: typeof import("@/app/api/github/[...path]/route");
let rerunHits = 0;

beforeAll(async () => {
  upstream = await startFakeUpstream((req, res, origin) => {
    const u = new URL(req.url, origin);
    const p = u.pathname;
    const rate = {
      "x-ratelimit-limit": "5000",
      "x-ratelimit-remaining": "4999",
      "x-ratelimit-used": "1",
      "x-ratelimit-reset": "1900000000",
      "x-ratelimit-resource": "core",
    };
    if (p === "/api/v3/repos/acme/web/actions/runs") {
      if (req.headers["if-none-match"] === '"v1"') {
        res.writeHead(304, { etag: '"v1"', ...rate });
        return res.end();
      }
      return sendJson(
        res,
        200,
        { total_count: 1, workflow_runs: [] },
        {
          etag: '"v1"',
          link: `<${origin}/api/v3/repositories/42/actions/runs?per_page=1&page=2>; rel="next", <${origin}/api/v3/repos/acme/web/actions/runs?per_page=1&page=9>; rel="last", <https://evil.example/x?page=3>; rel="prev"`,
          "set-cookie": "upstream=1",
          "x-oauth-scopes": "repo",
          "x-internal": "secret",
          ...rate,
        },
      );
    }
    if (p === "/api/v3/repos/acme/web/actions/runs/5/rerun") {
      rerunHits++;
      res.writeHead(502, { "content-type": "text/html" });
      return res.end("<html><body>Bad gateway</body></html>");
    }
    if (p === "/api/v3/repos/acme/web/actions/runs/8/cancel") {
      res.writeHead(202, { "content-type": "application/json" });
      return res.end("{}");
    }
    if (p === "/api/v3/repos/acme/web/actions/runs/6") {
      return sendJson(
        res,
        403,
        {
          message: "Must have admin rights to Repository.",
          documentation_url: "https://docs.github.com/rest",
        },
        { "x-accepted-oauth-scopes": "repo", "x-oauth-scopes": "read:user, workflow" },
      );
    }
    if (p === "/api/v3/repos/acme/web/actions/runs/7") {
      return sendJson(
        res,
        403,
        { message: "API rate limit exceeded for user ID 1." },
        { ...rate, "x-ratelimit-remaining": "0" },
      );
    }
    if (p === "/api/v3/repos/acme/web/actions/jobs/1/logs") {
      res.writeHead(302, { location: `${origin}/_signed/log?sig=abc` });
      return res.end();
    }
    if (p === "/api/v3/repos/acme/web/actions/jobs/2/logs") {
      res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data" });
      return res.end();
    }
    if (p === "/_signed/log") {
      res.writeHead(200, {
        "content-type": "text/plain; charset=utf-8",
        "content-disposition": "attachment; filename=job-1.txt",
        "x-amz-secret": "no",
      });
      for (let i = 0; i < 1000; i++) res.write(`2026-11-20T17:42:40.1234567Z line ${i}\n`);
      return res.end();
    }
    if (p.startsWith("/api/v3/repos/acme/web/contents/")) return sendJson(res, 200, { path: p });
    if (p === "/api/v3/user")
      return sendJson(
        res,
        200,
        { login: "mona", id: 1, name: "Mona", avatar_url: "x" },
        { "x-oauth-scopes": "repo, admin:org" },
      );
    sendJson(res, 404, { message: "Not Found" });
  });
  process.env.GITHUB_API_URL = `${upstream.origin}/api/v3`;
  process.env.GITHUB_WEB_URL = upstream.origin;
  process.env.GITHUB_CLIENT_ID = "Iv1.test";
  process.env.GITHUB_CLIENT_SECRET = "secret";
  process.env.SESSION_SECRET = "x".repeat(40);
  delete process.env.APP_URL;
  const { resetConfigForTests } = await import("@/lib/config");
  resetConfigForTests();
  const { createSessionCookie } = await import("@/lib/auth/session");
  const { setCookie } = await createSessionCookie({
    token: TOKEN,
    kind: "pat",
    user: { login: "mona", id: 1, name: null, avatar_url: "" },
    scopes: ["repo"],
  });
  cookie = setCookie.split(";")[0]!;
  route = await import("@/app/api/github/[...path]/route");
});

afterAll(async () => {
  await upstream.close();
});

beforeEach(() => {
  upstream.requests.length = 0;
});

function call(
  method: "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE",
  path: string,
  init: { headers?: Record<string, string>; body?: string; auth?: boolean } = {},
) {
  const headers = new Headers(init.headers);
  if (init.auth !== false) headers.set("cookie", cookie);
  const req = new Request(`${APP}/api/github${path}`, { method, headers, body: init.body });
  const segs = new URL(req.url).pathname.replace(/^\/api\/github\//, "").split("/");
  return route[method](req, { params: Promise.resolve({ path: segs }) });
}

const apiCalls = (): Recorded[] => upstream.requests;

describe("proxy: refusals before any upstream call", () => {
  it("404s a route outside the table", async () => {
    const res = await call("GET", "/repos/acme/web/issues");
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { status: number; message: string } };
    expect(body.error.status).toBe(404);
    expect(apiCalls()).toHaveLength(0);
  });

  it("404s encoded slashes and traversal", async () => {
    for (const p of [
      "/repos/acme%2Fweb/x/actions/runs",
      "/repos/acme/web/actions/runs/1%2F..%2F..",
      "/repos/acme/web%5C..%5Cx/actions/runs",
      "/repos/acme/web/contents/%252e%252e/x",
      "/repos/acme/web/actions/runs/abc",
    ]) {
      const res = await call("GET", p);
      expect(res.status, p).toBe(404);
    }
    expect(apiCalls()).toHaveLength(0);
  });

  it("401s without a session, or with a tampered cookie", async () => {
    expect((await call("GET", "/repos/acme/web/actions/runs", { auth: false })).status).toBe(401);
    const req = new Request(`${APP}/api/github/user`, { headers: { cookie: `${cookie.slice(0, -4)}AAAA` } });
    expect((await route.GET(req, { params: Promise.resolve({ path: ["user"] }) })).status).toBe(401);
    expect(apiCalls()).toHaveLength(0);
  });

  it("403s cross-origin, null-origin and origin-less writes", async () => {
    const cases: Record<string, string>[] = [
      {},
      { origin: "null" },
      { origin: "https://evil.example" },
      { origin: APP, "sec-fetch-site": "cross-site" },
      { origin: "http://app.test.evil.example" },
    ];
    for (const headers of cases) {
      const res = await call("POST", "/repos/acme/web/actions/runs/8/cancel", { headers });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      const body = (await res.json()) as { error: { write_outcome?: string } };
      expect(body.error.write_outcome).toBe("not_applied");
    }
    expect(apiCalls()).toHaveLength(0);
  });
});

describe("proxy: forwarding", () => {
  it("adds the token, forwards only allowlisted headers and query params", async () => {
    const res = await call("GET", "/repos/acme/web/actions/runs?per_page=1&evil=1&access_token=x", {
      headers: {
        accept: "application/vnd.github+json",
        "x-forwarded-host": "evil.example",
        authorization: "token stolen",
        "x-custom": "1",
      },
    });
    expect(res.status).toBe(200);
    const [req] = apiCalls();
    expect(req?.url).toBe("/api/v3/repos/acme/web/actions/runs?per_page=1");
    expect(req?.headers.authorization).toBe(`token ${TOKEN}`);
    expect(req?.headers["x-forwarded-host"]).toBeUndefined();
    expect(req?.headers["x-custom"]).toBeUndefined();
    expect(req?.headers.cookie).toBeUndefined();
  });

  it("returns only allowlisted response headers, Link rewritten to proxy paths", async () => {
    const res = await call("GET", "/repos/acme/web/actions/runs?per_page=1");
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(res.headers.get("etag")).toBe('"v1"');
    expect(res.headers.get("x-ratelimit-remaining")).toBe("4999");
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(res.headers.get("x-internal")).toBeNull();
    expect(res.headers.get("x-oauth-scopes")).toBeNull();
    const link = res.headers.get("link") ?? "";
    expect(link).toBe(
      '</api/github/repos/acme/web/actions/runs?per_page=1&page=2>; rel="next", </api/github/repos/acme/web/actions/runs?per_page=1&page=9>; rel="last"',
    );
    expect(await res.json()).toEqual({ total_count: 1, workflow_runs: [] });
  });

  it("passes 304 through for a matching ETag", async () => {
    const res = await call("GET", "/repos/acme/web/actions/runs", { headers: { "if-none-match": '"v1"' } });
    expect(res.status).toBe(304);
    expect(res.headers.get("etag")).toBe('"v1"');
    expect(await res.text()).toBe("");
  });

  it("encodes the contents path segment by segment", async () => {
    const res = await call("GET", "/repos/acme/web/contents/.github/workflows/my%20flow.yml?ref=main");
    expect(res.status).toBe(200);
    expect(apiCalls()[0]?.url).toBe(
      "/api/v3/repos/acme/web/contents/.github/workflows/my%20flow.yml?ref=main",
    );
  });

  it("forwards a same-origin write", async () => {
    const res = await call("POST", "/repos/acme/web/actions/runs/8/cancel", {
      headers: { origin: APP, "sec-fetch-site": "same-origin" },
    });
    expect(res.status).toBe(202);
    expect(apiCalls()).toHaveLength(1);
    expect(apiCalls()[0]?.method).toBe("POST");
  });
});

describe("proxy: downloads", () => {
  it("follows the log redirect server-side without the token and streams the body", async () => {
    const res = await call("GET", "/repos/acme/web/actions/jobs/1/logs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe("attachment; filename=job-1.txt");
    // passed through as sent: no response compression on top (Next skips "no-transform" responses)
    expect(res.headers.get("cache-control")).toBe("private, no-store, no-transform");
    expect(res.headers.get("x-amz-secret")).toBeNull();
    const text = await res.text();
    expect(text.split("\n")).toHaveLength(1001);
    const signed = apiCalls().find((r) => r.url.startsWith("/_signed/"));
    expect(signed?.headers.authorization).toBeUndefined();
  });

  it("refuses a redirect to another host", async () => {
    const res = await call("GET", "/repos/acme/web/actions/jobs/2/logs");
    expect(res.status).toBe(502);
    expect(apiCalls()).toHaveLength(1);
  });
});

describe("proxy: errors", () => {
  it("maps a 403 for a missing scope", async () => {
    const res = await call("GET", "/repos/acme/web/actions/runs/6");
    expect(res.status).toBe(403);
    const { error } = (await res.json()) as { error: Record<string, unknown> };
    expect(error.missing_scopes).toEqual(["repo"]);
    expect(error.documentation_url).toBe("https://docs.github.com/rest");
    expect(String(error.message)).toMatch(/"repo" scope/);
  });

  it("maps a primary rate limit with its reset time", async () => {
    const res = await call("GET", "/repos/acme/web/actions/runs/7");
    expect(res.status).toBe(403);
    expect(res.headers.get("x-ratelimit-remaining")).toBe("0");
    const { error } = (await res.json()) as { error: Record<string, unknown> };
    expect(error.rate_limit_reset).toBe(new Date(1900000000 * 1000).toISOString());
    expect(String(error.message)).toMatch(/rate limit/);
  });

  it("sends a write once and reports an unknown outcome on a 502", async () => {
    rerunHits = 0;
    const res = await call("POST", "/repos/acme/web/actions/runs/5/rerun", {
      headers: { origin: APP, "content-type": "application/json" },
      body: "{}",
    });
    expect(res.status).toBe(502);
    const { error } = (await res.json()) as { error: Record<string, unknown> };
    expect(error.write_outcome).toBe("unknown");
    expect(rerunHits).toBe(1);
  });

  it("reports a write that could not be sent as not applied", async () => {
    const { resetConfigForTests } = await import("@/lib/config");
    const saved = process.env.GITHUB_API_URL;
    const closed = await startFakeUpstream(() => {});
    await closed.close();
    process.env.GITHUB_API_URL = `${closed.origin}/api/v3`;
    resetConfigForTests();
    try {
      const res = await call("POST", "/repos/acme/web/actions/runs/5/rerun", { headers: { origin: APP } });
      expect(res.status).toBe(502);
      const { error } = (await res.json()) as { error: Record<string, unknown> };
      expect(error.write_outcome).toBe("not_applied");
    } finally {
      process.env.GITHUB_API_URL = saved;
      resetConfigForTests();
    }
  });
});
