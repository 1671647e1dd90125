// A sample of the hostile-request corpus (tests/security/corpus.ts) sent to the real server over raw
// HTTP, with the things only a real server sees: literal request paths (no URL normalisation on the
// way), absolute-form targets, CONNECT/TRACE, Host and X-Forwarded-Host spoofing, x-middleware-subrequest,
// raw control characters. The Vitest suite (tests/unit/security-proxy.test.ts) runs the full corpus.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { mkdirSync, readFileSync } from "node:fs";
import { connect } from "node:net";
import { request as httpRequest } from "node:http";
import { ROUTES } from "../../lib/github/routes";
import { HOSTILE_HEADERS, baselineCases, proxyPathCorpus } from "../security/corpus";
import { RESPONSE_HEADERS as HANDLER_RESPONSE_HEADERS, UPSTREAM_HEADERS } from "../security/setup";
import { MONA_STATE } from "./helpers";
import { sim } from "./sim";

mkdirSync("test-results/screens", { recursive: true });

const base = () => new URL(process.env.AC_BASE_URL!);
const TABLE = new Set<string>(ROUTES);
// The route handler's allowlists (tests/security/setup.ts), plus what a real server adds around them.
const RESPONSE_HEADERS = new Set([
  ...HANDLER_RESPONSE_HEADERS,
  // the static security headers next.config.js adds to every API answer
  "content-security-policy",
  "referrer-policy",
  "x-frame-options",
  // added by the Node.js server itself
  "date",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "vary",
]);

function monaCookie(): string {
  const state = JSON.parse(readFileSync(MONA_STATE, "utf8")) as { cookies: { name: string; value: string }[] };
  const c = state.cookies.find((x) => x.name === "ac_session");
  if (!c) throw new Error("mona's session is missing");
  return `ac_session=${c.value}`;
}

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request with a literal request target (no normalisation by a URL parser). */
function raw(method: string, target: string, headers: Record<string, string>): Promise<Raw> {
  const b = base();
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: b.hostname, port: b.port, method, path: target, headers, setHost: !("host" in headers) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end();
  });
}

/** Bytes written straight to a socket: for what node:http refuses to send (raw CR/LF, CONNECT targets). */
function socket(text: string): Promise<string> {
  const b = base();
  return new Promise((resolve) => {
    const s = connect(Number(b.port), b.hostname);
    let out = "";
    s.on("data", (d: Buffer) => {
      out += d.toString("latin1");
    });
    s.on("end", () => resolve(out));
    s.on("close", () => resolve(out));
    s.on("error", () => resolve(out));
    s.write(text);
    setTimeout(() => s.end(), 1500);
  });
}

async function upstreamSince(mark: number) {
  return (await sim.since(mark)).filter((r) => r.url.startsWith("/api/v3") || r.url.startsWith("/_downloads"));
}

/** The properties of tests/unit/security-proxy.test.ts, on what reached the simulator. */
function upstreamViolations(entries: Awaited<ReturnType<typeof upstreamSince>>, auth: string | undefined): string[] {
  const simHost = new URL(process.env.AC_SIM_URL!).host;
  const bad: string[] = [];
  for (const u of entries) {
    const where = `${u.method} ${u.url.slice(0, 140)}`;
    if (u.headers.host !== simHost) bad.push(`${where}: host ${u.headers.host}`);
    for (const n of Object.keys(u.headers)) if (!UPSTREAM_HEADERS.has(n)) bad.push(`${where}: header ${n}`);
    for (const [n, v] of Object.entries(u.headers)) if (/evil|injected/i.test(v)) bad.push(`${where}: ${n}: ${v}`);
    if (u.url.startsWith("/_downloads")) continue;
    if (!u.route || !TABLE.has(u.route)) bad.push(`${where}: route ${u.route} not in the table`);
    if (u.headers.authorization !== auth) bad.push(`${where}: another authorization`);
  }
  return bad;
}

