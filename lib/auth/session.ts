import "server-only";
import { sealData, unsealData } from "iron-session";
import { headers } from "next/headers";
import { cache } from "react";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getConfig } from "@/lib/config";
import { safeReturnTo } from "@/lib/auth/return-to";

/** Session cookie name. */
export const SESSION_COOKIE = "ac_session";
/** Sessions last at most 8 hours. */
export const SESSION_TTL_SECONDS = 8 * 60 * 60;

const userSchema = z.object({
  login: z.string(),
  id: z.number(),
  name: z.string().nullable(),
  avatar_url: z.string(),
});

const sessionSchema = z.object({
  sid: z.string().min(16),
  token: z.string().min(1),
  kind: z.enum(["oauth", "pat"]),
  user: userSchema,
  scopes: z.array(z.string()),
  createdAt: z.number(),
});

export type SessionUser = z.infer<typeof userSchema>;
export type SessionData = z.infer<typeof sessionSchema>;

/** What the browser may know about the session: never the token. */
export interface PublicSession {
  user: SessionUser;
  kind: "oauth" | "pat";
  scopes: string[];
  createdAt: string;
  expiresAt: string;
}

// Sessions signed out in this process (replayed cookies are refused; across restarts, the
// OAuth token itself is revoked upstream).
// On globalThis: Next.js loads route handlers and pages as separate module graphs, and both must see it.
const revokedKey = Symbol.for("actions-console.revoked-sessions");
const holder = globalThis as unknown as { [revokedKey]?: Map<string, number> };
const revoked: Map<string, number> = (holder[revokedKey] ??= new Map<string, number>());

function pruneRevoked(now: number) {
  for (const [sid, until] of revoked) if (until < now) revoked.delete(sid);
}

/** Mark a session as signed out (used by logout). */
export function revokeSession(sid: string): void {
  const now = Date.now();
  pruneRevoked(now);
  revoked.set(sid, now + SESSION_TTL_SECONDS * 1000);
}

/**
 * The exact shape of a seal as iron-session writes it: `Fe26.2*id*salt*iv*data*expiry*salt*hmac~2`.
 * iron-session reads the `~version` suffix leniently (`~2junk` passes as `~2`), so the whole value is
 * checked first: a cookie with anything appended or changed there is not the one this server issued.
 */
const SEAL_SHAPE = /^Fe26\.2\*[A-Za-z0-9_-]*\*[A-Za-z0-9_-]+\*[A-Za-z0-9_-]+\*[A-Za-z0-9_-]+\*\d*\*[A-Za-z0-9_-]+\*[A-Za-z0-9_-]+(?:~\d{1,3})?$/;
const MAX_SEAL_LENGTH = 8192;

/** Whether a value has the exact shape of a seal (see SEAL_SHAPE). */
export function isSealShaped(value: string): boolean {
  return value.length <= MAX_SEAL_LENGTH && SEAL_SHAPE.test(value);
}

/** Unseal a cookie value. Expired, tampered, malformed or revoked → null. */
export async function readSessionCookie(value: string | undefined | null): Promise<SessionData | null> {
  if (!value || !isSealShaped(value)) return null;
  let raw: unknown;
  try {
    raw = await unsealData(value, { password: getConfig().sessionSecret, ttl: SESSION_TTL_SECONDS });
  } catch {
    return null;
  }
  const parsed = sessionSchema.safeParse(raw);
  if (!parsed.success) return null;
  const s = parsed.data;
  const now = Date.now();
  if (s.createdAt > now + 60_000 || now - s.createdAt > SESSION_TTL_SECONDS * 1000) return null;
  if (revoked.has(s.sid)) return null;
  return s;
}

/**
 * Read a cookie by name from a Cookie header. When the header carries the name more than once with
 * different values (a cookie planted for a parent domain or another path, "cookie tossing"), neither
 * is trusted: undefined.
 */
export function getCookie(cookieHeader: string | null | undefined, name: string): string | undefined {
  const values = getCookies(cookieHeader, name);
  const first = values[0];
  return first !== undefined && values.every((v) => v === first) ? first : undefined;
}

