import "server-only";
import { getConfig } from "@/lib/config";

const HOST = /^[A-Za-z0-9.-]+(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/;

/**
 * The dashboard's public origin: APP_URL when set, else the origin the browser used (the Host
 * header, or X-Forwarded-Host/-Proto behind a proxy; a browser cannot forge these cross-site
 * without a CORS preflight), else the request URL's origin.
 */
export function appOrigin(req: Request): string {
  const configured = getConfig().appUrl;
  if (configured) return configured;
  const url = new URL(req.url);
  const fwdHost = req.headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  const host = fwdHost || req.headers.get("host")?.trim();
  const fwdProto = req.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  const proto = fwdProto === "https" || fwdProto === "http" ? fwdProto : url.protocol.replace(":", "");
  if (host && HOST.test(host)) return `${proto}://${host.toLowerCase()}`;
  return url.origin;
}

/**
 * CSRF check for state-changing requests: the Origin header must be present, not "null", and
 * equal to the app's origin; Sec-Fetch-Site, when sent, must be "same-origin".
 * Returns null when allowed, else the reason.
 */
export function csrfProblem(req: Request): string | null {
  const site = req.headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin") {
    return `Cross-site request refused (Sec-Fetch-Site: ${site.slice(0, 40)}).`;
  }
  const origin = req.headers.get("origin");
  if (origin === null || origin === "")
    return "Request refused: it carries no Origin header, so it cannot be proven to come from this dashboard.";
  if (origin === "null") return "Request refused: its Origin is null (sandboxed or cross-site context).";
  let expected: string;
  try {
    expected = appOrigin(req);
  } catch {
    return "Request refused: the dashboard's origin is unknown.";
  }
  if (origin !== expected) return `Request refused: it comes from another origin (${origin.slice(0, 100)}).`;
  return null;
}
