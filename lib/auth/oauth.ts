import "server-only";
import { timingSafeEqual } from "node:crypto";
import { getConfig } from "@/lib/config";
import { REQUESTED_SCOPES } from "@/lib/auth/scopes";
import { safeReturnTo } from "@/lib/auth/return-to";
import { sealValue, shortCookie, unsealValue } from "@/lib/auth/session";

export const OAUTH_STATE_COOKIE = "ac_oauth";
const STATE_TTL_SECONDS = 10 * 60;
const STATE_COOKIE_PATH = "/api/auth";

interface StateCookie {
  state: string;
  returnTo: string;
  redirectUri: string;
}

export function callbackUrl(origin: string): string {
  return `${origin}/api/auth/callback`;
}

/** Start the web flow: the authorize URL and the Set-Cookie carrying the state. */
export async function beginOAuth(
  origin: string,
  returnTo: unknown,
): Promise<{ location: string; setCookie: string }> {
  const cfg = getConfig();
  const state = Buffer.from(crypto.getRandomValues(new Uint8Array(24))).toString("base64url");
  const redirectUri = callbackUrl(origin);
  const payload: StateCookie = { state, returnTo: safeReturnTo(returnTo), redirectUri };
  const sealed = await sealValue(payload, STATE_TTL_SECONDS);
  const q = new URLSearchParams({
    client_id: cfg.clientId,
    redirect_uri: redirectUri,
    scope: REQUESTED_SCOPES.join(" "),
    state,
    allow_signup: "false",
  });
  return {
    location: `${cfg.webUrl}/login/oauth/authorize?${q.toString()}`,
    setCookie: shortCookie(OAUTH_STATE_COOKIE, sealed, STATE_TTL_SECONDS, STATE_COOKIE_PATH),
  };
}

export function clearStateCookie(): string {
  return `${shortCookie(OAUTH_STATE_COOKIE, "", 0, STATE_COOKIE_PATH)}; Expires=Thu, 01 Jan 1970 00:00:00 GMT`;
}

// States already used to finish a sign-in in this process: a replayed callback is refused before any
// code exchange (GitHub's codes are single-use too, but the state is what binds the callback to the
// browser that started the flow). On globalThis, like the revoked sessions: route handlers and pages
// are separate module graphs.
const usedKey = Symbol.for("actions-console.used-oauth-states");
const usedHolder = globalThis as unknown as { [usedKey]?: Map<string, number> };
const usedStates: Map<string, number> = (usedHolder[usedKey] ??= new Map<string, number>());

/** Marks a state as used; false when it already was. Entries are kept until the state cookie expires. */
function consumeState(state: string): boolean {
  const now = Date.now();
  for (const [s, until] of usedStates) if (until < now) usedStates.delete(s);
  if (usedStates.has(state)) return false;
  usedStates.set(state, now + (STATE_TTL_SECONDS + 60) * 1000);
  return true;
}

/**
 * The state cookie's content when valid, the returned state matches it and it was not used before
 * (it is marked used here: one callback per state); else null.
 */
export async function verifyState(
  sealedCookie: string | undefined,
  returnedState: string | null,
): Promise<StateCookie | null> {
  if (!returnedState) return null;
  const v = await unsealValue(sealedCookie, STATE_TTL_SECONDS);
  if (!v) return null;
  const s = v as Partial<StateCookie>;
  if (typeof s.state !== "string" || typeof s.returnTo !== "string" || typeof s.redirectUri !== "string")
    return null;
  const a = Buffer.from(s.state);
  const b = Buffer.from(returnedState);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return null;
  if (!consumeState(s.state)) return null;
  return { state: s.state, returnTo: safeReturnTo(s.returnTo), redirectUri: s.redirectUri };
}

export type ExchangeResult = { ok: true; token: string } | { ok: false; reason: string };

/** Exchange the code server-side (the client secret never leaves the server). */
export async function exchangeCode(
  code: string,
  redirectUri: string,
  state: string,
): Promise<ExchangeResult> {
  const cfg = getConfig();
  let res: Response;
  try {
    res = await fetch(`${cfg.webUrl}/login/oauth/access_token`, {
      method: "POST",
      headers: {
        Accept: "application/json",
        "Content-Type": "application/json",
        "User-Agent": "actions-console",
      },
      body: JSON.stringify({
        client_id: cfg.clientId,
        client_secret: cfg.clientSecret,
        code,
        redirect_uri: redirectUri,
        state,
      }),
      redirect: "manual",
      cache: "no-store",
      signal: AbortSignal.timeout(15_000),
    });
  } catch {
    return { ok: false, reason: "unreachable" };
  }
  let data: unknown;
  try {
    data = await res.json();
  } catch {
    return { ok: false, reason: "exchange" };
  }
  const d = (data ?? {}) as { access_token?: unknown; error?: unknown };
  if (!res.ok || typeof d.access_token !== "string" || !d.access_token) {
    return { ok: false, reason: d.error === "bad_verification_code" ? "code" : "exchange" };
  }
  return { ok: true, token: d.access_token };
}

/** Revoke an OAuth token upstream (DELETE /applications/{client_id}/token, basic auth). */
export async function revokeOAuthToken(token: string): Promise<boolean> {
  const cfg = getConfig();
  try {
    const res = await fetch(`${cfg.apiUrl}/applications/${encodeURIComponent(cfg.clientId)}/token`, {
      method: "DELETE",
      headers: {
        Authorization: `Basic ${Buffer.from(`${cfg.clientId}:${cfg.clientSecret}`).toString("base64")}`,
        Accept: "application/vnd.github+json",
        "Content-Type": "application/json",
        "User-Agent": "actions-console",
      },
      body: JSON.stringify({ access_token: token }),
      redirect: "manual",
      cache: "no-store",
      signal: AbortSignal.timeout(10_000),
    });
    await res.body?.cancel();
    return res.status === 204 || res.status === 404 || res.ok;
  } catch {
    return false;
  }
}
