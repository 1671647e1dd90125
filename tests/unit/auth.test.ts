import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeUpstream, sendJson } from "./fake-upstream";

const APP = "http://app.test";
const GOOD = "ghp_good000000000000000000000000000000000";
const OAUTH_TOKEN = "gho_oauth00000000000000000000000000000000";
let upstream: Awaited<ReturnType<typeof startFakeUpstream>>;
let revokedTokens: string[] = [];

beforeAll(async () => {
  upstream = await startFakeUpstream((req, res) => {
    const auth = req.headers.authorization ?? "";
    if (req.url === "/api/v3/user") {
      if (auth === `token ${GOOD}` || auth === `token ${OAUTH_TOKEN}`) {
        return sendJson(
          res,
          200,
          { login: "mona", id: 1, name: "Mona", avatar_url: "https://a/1" },
          { "x-oauth-scopes": "repo, admin:org, workflow" },
        );
      }
      return sendJson(res, 401, { message: "Bad credentials" });
    }
    if (req.method === "POST" && req.url === "/login/oauth/access_token") {
      const body = JSON.parse(req.body) as { code: string; client_secret: string };
      if (body.code === "good" && body.client_secret === "secret")
        return sendJson(res, 200, { access_token: OAUTH_TOKEN, scope: "repo", token_type: "bearer" });
      return sendJson(res, 200, { error: "bad_verification_code" });
    }
    if (req.method === "DELETE" && req.url === "/api/v3/applications/Iv1.test/token") {
      expect(auth).toBe(`Basic ${Buffer.from("Iv1.test:secret").toString("base64")}`);
      revokedTokens.push((JSON.parse(req.body) as { access_token: string }).access_token);
      res.writeHead(204);
      return res.end();
    }
    sendJson(res, 404, { message: "Not Found" });
  });
  process.env.GITHUB_API_URL = `${upstream.origin}/api/v3`;
  process.env.GITHUB_WEB_URL = upstream.origin;
  process.env.GITHUB_CLIENT_ID = "Iv1.test";
  process.env.GITHUB_CLIENT_SECRET = "secret";
  process.env.SESSION_SECRET = "y".repeat(40);
  delete process.env.APP_URL;
  (await import("@/lib/config")).resetConfigForTests();
});

afterAll(async () => {
  await upstream.close();
});

beforeEach(() => {
  revokedTokens = [];
});

