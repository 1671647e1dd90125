import { appOrigin, csrfProblem } from "@/lib/auth/csrf";
import { revokeOAuthToken } from "@/lib/auth/oauth";
import { clearSessionCookie, getSessionFromRequest, revokeSession } from "@/lib/auth/session";
import { errorResponse } from "@/lib/github/errors";
import { json, redirectTo } from "@/lib/http";

export const dynamic = "force-dynamic";

/**
 * POST /api/auth/logout — revokes an OAuth token upstream, clears the cookie.
 * A form post (or Accept: text/html) is answered with a redirect to /login?signedOut=1; fetch gets JSON.
 */
export async function POST(req: Request): Promise<Response> {
  const csrf = csrfProblem(req);
  if (csrf) return errorResponse({ status: 403, message: csrf, documentation_url: null });

  let revoked: boolean | null = null;
  const session = await getSessionFromRequest(req).catch(() => null);
  if (session) {
    revokeSession(session.sid);
    if (session.kind === "oauth") revoked = await revokeOAuthToken(session.token);
  }

  const ct = (req.headers.get("content-type") ?? "").toLowerCase();
  const accept = (req.headers.get("accept") ?? "").toLowerCase();
  const wantsPage =
    ct.startsWith("application/x-www-form-urlencoded") ||
    ct.startsWith("multipart/form-data") ||
    accept.includes("text/html");
  if (wantsPage) return redirectTo(`${appOrigin(req)}/login?signedOut=1`, [clearSessionCookie()], 303);
  return json({ signedOut: true, revoked }, { headers: { "Set-Cookie": clearSessionCookie() } });
}
