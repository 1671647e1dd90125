// The OAuth web flow as GitHub serves it: an authorize page (pick a seeded user, approve), the code
// exchange (codes single use, 10 minutes), and token revocation by the app.
import { randomBytes } from "node:crypto";
import type { Context, Hono } from "hono";
import type { Sim, SimContext, SimEnv } from "../context.js";
import { countWrite } from "../http/access.js";
import { GhError, notFound } from "../http/errors.js";
import { route } from "../http/route.js";
import { mintToken } from "../store/tokens.js";

export const CODE_TTL_MS = 10 * 60 * 1000;
const KNOWN_SCOPES = new Set([
  "repo", "repo:status", "repo_deployment", "public_repo", "repo:invite", "security_events",
  "admin:org", "write:org", "read:org", "workflow", "user", "read:user", "user:email", "user:follow",
  "admin:repo_hook", "write:repo_hook", "read:repo_hook", "admin:org_hook", "gist", "notifications",
  "delete_repo", "admin:enterprise", "manage_runners:enterprise", "read:enterprise",
]);

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function parseScopes(raw: string | undefined): string[] {
  return [...new Set((raw ?? "").split(/[\s,]+/).filter((s) => KNOWN_SCOPES.has(s)))];
}

function withParams(uri: string, params: Record<string, string>): string {
  const u = new URL(uri);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.toString();
}

async function formOrJson(c: SimContext): Promise<Record<string, string>> {
  const type = c.req.header("content-type") ?? "";
  const out: Record<string, string> = {};
  // GitHub also accepts the parameters in the query string.
  new URL(c.req.url).searchParams.forEach((v, k) => {
    out[k] = v;
  });
  const text = await c.req.text().catch(() => "");
  if (!text) return out;
  if (type.includes("json")) {
    try {
      const body = JSON.parse(text) as Record<string, unknown>;
      for (const [k, v] of Object.entries(body)) {
        if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") out[k] = String(v);
      }
    } catch {
      /* GitHub ignores an unreadable body and reports the missing parameters */
    }
  } else {
    new URLSearchParams(text).forEach((v, k) => {
      out[k] = v;
    });
  }
  return out;
}

