// Sessions, CSRF, OAuth state and returnTo under attack, against the route handlers and the
// in-process simulator: 1,000 mutated session cookies answer 401 (never 5xx) on the proxy, the batch route and the
// session route; every write route and the batch route refuse cross-origin requests with nothing reaching the
// simulator; OAuth state missing, wrong, replayed or expired is refused; no returnTo leaves the dashboard.
import { sealData } from "iron-session";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ROUTES } from "@/lib/github/routes";
import { mutateCookie, returnToCorpus } from "../security/corpus";
import { SESSION_SECRET, configure, nextParams, startSecurityEnv, type SecurityEnv } from "../security/setup";

// The dashboard's public origin in this suite: a host with siblings (evil.corp.test) and children.
const APP = "http://actions.corp.test";

let env: SecurityEnv;
let proxy: typeof import("@/app/api/github/[...path]/route");
let batchRoute: typeof import("@/app/api/github-batch/route");
let sessionRoute: typeof import("@/app/api/auth/session/route");
let logoutRoute: typeof import("@/app/api/auth/logout/route");
let tokenRoute: typeof import("@/app/api/auth/token/route");
let loginRoute: typeof import("@/app/api/auth/login/route");
let callbackRoute: typeof import("@/app/api/auth/callback/route");

async function useAppUrl(appUrl: string | null) {
  configure(env.started.url, appUrl);
  (await import("@/lib/config")).resetConfigForTests();
}

beforeAll(async () => {
  env = await startSecurityEnv({ appUrl: APP });
  proxy = await import("@/app/api/github/[...path]/route");
  batchRoute = await import("@/app/api/github-batch/route");
  sessionRoute = await import("@/app/api/auth/session/route");
  logoutRoute = await import("@/app/api/auth/logout/route");
  tokenRoute = await import("@/app/api/auth/token/route");
  loginRoute = await import("@/app/api/auth/login/route");
  callbackRoute = await import("@/app/api/auth/callback/route");
}, 60_000);

afterAll(async () => {
  await env?.close();
});

afterEach(() => {
  vi.useRealTimers();
});

const sealedOf = (cookie: string) => cookie.slice(cookie.indexOf("=") + 1);

async function whoAmI(cookieHeader: string): Promise<{ proxy: number; batch: number; session: number; upstream: number }> {
  const log = env.started.sim.requestLog;
  log.length = 0;
  const p = await proxy.GET(
    new Request(`${APP}/api/github/user`, { headers: { cookie: cookieHeader } }),
    nextParams("/user"),
  );
  await p.body?.cancel();
  const b = await batchRoute.POST(
    new Request(`${APP}/api/github-batch`, {
      method: "POST",
      headers: { cookie: cookieHeader, origin: APP, "content-type": "application/json" },
      body: JSON.stringify({ requests: [{ id: "me", path: "/user" }] }),
    }),
  );
  await b.text();
  const s = await sessionRoute.GET(new Request(`${APP}/api/auth/session`, { headers: { cookie: cookieHeader } }));
  await s.body?.cancel();
  return { proxy: p.status, batch: b.status, session: s.status, upstream: log.length };
}