test.describe("the proxy's surface over raw HTTP", () => {
  test.use({ storageState: MONA_STATE });

  test("a sample of the corpus with literal paths: no 5xx, nothing outside the table, allowlisted headers", async () => {
    const cookie = monaCookie();
    // The token the proxy uses upstream, from one genuine request.
    const m0 = await sim.mark();
    expect((await raw("GET", "/api/github/user", { cookie })).status).toBe(200);
    const auth = (await upstreamSince(m0))[0]?.headers.authorization;
    expect(auth).toMatch(/^token gh[op]_/);

    const all = proxyPathCorpus();
    const sample = all.filter((_, i) => i % Math.floor(all.length / 70) === 0).slice(0, 70);
    const extra: { method: string; target: string }[] = [
      { method: "GET", target: "/api/github/repos/acme/web/../../user" },
      { method: "GET", target: "/api/github/repos/acme/web/actions/../../../../_sim/writes" },
      { method: "GET", target: "/api/github/repos/acme/web/contents/../../../../../etc/passwd" },
      { method: "GET", target: "/api/github/repos/acme/web/contents/.github/../../x" },
      { method: "GET", target: "/api/github/repos/acme/web/contents/.github\\..\\..\\x" },
      { method: "GET", target: "/api/github/repos/acme/web/actions/workflows/ci.yml;/../../hooks" },
      { method: "GET", target: "/api/github//evil.example/user" },
      { method: "GET", target: "/api/github/http://evil.example/user" },
      { method: "GET", target: "http://evil.example/api/github/user" },
      { method: "GET", target: "//evil.example/api/github/user" },
      { method: "GET", target: "/api/github/repos/acme/web/actions/workflows/．．/runs" },
      { method: "GET", target: "/api/github/repos/acme/web/contents/%EF%BC%8F..%EF%BC%8Fx" },
      { method: "GET", target: "/api/github/user%00" },
      { method: "GET", target: "/api/github/user%0d%0aSet-Cookie:%20x=1" },
      { method: "GET", target: "/api/github/repos/acme/web/actions/runs?branch=main%0d%0aX:1&per_page=1" },
      { method: "GET", target: "/api/github/user#fragment" },
      { method: "PROPFIND", target: "/api/github/user" },
      { method: "TRACE", target: "/api/github/user" },
      { method: "OPTIONS", target: "/api/github/repos/acme/web/actions/runs" },
    ];
    const cases = [
      ...sample.map((c) => ({ method: c.method.toUpperCase(), target: `/api/github${c.path}` })),
      ...extra,
    ];
    expect(cases.length).toBeGreaterThanOrEqual(85);
    const bad: string[] = [];
    const mark = await sim.mark();
    for (const c of cases) {
      // No Origin on writes: the shared simulator's seeded objects must survive (the Vitest corpus
      // forwards same-origin writes to its own simulator); path handling comes before the CSRF check.
      const headers: Record<string, string> = { cookie };
      let r: Raw;
      try {
        r = await raw(c.method, toLatin1Safe(c.target), headers);
      } catch (e) {
        // node:http refuses to send some targets (e.g. with spaces): the server never sees them.
        if (e instanceof TypeError) continue;
        throw e;
      }
      if (r.status >= 500) bad.push(`${c.method} ${c.target}: ${r.status} ${r.body.slice(0, 120)}`);
      if (c.target.includes("/api/github") && r.status < 300)
        for (const n of Object.keys(r.headers)) if (!RESPONSE_HEADERS.has(n)) bad.push(`${c.method} ${c.target}: answered with ${n}`);
    }
    bad.push(...upstreamViolations(await upstreamSince(mark), auth));
    expect(bad).toEqual([]);
  });

  test("every route of the table still works over raw HTTP (the control)", async () => {
    const cookie = monaCookie();
    const mark = await sim.mark();
    const gets = baselineCases().filter((c) => c.method === "GET");
    for (const c of gets.slice(0, 12)) {
      const r = await raw("GET", `/api/github${c.path}`, { cookie });
      expect(r.status, c.id).toBeLessThan(500);
    }
    const routes = new Set((await upstreamSince(mark)).map((u) => u.route));
    for (const c of gets.slice(0, 12)) expect(routes.has(c.route!), c.id).toBe(true);
  });

  test("Host and X-Forwarded-* spoofing move nothing: upstream host, OAuth redirect_uri, CSRF origin", async () => {
    const cookie = monaCookie();
    const app = base();
    const spoofs: Record<string, string>[] = [
      { host: "evil.example" },
      { host: `evil.example:${app.port}` },
      { "x-forwarded-host": "evil.example" },
      { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https", "x-forwarded-port": "443" },
      { forwarded: "host=evil.example;proto=https" },
      ...HOSTILE_HEADERS.filter((h) => Object.keys(h).some((k) => k.startsWith("x-forwarded") || k === "host")),
    ];
    const mark = await sim.mark();
    const auth = await (async () => {
      const m = await sim.mark();
      await raw("GET", "/api/github/user", { cookie });
      return (await upstreamSince(m))[0]?.headers.authorization;
    })();
    for (const h of spoofs) {
      const label = JSON.stringify(h);
      const read = await raw("GET", "/api/github/repos/acme/web/actions/runs?per_page=1", { cookie, ...h });
      expect(read.status, label).toBeLessThan(500);
      const login = await raw("GET", "/api/auth/login?returnTo=%2Facme%2Fweb", h);
      expect(login.status, label).toBe(302);
      const authorize = new URL(String(login.headers.location));
      expect(authorize.origin, label).toBe(new URL(process.env.AC_SIM_URL!).origin);
      expect(authorize.searchParams.get("redirect_uri"), label).toBe(`${app.origin}/api/auth/callback`);
      // a write that claims the spoofed host as its origin is still foreign
      const write = await raw("POST", "/api/github/orgs/acme/actions/runners/registration-token", {
        cookie,
        ...h,
        origin: "http://evil.example",
      });
      expect(write.status, label).toBe(403);
    }
    expect(upstreamViolations(await upstreamSince(mark), auth)).toEqual([]);
    expect((await upstreamSince(mark)).filter((u) => u.method !== "GET")).toEqual([]);
  });

  test("x-middleware-subrequest bypasses nothing: sign-in redirects, CSRF refusals and page headers are unchanged", async () => {
    const values = [
      "middleware",
      "middleware:middleware:middleware:middleware:middleware",
      "src/middleware:src/middleware:src/middleware:src/middleware:src/middleware",
      "proxy:proxy:proxy:proxy:proxy",
      "src/proxy:src/proxy:src/proxy:src/proxy:src/proxy",
    ];
    const cookie = monaCookie();
    const plain = await raw("GET", "/acme/web", {});
    const plainSigned = await raw("GET", "/", { cookie });
    const securityHeaders = (r: Raw) =>
      Object.keys(r.headers)
        .filter((k) => /^(content-security-policy|x-frame-options|x-content-type-options|referrer-policy|strict-transport-security|permissions-policy)/.test(k))
        .sort();
    const mark = await sim.mark();
    for (const v of values) {
      const h = { "x-middleware-subrequest": v };
      const page = await raw("GET", "/acme/web", h);
      expect(page.status, v).toBe(plain.status);
      expect(String(page.headers.location ?? ""), v).toBe(String(plain.headers.location ?? ""));
      const signed = await raw("GET", "/", { cookie, ...h });
      expect(signed.status, v).toBe(plainSigned.status);
      expect(securityHeaders(signed), v).toEqual(securityHeaders(plainSigned));
      const api = await raw("GET", "/api/github/user", h);
      expect(api.status, v).toBe(401);
      const write = await raw("POST", "/api/github/orgs/acme/actions/runners/registration-token", { cookie, ...h, origin: "https://evil.example" });
      expect(write.status, v).toBe(403);
    }
    expect((await upstreamSince(mark)).filter((u) => u.method !== "GET")).toEqual([]);
  });

  test("raw control characters, absolute-form targets and CONNECT never reach the app as a 5xx", async () => {
    const app = base();
    const cookie = monaCookie();
    const mark = await sim.mark();
    const answers = await Promise.all([
      socket(`GET /api/github/user HTTP/1.1\r\nHost: ${app.host}\r\nCookie: ${cookie}\r\nX-Evil: a\rb\r\nConnection: close\r\n\r\n`),
      socket(`GET /api/github/user\r\nSet-Cookie: x=1 HTTP/1.1\r\nHost: ${app.host}\r\nConnection: close\r\n\r\n`),
      socket(`GET /api/github/us\ter HTTP/1.1\r\nHost: ${app.host}\r\nConnection: close\r\n\r\n`),
      socket(`GET http://evil.example/api/github/user HTTP/1.1\r\nHost: ${app.host}\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`),
      socket(`GET //evil.example/api/github/user HTTP/1.1\r\nHost: ${app.host}\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`),
      socket(`CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\n\r\n`),
      socket(`TRACE /api/github/user HTTP/1.1\r\nHost: ${app.host}\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`),
      socket(`GET /api/github/user HTTP/1.1\r\nHost: ${app.host}\r\nHost: evil.example\r\nConnection: close\r\n\r\n`),
      socket(`GET /api/github/user HTTP/1.1\r\nHost: ${app.host}\r\nCookie: ${cookie}\r\nAuthorization: token x\r\n Set-Cookie: folded\r\nConnection: close\r\n\r\n`),
    ]);
    for (const a of answers) {
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(a)?.[1];
      if (status) expect(Number(status), a.slice(0, 200)).toBeLessThan(500);
      expect(a).not.toMatch(/^set-cookie: x=1/im);
    }
    const up = await upstreamSince(mark);
    const simHost = new URL(process.env.AC_SIM_URL!).host;
    for (const u of up) {
      expect(u.headers.host).toBe(simHost);
      expect(u.route === null ? null : TABLE.has(u.route)).toBe(true);
    }
  });

  test("hostile returnTo values on the sign-in page stay on the dashboard", async ({ page }) => {
    const values = ["//evil.example", "/\\evil.example", "https://evil.example", "javascript:alert(1)", "/%2f%2fevil.example", "/api/auth/logout", '/x"><img src=x onerror=alert(1)>'];
    let dialogs = 0;
    page.on("dialog", (d) => {
      dialogs++;
      void d.dismiss();
    });
    for (const v of values) {
      await page.goto(`/login?returnTo=${encodeURIComponent(v)}`);
      const oauth = await page.getByTestId("oauth-sign-in").getAttribute("href");
      const target = new URL(oauth!, page.url()).searchParams.get("returnTo") ?? "/";
      const resolved = new URL(target, page.url());
      expect(resolved.origin, v).toBe(base().origin);
      expect(resolved.pathname.startsWith("/api/"), v).toBe(false);
      for (const href of await page.locator("main a[href]").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href))) {
        if (href.startsWith(base().origin)) continue;
        expect(href, `${v}: a link leaves the dashboard`).toMatch(new RegExp(`^${process.env.AC_SIM_URL!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
      }
    }
    expect(dialogs).toBe(0);
    await page.screenshot({ path: "test-results/screens/security-login-returnto.png", fullPage: true });
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.filter((x) => x.impact === "serious" || x.impact === "critical").map((x) => x.id)).toEqual([]);
  });
});

/** node:http sends the path as latin1: encode anything above it (full-width characters) as UTF-8 percent escapes. */
function toLatin1Safe(target: string): string {
  // eslint-disable-next-line no-control-regex
  return target.replace(/[^\u0000-\u00ff]/gu, (ch) => encodeURIComponent(ch));
}

test.describe("OAuth state replay", () => {
  test("a callback replayed with its state cookie is refused, and no second code exchange happens", async ({ page, context }) => {
    let callback = "";
    page.on("request", (r) => {
      if (r.url().includes("/api/auth/callback?")) callback = r.url();
    });
    await page.goto("/login");
    await page.getByTestId("oauth-sign-in").click();
    // On the simulator's authorize page: keep the state cookie the dashboard set for the flow.
    const stateCookie = (await context.cookies(base().origin + "/api/auth")).find((c) => c.name === "ac_oauth");
    expect(stateCookie).toBeDefined();
    await page.locator('input[name="login"][value="hubot"]').check();
    await page.getByRole("button", { name: "Authorize" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your organizations and repositories");
    expect(callback).toContain("state=");

    // Replay: the same callback URL (code and state) with the same state cookie put back.
    await context.clearCookies();
    await context.addCookies([stateCookie!]);
    const mark = await sim.mark();
    await page.goto(callback);
    await expect(page).toHaveURL(/\/login\?error=state/);
    await expect(page.locator("main").getByRole("alert")).toBeVisible();
    expect((await sim.since(mark)).filter((r) => r.url.startsWith("/login/oauth/access_token"))).toEqual([]);
    expect((await context.cookies()).find((c) => c.name === "ac_session")).toBeUndefined();
    await page.screenshot({ path: "test-results/screens/security-oauth-replay.png", fullPage: true });
  });
});
