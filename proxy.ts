// Next.js 16 Proxy (the former middleware): a fresh nonce and the strict Content-Security-Policy for every
// page. Next.js reads the nonce from the request's Content-Security-Policy header while rendering and puts it
// on its own scripts (the root layout is force-dynamic, so every page is rendered per request).
// API routes and static files are not matched: next.config.js gives them their (static) headers.
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

export function proxy(request: NextRequest): NextResponse {
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
