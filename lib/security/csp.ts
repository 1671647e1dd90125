/**
 * The dashboard's Content-Security-Policy and the other security headers (pure: no Next.js, no env).
 *
 * Pages get a strict, nonce-based policy built per request by `proxy.ts`; Next.js reads the nonce from
 * the request's Content-Security-Policy header and puts it on its own scripts. API responses (JSON, log
 * text, zips) get `API_CSP`, which allows nothing at all, from next.config.js.
 */

/** Where browsers send violation reports (`report-uri`, and `report-to` through Reporting-Endpoints). */
export const CSP_REPORT_PATH = "/api/csp-report";
/** The Reporting API endpoint name used by `report-to`. */
export const CSP_REPORT_GROUP = "csp";

export interface PageCspOptions {
  /** The per-request nonce (base64). */
  nonce: string;
  /** `next dev`: React's dev tooling needs eval (never in production). */
  dev: boolean;
  /** Origins, besides the dashboard's own, that images (avatars) may load from. */
  imageOrigins: readonly string[];
  /** Absolute URL of the report endpoint. */
  reportUrl: string;
  /** Served over https: upgrade any stray http: subresource. */
  https: boolean;
}

/** A nonce: 16 random bytes, base64 (CSP's nonce-source grammar), fresh for every request. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

const NONCE = /^[A-Za-z0-9+/]{16,}={0,2}$/;
/** An origin fit for a CSP source list: scheme://host[:port] with nothing CSP-significant in it. */
const ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?$|^https?:\/\/\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/;

/**
 * The page policy. Each directive, and why:
 * - `default-src 'self'`: anything not named below (fonts, media, manifest, frames) only from this origin.
 * - `script-src 'self' 'nonce-…' 'strict-dynamic'`: only scripts carrying this response's nonce run (Next.js
 *   adds it to its own), and scripts those load; injected markup has no nonce, so it never runs, and
 *   inline event handlers and `javascript:` URLs are refused. 'self' only helps browsers without
 *   'strict-dynamic'. `'unsafe-eval'` in development only (React's dev tooling).
 * - `style-src 'self' 'unsafe-inline'`: React writes `style` attributes (log colours, chart bars) and Next.js
 *   inlines CSS; styles cannot run script, and React escapes every attribute, so the residual risk is CSS
 *   injection into an attribute that React already refuses to break out of.
 * - `img-src 'self' data: <avatar hosts>`: avatars come from the GitHub server (GHES `/avatars/u/…`, its
 *   `avatars.` subdomain with subdomain isolation, or avatars.githubusercontent.com); `data:` for inline SVG.
 * - `connect-src 'self'`: the browser (and the log workers) talk only to this dashboard's proxy; log and
 *   artifact downloads are followed by the server, never by the browser.
 * - `worker-src 'self' blob:`: the log viewer's and log search's module workers are same-origin chunks.
 * - `object-src 'none'`: no plugins. `base-uri 'none'`: no injected <base> re-pointing relative URLs.
 * - `form-action 'self'`: forms post only here (sign-in with a token, sign-out); the OAuth sign-in is a link
 *   to /api/auth/login whose redirect to GitHub is a navigation, not a form submission.
 * - `frame-ancestors 'none'` (and X-Frame-Options DENY for old browsers): no clickjacking by framing.
 * - `frame-src 'none'`: the dashboard frames nothing.
 * - `report-uri` / `report-to`: violations are posted to /api/csp-report, which logs them.
 * - `upgrade-insecure-requests` only when served over https (on http it would upgrade our own URLs).
 */
export function pageCsp(o: PageCspOptions): string {
  if (!NONCE.test(o.nonce)) throw new Error("CSP nonce must be base64 of at least 12 bytes");
  const images = o.imageOrigins.filter((x) => ORIGIN.test(x));
  const directives: string[] = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${o.nonce}' 'strict-dynamic'${o.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    ["img-src 'self' data:", ...images].join(" "),
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (o.https) directives.push("upgrade-insecure-requests");
  directives.push(`report-uri ${reportUrlFor(o.reportUrl)}`, `report-to ${CSP_REPORT_GROUP}`);
  return directives.join("; ");
}

/** API responses render nothing: a policy that allows nothing, so a response opened as a page is inert. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Headers every response carries (pages, API, static files). */
export const SECURITY_HEADERS: readonly { key: string; value: string }[] = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  // Dashboard URLs name orgs, repositories and runs: never send them to another site.
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
];

function reportUrlFor(url: string): string {
  // A report URL goes into a header: refuse anything that could add a directive.
  if (!/^https?:\/\/[^\s;,"']+$/.test(url))
    throw new Error(`CSP report URL is not a plain http(s) URL: ${url}`);
  return url;
}

/** The Reporting-Endpoints header naming the `report-to` group. */
export function reportingEndpoints(reportUrl: string): string {
  return `${CSP_REPORT_GROUP}="${reportUrlFor(reportUrl)}"`;
}

/**
 * Origins avatars may come from, from the configured GitHub URLs: their own origins; on github.com,
 * avatars.githubusercontent.com; on GHES, the `avatars.` subdomain used with subdomain isolation.
 * Unparseable or non-http(s) values are ignored (the configuration check reports them).
 */
export function avatarOrigins(apiUrl: string | undefined, webUrl: string | undefined): string[] {
  const out = new Set<string>();
  for (const raw of [webUrl, apiUrl]) {
    if (!raw) continue;
    let u: URL;
    try {
      u = new URL(raw);
    } catch {
      continue;
    }
    if (u.protocol !== "https:" && u.protocol !== "http:") continue;
    out.add(u.origin);
    const host = u.hostname.toLowerCase();
    if (host === "github.com" || host === "api.github.com") {
      out.add("https://avatars.githubusercontent.com");
    } else if (
      /[a-z]/.test(host) &&
      host.includes(".") &&
      !host.startsWith("[") &&
      !host.startsWith("avatars.")
    ) {
      // GHES with subdomain isolation serves avatars from avatars.<hostname> (not for IP addresses).
      const base = host.startsWith("api.") ? host.slice(4) : host;
      out.add(`${u.protocol}//avatars.${base}${u.port ? `:${u.port}` : ""}`);
    }
  }
  return [...out].filter((x) => ORIGIN.test(x));
}