function authorizePage(sim: Sim, q: Record<string, string>, appName: string): string {
  const hidden = ["client_id", "redirect_uri", "state", "scope"]
    .filter((k) => q[k] !== undefined)
    .map((k) => `<input type="hidden" name="${k}" value="${esc(q[k] ?? "")}">`)
    .join("");
  const users = [...sim.state.users.values()].sort((a, b) => a.id - b.id);
  const roles = (login: string) =>
    [...sim.state.orgs.values()]
      .filter((o) => o.members[login])
      .map((o) => `${o.members[login]} of ${o.login}`)
      .join(", ") || "no organizations";
  const scopes = parseScopes(q.scope);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Authorize application · GitHub Enterprise (simulated)</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;color:#1f2328}
label{display:flex;gap:.5rem;align-items:center;padding:.5rem;border:1px solid #d0d7de;border-radius:6px;margin:.25rem 0}
button{font-size:1rem;padding:.5rem 1rem;margin-right:.5rem;border-radius:6px;border:1px solid #d0d7de}
button[value=approve]{background:#1f883d;color:#fff;border-color:#1f883d}</style></head>
<body><h1>Authorize ${esc(appName)}</h1>
<p>This simulated GitHub Enterprise Server signs you in as one of its seeded users.</p>
<p>Requested scopes: ${scopes.length ? scopes.map((s) => `<code>${esc(s)}</code>`).join(", ") : "(none)"}</p>
<form method="post" action="/login/oauth/authorize">${hidden}
<fieldset><legend>Sign in as</legend>
${users
  .map(
    (u, i) =>
      `<label><input type="radio" name="login" value="${esc(u.login)}"${i === 0 ? " checked" : ""}> <strong>${esc(u.login)}</strong> <span>${esc(u.name)} (${esc(roles(u.login))})</span></label>`,
  )
  .join("\n")}
</fieldset>
<p><button type="submit" name="decision" value="approve">Authorize</button>
<button type="submit" name="decision" value="deny">Cancel</button></p>
</form></body></html>`;
}

function oauthErrorPage(c: Context<SimEnv>, status: 400 | 404, message: string) {
  return c.html(`<!doctype html><title>Error · GitHub Enterprise (simulated)</title><h1>${esc(message)}</h1>`, status);
}

/** /login/oauth/* (outside /api/v3). */
export function registerOAuth(app: Hono<SimEnv>): void {
  app.get("/login/oauth/authorize", (c) => {
    c.set("route", "GET /login/oauth/authorize");
    const sim = c.get("sim");
    const q = Object.fromEntries(new URL(c.req.url).searchParams.entries());
    const clientId = q.client_id ?? "";
    if (!sim.options.oauthApps[clientId]) return oauthErrorPage(c, 404, "Application not found (unknown client_id)");
    if (q.redirect_uri && !/^https?:\/\//.test(q.redirect_uri)) return oauthErrorPage(c, 400, "The redirect_uri is not valid");
    if (!q.redirect_uri) return oauthErrorPage(c, 400, "The redirect_uri MUST be given (the simulator has no registered callback)");
    return c.html(authorizePage(sim, q, `OAuth app ${clientId}`));
  });

  app.post("/login/oauth/authorize", async (c) => {
    c.set("route", "POST /login/oauth/authorize");
    const sim = c.get("sim");
    const f = await formOrJson(c);
    const clientId = f.client_id ?? "";
    const redirect = f.redirect_uri ?? "";
    if (!sim.options.oauthApps[clientId]) return oauthErrorPage(c, 404, "Application not found (unknown client_id)");
    if (!/^https?:\/\//.test(redirect)) return oauthErrorPage(c, 400, "The redirect_uri is not valid");
    const state: Record<string, string> = f.state !== undefined ? { state: f.state } : {};
    if (f.decision === "deny") {
      return c.redirect(
        withParams(redirect, {
          error: "access_denied",
          error_description: "The user has denied your application access.",
          error_uri: "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-authorization-request-errors/#access-denied",
          ...state,
        }),
        302,
      );
    }
    const login = f.login ?? "";
    if (!sim.state.users.has(login)) return oauthErrorPage(c, 400, "Pick one of the listed users");
    const code = randomBytes(10).toString("hex");
    sim.oauthCodes.set(code, {
      login,
      clientId,
      scopes: parseScopes(f.scope),
      redirectUri: redirect,
      expires: Date.now() + CODE_TTL_MS,
      used: false,
    });
    return c.redirect(withParams(redirect, { code, ...state }), 302);
  });

  app.post("/login/oauth/access_token", async (c) => {
    c.set("route", "POST /login/oauth/access_token");
    const sim = c.get("sim");
    const f = await formOrJson(c);
    const wantsJson = /application\/json/.test(c.req.header("accept") ?? "");
    // GitHub answers errors of the exchange with 200 and an `error` field, in the format asked for.
    const answer = (body: Record<string, string>) =>
      wantsJson
        ? c.json(body, 200)
        : c.body(new URLSearchParams(body).toString(), 200, { "Content-Type": "application/x-www-form-urlencoded; charset=utf-8" });
    const clientId = f.client_id ?? "";
    const secret = sim.options.oauthApps[clientId];
    if (!secret || f.client_secret !== secret) {
      return answer({
        error: "incorrect_client_credentials",
        error_description: "The client_id and/or client_secret passed are incorrect.",
        error_uri: "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/#incorrect-client-credentials",
      });
    }
    const grant = f.code ? sim.oauthCodes.get(f.code) : undefined;
    const bad = {
      error: "bad_verification_code",
      error_description: "The code passed is incorrect or expired.",
      error_uri: "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/#bad-verification-code",
    };
    if (!grant || grant.clientId !== clientId || grant.used || grant.expires < Date.now()) return answer(bad);
    if (f.redirect_uri && grant.redirectUri && f.redirect_uri !== grant.redirectUri) {
      return answer({
        error: "redirect_uri_mismatch",
        error_description: "The redirect_uri MUST match the registered callback URL for this application.",
        error_uri: "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-authorization-request-errors/#redirect-uri-mismatch2",
      });
    }
    grant.used = true;
    const token = mintToken(sim.state, grant.login, grant.scopes, "oauth", clientId);
    return answer({ access_token: token.token, token_type: "bearer", scope: grant.scopes.join(",") });
  });
}

/** Basic client_id:client_secret of a known app, or 401/404 as GitHub answers the applications API. */
function requireApp(c: SimContext, clientId: string): void {
  const sim = c.get("sim");
  const header = c.req.header("authorization") ?? "";
  const m = /^\s*basic\s+(\S+)\s*$/i.exec(header);
  if (!m) throw new GhError(401, "Requires authentication", { documentation_url: "https://docs.github.com/enterprise-server@3.19/rest/apps/oauth-applications#delete-an-app-token" });
  const decoded = Buffer.from(m[1] ?? "", "base64").toString("utf8");
  const i = decoded.indexOf(":");
  const id = i >= 0 ? decoded.slice(0, i) : decoded;
  const secret = i >= 0 ? decoded.slice(i + 1) : "";
  if (id !== clientId || sim.options.oauthApps[id] === undefined || sim.options.oauthApps[id] !== secret) throw notFound();
}

/** DELETE /api/v3/applications/{client_id}/token (inside /api/v3). */
export function register(api: Hono<SimEnv>): void {
  route(api, "DELETE", "/applications/{client_id}/token", async (c, p) => {
    const clientId = p.client_id ?? "";
    requireApp(c, clientId);
    const body = (await c.req.json().catch(() => ({}))) as { access_token?: unknown };
    if (typeof body.access_token !== "string" || !body.access_token) {
      throw new GhError(422, "Invalid request.\n\n\"access_token\" wasn't supplied.", {
        documentation_url: "https://docs.github.com/enterprise-server@3.19/rest/apps/oauth-applications#delete-an-app-token",
      });
    }
    const state = c.get("sim").state;
    const token = state.tokens.get(body.access_token);
    if (!token || token.kind !== "oauth" || token.clientId !== clientId) throw notFound();
    state.tokens.delete(body.access_token);
    countWrite(c);
    return c.body(null, 204);
  });
}