describe("sessions: 1,000 mutated cookies", () => {
  it("the genuine cookie works (the control)", async () => {
    expect(await whoAmI(env.cookie)).toEqual({ proxy: 200, batch: 200, session: 200, upstream: 2 });
  });

  it("every mutation answers 401 on the proxy, the batch route and the session route, never 5xx, nothing upstream", async () => {
    const sealed = sealedOf(env.cookie);
    const now = Date.now();
    const good = {
      sid: "a".repeat(24),
      token: "ghp_monaDemoToken000000000000000000000000",
      kind: "pat",
      user: { login: "mona", id: 1, name: null, avatar_url: "" },
      scopes: ["repo"],
      createdAt: now,
    };
    const mutants: { kind: string; cookie: string }[] = [];
    for (const m of mutateCookie(sealed, 930)) mutants.push({ kind: m.kind, cookie: `ac_session=${m.value}` });
    // Sealed with other secrets: a perfectly formed session the dashboard did not issue.
    for (let i = 0; i < 10; i++) {
      const other = await sealData(good, { password: `another-secret-${i}-`.padEnd(40, "x"), ttl: 3600 });
      mutants.push({ kind: "another secret", cookie: `ac_session=${other}` });
    }
    // Sealed with the right secret, but not a valid session.
    const wrongContent: [string, unknown][] = [
      ["empty object", {}],
      ["no token", { ...good, token: "" }],
      ["short sid", { ...good, sid: "x" }],
      ["unknown kind", { ...good, kind: "admin" }],
      ["created 9 hours ago", { ...good, createdAt: now - 9 * 3600_000 }],
      ["created in the future", { ...good, createdAt: now + 3600_000 }],
      ["createdAt as text", { ...good, createdAt: String(now) }],
      ["user missing", { ...good, user: undefined }],
      ["an OAuth state cookie", { state: "s", returnTo: "/", redirectUri: `${APP}/api/auth/callback` }],
      ["array", [good]],
    ];
    for (const [kind, data] of wrongContent)
      mutants.push({ kind, cookie: `ac_session=${await sealData(data, { password: SESSION_SECRET, ttl: 3600 })}` });
    // Empty, odd and huge.
    for (const c of ["ac_session=", "ac_session", 'ac_session=""', "ac_session= ", "ac_session=%", "ac_session=%00", "AC_SESSION=" + sealed, "ac_session2=" + sealed, "xac_session=" + sealed, ""])
      mutants.push({ kind: "empty or misnamed", cookie: c });
    for (const n of [4096, 16_384, 65_536, 1_048_576]) {
      mutants.push({ kind: `huge ${n}`, cookie: `ac_session=${"A".repeat(n)}` });
      mutants.push({ kind: `huge seal-like ${n}`, cookie: `ac_session=${sealed.repeat(Math.ceil(n / sealed.length)).slice(0, n)}` });
    }
    // Duplicated: the genuine cookie next to a mutant, either order (cookie tossing), and two mutants.
    const few = mutateCookie(sealed, 40, 77);
    for (const [i, m] of few.entries()) {
      if (i % 3 === 0) mutants.push({ kind: "duplicated, genuine first", cookie: `ac_session=${sealed}; ac_session=${m.value}` });
      else if (i % 3 === 1) mutants.push({ kind: "duplicated, genuine last", cookie: `ac_session=${m.value}; ac_session=${sealed}` });
      else mutants.push({ kind: "two mutants", cookie: `ac_session=${m.value}; ac_session=${few[(i + 1) % few.length]!.value}` });
    }
    expect(mutants.length).toBeGreaterThanOrEqual(1000);

    const bad: string[] = [];
    for (const m of mutants) {
      const r = await whoAmI(m.cookie);
      if (r.proxy !== 401 || r.batch !== 401 || r.session !== 401 || r.upstream !== 0)
        bad.push(`${m.kind}: ${JSON.stringify(r)} ${m.cookie.slice(0, 120)}`);
    }
    expect(bad.slice(0, 20)).toEqual([]);
  }, 120_000);

  it("an expired seal (8 hours on) and a signed-out session answer 401", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 8 * 3600_000 + 120_000);
    expect(await whoAmI(env.cookie)).toEqual({ proxy: 401, batch: 401, session: 401, upstream: 0 });
    vi.useRealTimers();
    // sign in afresh, sign out, replay the old cookie
    const res = await tokenRoute.POST(
      new Request(`${APP}/api/auth/token`, {
        method: "POST",
        headers: { origin: APP, "content-type": "application/json" },
        body: JSON.stringify({ token: "ghp_monaDemoToken000000000000000000000000" }),
      }),
    );
    const fresh = res.headers.getSetCookie()[0]!.split(";")[0]!;
    expect((await whoAmI(fresh)).proxy).toBe(200);
    const out = await logoutRoute.POST(new Request(`${APP}/api/auth/logout`, { method: "POST", headers: { origin: APP, cookie: fresh } }));
    expect(out.status).toBe(200);
    expect(await whoAmI(fresh)).toEqual({ proxy: 401, batch: 401, session: 401, upstream: 0 });
  });
});

// -------------------------------------------------------------------------------------------------

const WRITE_ROUTES = ROUTES.filter((r) => !r.startsWith("GET "));

/** A route's path with plausible params (the CSRF check comes after the route match). */
function pathOf(route: string): string {
  const values: Record<string, string> = {
    org: "acme",
    owner: "acme",
    repo: "web",
    secret_name: "CSRF_SECRET",
    workflow_id: "deploy.yml",
    name: "gpu",
  };
  return route
    .slice(route.indexOf(" ") + 1)
    .replace(/\{([a-z_]+)\}/g, (_a, n: string) => values[n] ?? "1");
}