function getCookies(cookieHeader: string | null | undefined, name: string): string[] {
  const out: string[] = [];
  if (!cookieHeader) return out;
  for (const part of cookieHeader.split(";")) {
    const i = part.indexOf("=");
    if (i < 0) continue;
    if (part.slice(0, i).trim() === name) {
      const v = part.slice(i + 1).trim();
      try {
        out.push(decodeURIComponent(v));
      } catch {
        out.push(v);
      }
    }
  }
  return out;
}

/** The session of a route-handler request (reads the Cookie header). */
export async function getSessionFromRequest(req: Request): Promise<SessionData | null> {
  return readSessionCookie(getCookie(req.headers.get("cookie"), SESSION_COOKIE));
}

/** The current session in server components, server actions and route handlers (next/headers). */
export async function getSession(): Promise<SessionData | null> {
  // The raw header, not cookies(): that keeps only the last of duplicated names, the proxy would
  // see them all; both must agree (and refuse an ambiguous cookie).
  const header = (await headers()).get("cookie");
  return readOncePerRequest(getCookie(header, SESSION_COOKIE));
}

// A server render may read the session in several places (its sign-in check, its GitHub client, ...): the same
// cookie is unsealed once per render. Outside a render (route handlers) cache() keeps nothing.
const readOncePerRequest = cache(readSessionCookie);

export function toPublicSession(s: SessionData): PublicSession {
  return {
    user: { login: s.user.login, id: s.user.id, name: s.user.name, avatar_url: s.user.avatar_url },
    kind: s.kind,
    scopes: [...s.scopes],
    createdAt: new Date(s.createdAt).toISOString(),
    expiresAt: new Date(s.createdAt + SESSION_TTL_SECONDS * 1000).toISOString(),
  };
}

/** Session info for the UI, never including the token. Null when signed out. */
export async function getPublicSession(): Promise<PublicSession | null> {
  const s = await getSession();
  return s ? toPublicSession(s) : null;
}

/**
 * For server pages: the signed-in user's public session, or a redirect to
 * `/login?returnTo=<returnTo>` (validated same-origin path).
 */
export async function requireUser(returnTo: string = "/"): Promise<PublicSession> {
  const s = await getSession();
  if (!s) {
    const target = safeReturnTo(returnTo);
    redirect(target === "/" ? "/login" : `/login?returnTo=${encodeURIComponent(target)}`);
  }
  return toPublicSession(s);
}

function cookieAttributes(maxAge: number, path = "/"): string {
  const secure = getConfig().production ? "; Secure" : "";
  return `Path=${path}; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure}`;
}

export type NewSession = Omit<SessionData, "sid" | "createdAt">;

/** Seal a new session; returns the data and the Set-Cookie header value. */
export async function createSessionCookie(
  data: NewSession,
): Promise<{ session: SessionData; setCookie: string }> {
  const session: SessionData = {
    ...data,
    sid: Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64url"),
    createdAt: Date.now(),
  };
  const sealed = await sealData(session, { password: getConfig().sessionSecret, ttl: SESSION_TTL_SECONDS });
  return { session, setCookie: `${SESSION_COOKIE}=${sealed}; ${cookieAttributes(SESSION_TTL_SECONDS)}` };
}

/** Set-Cookie header value that deletes the session cookie. */
export function clearSessionCookie(): string {
  return `${SESSION_COOKIE}=; ${cookieAttributes(0)}; Expires=Thu, 01 Jan 1970 00:00:00 GMT`;
}

/** Generic sealed short-lived cookie helpers (OAuth state). */
export async function sealValue(value: object, ttlSeconds: number): Promise<string> {
  return sealData(value, { password: getConfig().sessionSecret, ttl: ttlSeconds });
}

export async function unsealValue(sealed: string | undefined, ttlSeconds: number): Promise<unknown> {
  if (!sealed || !isSealShaped(sealed)) return null;
  try {
    const v: unknown = await unsealData(sealed, { password: getConfig().sessionSecret, ttl: ttlSeconds });
    return v && typeof v === "object" && Object.keys(v).length > 0 ? v : null;
  } catch {
    return null;
  }
}

export function shortCookie(name: string, value: string, maxAge: number, path: string): string {
  return `${name}=${value}; ${cookieAttributes(maxAge, path)}`;
}
