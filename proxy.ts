// Next.js 16 Proxy (the former middleware): a fresh nonce and the strict Content-Security-Policy for every
// page. Next.js reads the nonce from the request's Content-Security-Policy header while rendering and puts it
// on its own scripts (the root layout is force-dynamic, so every page is rendered per request).
// API routes get only request checks; they and static files get their (static) headers from next.config.js.
import { NextResponse, type NextRequest } from "next/server";
import { avatarOrigins, newNonce, pageCsp, reportingEndpoints, CSP_REPORT_PATH } from "@/lib/security/csp";

function publicOrigin(request: NextRequest): string {
  const configured = process.env.APP_URL?.trim();
  if (configured) {
    try {
      return new URL(configured).origin;
    } catch {
      // an invalid APP_URL is reported by the configuration check; fall back to the request
    }
  }
  return request.nextUrl.origin;
}

/** The methods the dashboard's API routes serve; Next.js answers others (TRACE, PROPFIND...) with a 500. */
const API_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]);

const apiError = (status: number, message: string, headers?: Record<string, string>) =>
  NextResponse.json({ error: { status, message } }, { status, headers: { "Cache-Control": "no-store", ...headers } });

/**
 * Requests Next.js's router would answer with a 500 before our route handlers run: an unknown method, or a
 * path whose percent-encoding does not decode (`%zz`). Refused here with a 4xx that says why.
 */
function refuseApiRequest(request: NextRequest): NextResponse | null {
  if (!API_METHODS.has(request.method)) {
    return apiError(405, `Method ${request.method.slice(0, 20)} is not allowed.`, { Allow: [...API_METHODS].join(", ") });
  }
  try {
    decodeURIComponent(request.nextUrl.pathname);
  } catch {
    return apiError(400, "The request path is not valid percent-encoding.");
  }
  return null;
}

export function proxy(request: NextRequest): NextResponse {
  if (request.nextUrl.pathname.startsWith("/api/")) return refuseApiRequest(request) ?? NextResponse.next();
  const nonce = newNonce();
  const origin = publicOrigin(request);
  const reportUrl = `${origin}${CSP_REPORT_PATH}`;
  const csp = pageCsp({
    nonce,
    dev: process.env.NODE_ENV === "development",
    imageOrigins: avatarOrigins(process.env.GITHUB_API_URL, process.env.GITHUB_WEB_URL),
    reportUrl,
    https: origin.startsWith("https:"),
  });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("Reporting-Endpoints", reportingEndpoints(reportUrl));
  return response;
}

export const config = {
  matcher: [
    // API routes: only the request checks above (their headers come from next.config.js).
    "/api/:path*",
    {
      // Everything but API routes and static files (those get their headers from next.config.js).
      source: "/((?!api/|_next/static/|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