const ORIGINS: { label: string; origin: string | null; site: string }[] = [
  { label: "missing", origin: null, site: "none" },
  { label: "null", origin: "null", site: "cross-site" },
  { label: "foreign", origin: "https://evil.example", site: "cross-site" },
  { label: "sibling subdomain", origin: "http://evil.corp.test", site: "same-site" },
  { label: "child subdomain", origin: "http://x.actions.corp.test", site: "same-site" },
  { label: "nip.io style", origin: "http://evil.127.0.0.1.nip.io", site: "cross-site" },
  { label: "other scheme", origin: "https://actions.corp.test", site: "cross-site" },
  { label: "other port", origin: "http://actions.corp.test:8080", site: "same-site" },
  { label: "suffix", origin: "http://actions.corp.test.evil.example", site: "cross-site" },
];

function bodyOf(kind: string): { body: BodyInit; type: string | null } {
  switch (kind) {
    case "json":
      return { body: '{"encrypted_value":"x","key_id":"1","ref":"main"}', type: "application/json" };
    case "text":
      return { body: '{"ref":"main"}', type: "text/plain;charset=UTF-8" };
    case "form":
      return { body: "ref=main&a=1", type: "application/x-www-form-urlencoded" };
    default: {
      const fd = new FormData();
      fd.set("ref", "main");
      return { body: fd, type: null }; // multipart/form-data with its boundary, set by Request
    }
  }
}

interface Target {
  label: string;
  call(req: Request): Promise<Response>;
  method: string;
  url: string;
}

function targets(): Target[] {
  const t: Target[] = WRITE_ROUTES.map((r) => {
    const method = r.slice(0, r.indexOf(" "));
    const path = pathOf(r);
    const handler = proxy[method as "POST" | "PUT" | "PATCH" | "DELETE"];
    return { label: r, method, url: `${APP}/api/github${path}`, call: (req: Request) => handler(req, nextParams(path)) };
  });
  // The batch route only reads, but one cross-site POST would spend the session's token on 100 of them.
  t.push({ label: "POST /api/github-batch", method: "POST", url: `${APP}/api/github-batch`, call: (req) => batchRoute.POST(req) });
  t.push({ label: "POST /api/auth/logout", method: "POST", url: `${APP}/api/auth/logout`, call: (req) => logoutRoute.POST(req) });
  t.push({ label: "POST /api/auth/token", method: "POST", url: `${APP}/api/auth/token`, call: (req) => tokenRoute.POST(req) });
  return t;
}

async function csrfMatrix(): Promise<{ cases: number; bad: string[] }> {
  const bad: string[] = [];
  let cases = 0;
  const log = env.started.sim.requestLog;
  for (const target of targets()) {
    for (const o of ORIGINS) {
      for (const kind of ["json", "text", "form", "multipart"]) {
        for (const site of [null, o.site, "same-origin"]) {
          // "same-origin" with a foreign Origin is a lie no browser tells: still refused, by the Origin.
          const { body, type } = bodyOf(kind);
          const headers = new Headers({ cookie: env.cookie });
          if (o.origin !== null) headers.set("origin", o.origin);
          if (type) headers.set("content-type", type);
          if (site) headers.set("sec-fetch-site", site);
          log.length = 0;
          const res = await target.call(new Request(target.url, { method: target.method, headers, body }));
          const text = await res.text();
          cases++;
          const where = `${target.label} × Origin ${o.label} × ${kind} × Sec-Fetch-Site ${site ?? "absent"}`;
          if (res.status !== 403) bad.push(`${where}: ${res.status} ${text.slice(0, 120)}`);
          if (log.length) bad.push(`${where}: ${log.length} upstream request(s): ${log.map((l) => l.url).join(", ")}`);
          if (res.headers.getSetCookie().length) bad.push(`${where}: set a cookie`);
          if (target.label.startsWith("PUT") || target.label.startsWith("POST /r") || target.label.startsWith("POST /o") || target.label.startsWith("DELETE") || target.label.startsWith("PATCH")) {
            const outcome = (JSON.parse(text) as { error?: { write_outcome?: string } }).error?.write_outcome;
            if (outcome !== "not_applied") bad.push(`${where}: write_outcome ${outcome}`);
          }
        }
      }
    }
  }
  return { cases, bad };
}

