// Token authentication as GitHub does it: `Authorization: token X` or `Bearer X` (and Basic with the
// token as password, which git clients and some tools send). An unknown token is a 401, never anonymous.
import type { MiddlewareHandler } from "hono";
import type { SimEnv } from "../context.js";
import { DOCS, GhError } from "./errors.js";

/** Extracts the token from an Authorization header value, or null when the scheme is not a token scheme. */
export function tokenFrom(header: string): string | null {
  const m = /^\s*(token|bearer|basic)\s+(\S+)\s*$/i.exec(header);
  if (!m) return null;
  const scheme = (m[1] ?? "").toLowerCase();
  const value = m[2] ?? "";
  if (scheme !== "basic") return value;
  const decoded = Buffer.from(value, "base64").toString("utf8");
  const i = decoded.indexOf(":");
  return i >= 0 ? decoded.slice(i + 1) : decoded;
}

/** Paths under /api/v3 whose Basic auth is an OAuth app's client_id:secret, checked by the route itself. */
const APP_AUTH = /^\/api\/v3\/applications\/[^/]+\/(token|grant)$/;

export function auth(): MiddlewareHandler<SimEnv> {
  return async (c, next) => {
    c.set("caller", null);
    const header = c.req.header("authorization");
    const path = new URL(c.req.url).pathname;
    if (header && !APP_AUTH.test(path)) {
      const raw = tokenFrom(header);
      const state = c.get("sim").state;
      const token = raw ? state.tokens.get(raw) : undefined;
      const user = token ? state.users.get(token.login) : undefined;
      if (!token || !user) throw new GhError(401, "Bad credentials", { documentation_url: DOCS });
      c.set("caller", { token, user });
      // GitHub lists the token's scopes on every authenticated response.
      c.header("X-OAuth-Scopes", token.scopes.join(", "));
    }
    await next();
  };
}
