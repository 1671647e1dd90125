// Short-lived signed download URLs, as GitHub hands out for logs and artifacts (a 302 to storage).
// The signature covers the path and the expiry; an expired or forged URL is refused as blob storage
// refuses it: 403 with an XML error body, never the content.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { SimContext } from "./context.js";
import { origin } from "./http/urls.js";

function sign(key: Buffer, path: string, expires: number): string {
  return createHmac("sha256", key).update(`${path}\n${expires}`).digest("base64url");
}

/**
 * An absolute URL on the simulator for `path` (which may carry its own query), valid `ttlSeconds` of real
 * time. The signature is appended as `X-Sim-Expires` and `X-Sim-Signature` query parameters.
 */
export function signedUrl(c: SimContext, path: string, ttlSeconds = 60): string {
  const sim = c.get("sim");
  const expires = Math.floor(Date.now() / 1000) + ttlSeconds;
  const u = new URL(path, origin(c));
  u.searchParams.delete("X-Sim-Expires");
  u.searchParams.delete("X-Sim-Signature");
  const canonical = u.pathname + u.search;
  u.searchParams.set("X-Sim-Expires", String(expires));
  u.searchParams.set("X-Sim-Signature", sign(sim.signingKey, canonical, expires));
  return u.toString();
}

function storageError(code: string, message: string): Response {
  const body = `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  return new Response(body, { status: 403, headers: { "Content-Type": "application/xml" } });
}

/**
 * Checks the request's signed URL: null when it is valid, otherwise the storage error to answer with
 * (403 AuthenticationFailed when forged or missing, 403 with "expired" when out of date).
 */
export function verifySigned(c: SimContext): Response | null {
  const sim = c.get("sim");
  const u = new URL(c.req.url);
  const expiresRaw = u.searchParams.get("X-Sim-Expires");
  const sig = u.searchParams.get("X-Sim-Signature");
  if (!expiresRaw || !sig || !/^\d+$/.test(expiresRaw)) {
    return storageError("AuthenticationFailed", "Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.");
  }
  u.searchParams.delete("X-Sim-Expires");
  u.searchParams.delete("X-Sim-Signature");
  const expected = Buffer.from(sign(sim.signingKey, u.pathname + u.search, Number(expiresRaw)));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return storageError("AuthenticationFailed", "Server failed to authenticate the request. Signature did not match.");
  }
  if (Number(expiresRaw) < Math.floor(Date.now() / 1000)) {
    return storageError("AuthenticationFailed", "Server failed to authenticate the request. Signed expiry time has expired.");
  }
  return null;
}