describe("CSRF: every write route × hostile Origin × body type × Sec-Fetch-Site", () => {
  it("covers every non-GET route of the table, the batch route and the auth POST routes", () => {
    expect(WRITE_ROUTES.length).toBeGreaterThan(35);
    expect(targets()).toHaveLength(WRITE_ROUTES.length + 3);
  });

  for (const appUrl of [APP, null]) {
    it(`refuses them all with nothing reaching the simulator (APP_URL ${appUrl ? "set" : "unset: origin from the request"})`, async () => {
      await useAppUrl(appUrl);
      const writesBefore = JSON.stringify([...env.started.sim.writes]);
      const { cases, bad } = await csrfMatrix();
      expect(cases).toBeGreaterThan(4000);
      expect(bad.slice(0, 30)).toEqual([]);
      expect(JSON.stringify([...env.started.sim.writes])).toBe(writesBefore);
      // the signed-in session survived every refused logout
      expect((await whoAmI(env.cookie)).session).toBe(200);
      await useAppUrl(APP);
    }, 120_000);
  }

  it("the same write from the dashboard's own origin goes through, once (the control)", async () => {
    const before = env.started.sim.writes.get("POST /orgs/{org}/actions/runners/registration-token") ?? 0;
    const path = "/orgs/acme/actions/runners/registration-token";
    const res = await proxy.POST(
      new Request(`${APP}/api/github${path}`, {
        method: "POST",
        headers: { cookie: env.cookie, origin: APP, "sec-fetch-site": "same-origin" },
      }),
      nextParams(path),
    );
    expect(res.status).toBe(201);
    expect(env.started.sim.writes.get("POST /orgs/{org}/actions/runners/registration-token")).toBe(before + 1);
  });
});

// -------------------------------------------------------------------------------------------------

