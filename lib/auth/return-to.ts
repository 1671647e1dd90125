/**
 * `returnTo` values come from query strings and form posts: only same-origin paths are kept.
 * Shared by server and browser code.
 */

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * A same-origin path (starting with one `/`, not `//` or `/\`, no scheme, no control characters,
 * no backslashes), else "/". Paths under /api/ and the sign-in page itself fall back to "/" too,
 * so a login never lands on a JSON endpoint or loops.
 */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== "string") return "/";
  const v = value.trim();
  if (v.length === 0 || v.length > 2048) return "/";
  if (!v.startsWith("/")) return "/";
  if (v.startsWith("//") || v.startsWith("/\\")) return "/";
  if (CONTROL.test(v) || v.includes("\\")) return "/";
  // encoded slashes or backslashes right after the first slash could be decoded into "//" later
  if (/^\/(%2f|%5c)/i.test(v)) return "/";
  let url: URL;
  try {
    url = new URL(v, "http://return-to.invalid");
  } catch {
    return "/";
  }
  if (url.origin !== "http://return-to.invalid") return "/";
  const path = url.pathname;
  if (path.startsWith("//")) return "/";
  if (path === "/api" || path.startsWith("/api/")) return "/";
  if (path === "/login" || path.startsWith("/login/")) return "/";
  return `${path}${url.search}${url.hash}`;
}