const cookieOf = (res: Response, name: string) =>
  res.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${name}=`))
    ?.split(";")[0];

describe("token sign-in", () => {
  it("signs in with a good token without echoing it", async () => {
    const { POST } = await import("@/app/api/auth/token/route");
    const res = await POST(
      new Request(`${APP}/api/auth/token`, {
        method: "POST",
        headers: { origin: APP, "content-type": "application/json" },
        body: JSON.stringify({ token: GOOD, returnTo: "//evil.example" }),
      }),
    );
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(GOOD);
    expect(JSON.parse(text)).toEqual({
      user: { login: "mona", id: 1, name: "Mona", avatar_url: "https://a/1" },
      scopes: ["repo", "admin:org", "workflow"],
      returnTo: "/",
    });
    const setCookie = res.headers.getSetCookie()[0] ?? "";
    expect(setCookie).toMatch(/^ac_session=/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Max-Age=28800/);
    expect(setCookie).not.toContain(GOOD);

    const session = await import("@/app/api/auth/session/route");
    const s = await session.GET(
      new Request(`${APP}/api/auth/session`, { headers: { cookie: cookieOf(res, "ac_session")! } }),
    );
    const body = await s.text();
    expect(body).not.toContain(GOOD);
    expect(
      (JSON.parse(body) as { session: { user: { login: string }; kind: string } }).session,
    ).toMatchObject({ user: { login: "mona" }, kind: "pat" });
  });

  it("answers 401 for a bad token, 422 for garbage, 403 cross-origin", async () => {
    const { POST } = await import("@/app/api/auth/token/route");
    const mk = (body: unknown, origin: string | null = APP) =>
      new Request(`${APP}/api/auth/token`, {
        method: "POST",
        headers: { ...(origin ? { origin } : {}), "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    expect((await POST(mk({ token: "ghp_wrong" }))).status).toBe(401);
    expect((await POST(mk({ token: "has space" }))).status).toBe(422);
    expect((await POST(mk({}))).status).toBe(422);
    expect((await POST(mk({ token: GOOD }, "https://evil.example"))).status).toBe(403);
    expect((await POST(mk({ token: GOOD }, null))).status).toBe(403);
  });
});

describe("OAuth web flow", () => {
  async function begin(returnTo: string) {
    const { GET } = await import("@/app/api/auth/login/route");
    const res = await GET(new Request(`${APP}/api/auth/login?returnTo=${encodeURIComponent(returnTo)}`));
    expect(res.status).toBe(302);
    const loc = new URL(res.headers.get("location")!);
    return { loc, stateCookie: cookieOf(res, "ac_oauth")! };
  }

  it("redirects to authorize with state, then exchanges the code and lands on returnTo", async () => {
    const { loc, stateCookie } = await begin("/acme/web/actions");
    expect(loc.origin + loc.pathname).toBe(`${upstream.origin}/login/oauth/authorize`);
    expect(loc.searchParams.get("client_id")).toBe("Iv1.test");
    expect(loc.searchParams.get("redirect_uri")).toBe(`${APP}/api/auth/callback`);
    expect(loc.searchParams.get("scope")).toBe("repo admin:org workflow read:user");
    const state = loc.searchParams.get("state")!;
    expect(state.length).toBeGreaterThanOrEqual(32);

    const { GET } = await import("@/app/api/auth/callback/route");
    const res = await GET(
      new Request(`${APP}/api/auth/callback?code=good&state=${state}`, { headers: { cookie: stateCookie } }),
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`${APP}/acme/web/actions`);
    const session = cookieOf(res, "ac_session");
    expect(session).toBeTruthy();
    expect(session).not.toContain(OAUTH_TOKEN);

    // sign-out revokes the OAuth token upstream and the old cookie stops working
    const logout = await import("@/app/api/auth/logout/route");
    const out = await logout.POST(
      new Request(`${APP}/api/auth/logout`, { method: "POST", headers: { origin: APP, cookie: session! } }),
    );
    expect(out.status).toBe(200);
    expect(revokedTokens).toEqual([OAUTH_TOKEN]);
    expect(out.headers.getSetCookie()[0]).toMatch(/^ac_session=;.*Max-Age=0/);
    const s = await import("@/app/api/auth/session/route");
    const after = (await (
      await s.GET(new Request(`${APP}/api/auth/session`, { headers: { cookie: session! } }))
    ).json()) as { session: unknown };
    expect(after.session).toBeNull();
  });

  it("refuses a state mismatch or a missing state cookie", async () => {
    const { stateCookie } = await begin("/x");
    const { GET } = await import("@/app/api/auth/callback/route");
    const res = await GET(
      new Request(`${APP}/api/auth/callback?code=good&state=forged`, { headers: { cookie: stateCookie } }),
    );
    expect(res.headers.get("location")).toBe(`${APP}/login?error=state`);
    expect(cookieOf(res, "ac_session")).toBeUndefined();
    const res2 = await GET(new Request(`${APP}/api/auth/callback?code=good&state=abc`));
    expect(res2.headers.get("location")).toBe(`${APP}/login?error=state`);
  });

  it("reports a bad code", async () => {
    const { loc, stateCookie } = await begin("/x");
    const { GET } = await import("@/app/api/auth/callback/route");
    const res = await GET(
      new Request(`${APP}/api/auth/callback?code=bad&state=${loc.searchParams.get("state")}`, {
        headers: { cookie: stateCookie },
      }),
    );
    expect(res.headers.get("location")).toBe(`${APP}/login?error=code&returnTo=%2Fx`);
  });

  it("refuses a cross-origin logout", async () => {
    const logout = await import("@/app/api/auth/logout/route");
    expect(
      (
        await logout.POST(
          new Request(`${APP}/api/auth/logout`, {
            method: "POST",
            headers: { origin: "https://evil.example" },
          }),
        )
      ).status,
    ).toBe(403);
  });
});

describe("health", () => {
  it("reports ok", async () => {
    const { GET } = await import("@/app/api/health/route");
    const res = GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", config: { valid: true } });
  });
});