const cookieOf = (res: Response, name: string) =>
  res.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${name}=`))
    ?.split(";")[0];

/** Starts the web flow and approves it on the simulator as mona: the callback URL and the state cookie. */
async function approvedCallback(returnTo = "/acme/web"): Promise<{ callback: URL; stateCookie: string }> {
  const res = await loginRoute.GET(new Request(`${APP}/api/auth/login?returnTo=${encodeURIComponent(returnTo)}`));
  expect(res.status).toBe(302);
  const authorize = new URL(res.headers.get("location")!);
  const stateCookie = cookieOf(res, "ac_oauth")!;
  const form = new URLSearchParams({ login: "mona", decision: "approve" });
  for (const k of ["client_id", "redirect_uri", "state", "scope"]) form.set(k, authorize.searchParams.get(k) ?? "");
  const approved = await fetch(`${env.started.url}/login/oauth/authorize`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form.toString(),
    redirect: "manual",
  });
  expect(approved.status).toBe(302);
  return { callback: new URL(approved.headers.get("location")!), stateCookie };
}

const exchanges = () => env.started.sim.requestLog.filter((l) => l.url.startsWith("/login/oauth/access_token")).length;

async function finish(url: URL | string, cookie: string | null) {
  env.started.sim.requestLog.length = 0;
  const res = await callbackRoute.GET(new Request(url.toString(), { headers: cookie ? { cookie } : {} }));
  return { status: res.status, location: res.headers.get("location") ?? "", session: cookieOf(res, "ac_session"), exchanges: exchanges() };
}

describe("OAuth state", () => {
  it("a genuine callback signs in once; replayed, it is refused before any code exchange", async () => {
    const { callback, stateCookie } = await approvedCallback();
    const first = await finish(callback, stateCookie);
    expect(first.location).toBe(`${APP}/acme/web`);
    expect(first.session).toBeTruthy();
    expect(first.exchanges).toBe(1);
    const replay = await finish(callback, stateCookie);
    expect(replay.location).toBe(`${APP}/login?error=state`);
    expect(replay.session).toBeUndefined();
    expect(replay.exchanges).toBe(0);
  });

  it("missing, wrong or foreign state, or no state cookie: refused, no exchange", async () => {
    const { callback, stateCookie } = await approvedCallback();
    const code = callback.searchParams.get("code")!;
    const state = callback.searchParams.get("state")!;
    const cases: [string, string, string | null][] = [
      ["no state", `${APP}/api/auth/callback?code=${code}`, stateCookie],
      ["empty state", `${APP}/api/auth/callback?code=${code}&state=`, stateCookie],
      ["wrong state", `${APP}/api/auth/callback?code=${code}&state=${state.slice(0, -2)}xx`, stateCookie],
      ["state twice", `${APP}/api/auth/callback?code=${code}&state=forged&state=${state}`, stateCookie],
      ["no cookie", callback.toString(), null],
      ["cookie tampered", callback.toString(), stateCookie.slice(0, -6) + "AAAAAA"],
      ["cookie sealed with another secret", callback.toString(), `ac_oauth=${await sealData({ state, returnTo: "/", redirectUri: `${APP}/api/auth/callback` }, { password: "z".repeat(40), ttl: 600 })}`],
      ["duplicated cookie", callback.toString(), `ac_oauth=x; ${stateCookie}`],
      ["a session cookie as the state cookie", callback.toString(), `ac_oauth=${sealedOf(env.cookie)}`],
    ];
    for (const [label, url, cookie] of cases) {
      const r = await finish(url, cookie);
      expect(r.location, label).toBe(`${APP}/login?error=state`);
      expect(r.session, label).toBeUndefined();
      expect(r.exchanges, label).toBe(0);
    }
    // the genuine pair still works afterwards (nothing above consumed it)
    expect((await finish(callback, stateCookie)).session).toBeTruthy();
  });

  it("an expired state (over 10 minutes) is refused", async () => {
    const { callback, stateCookie } = await approvedCallback();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 12 * 60_000);
    const r = await finish(callback, stateCookie);
    expect(r.location).toBe(`${APP}/login?error=state`);
    expect(r.exchanges).toBe(0);
  });
});

// -------------------------------------------------------------------------------------------------

describe("returnTo", () => {
  it("no hostile returnTo leads off the dashboard, to /api or back to /login", async () => {
    const { safeReturnTo } = await import("@/lib/auth/return-to");
    const values = returnToCorpus();
    expect(values.length).toBeGreaterThanOrEqual(300);
    const bad: string[] = [];
    for (const v of values) {
      const out = safeReturnTo(v);
      // As a relative link in the browser and as the path after the origin in a Location header.
      for (const resolved of [new URL(out, `${APP}/login`), new URL(`${APP}${out}`)]) {
        if (resolved.origin !== APP) bad.push(`${JSON.stringify(v)} → ${out} → ${resolved.href}`);
        if (/^\/(api|login)(\/|$)/.test(resolved.pathname)) bad.push(`${JSON.stringify(v)} → ${out}: ${resolved.pathname}`);
      }
      // eslint-disable-next-line no-control-regex
      if (/[\u0000-\u001f\u007f\\]/.test(out) || !/^[\x21-\x7e]*$/.test(out)) bad.push(`${JSON.stringify(v)} → ${JSON.stringify(out)}: unsafe characters`);
    }
    expect(bad).toEqual([]);
  });

  it("through the whole web flow, the landing page is always on the dashboard", async () => {
    const values = returnToCorpus().filter((_, i) => i % 6 === 0);
    const bad: string[] = [];
    for (const v of values) {
      const res = await loginRoute.GET(new Request(`${APP}/api/auth/login?returnTo=${encodeURIComponent(v)}`));
      if (res.status !== 302) {
        bad.push(`${JSON.stringify(v)}: login answered ${res.status}`);
        continue;
      }
      const authorize = new URL(res.headers.get("location")!);
      if (authorize.origin !== new URL(env.started.url).origin) bad.push(`${JSON.stringify(v)}: authorize at ${authorize.origin}`);
      if (authorize.searchParams.get("redirect_uri") !== `${APP}/api/auth/callback`) bad.push(`${JSON.stringify(v)}: redirect_uri ${authorize.searchParams.get("redirect_uri")}`);
    }
    // A sample through the callback (each is a full sign-in).
    for (const v of values.slice(0, 12)) {
      const { callback, stateCookie } = await approvedCallback(v);
      const r = await finish(callback, stateCookie);
      const landed = new URL(r.location);
      if (landed.origin !== APP || /^\/(api|login)(\/|$)/.test(landed.pathname)) bad.push(`${JSON.stringify(v)}: landed on ${r.location}`);
    }
    expect(bad).toEqual([]);
  }, 60_000);
});
