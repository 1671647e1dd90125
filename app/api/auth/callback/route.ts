import { appOrigin } from "@/lib/auth/csrf";
import { clearStateCookie, exchangeCode, OAUTH_STATE_COOKIE, verifyState } from "@/lib/auth/oauth";
import { createSessionCookie, getCookie } from "@/lib/auth/session";
import { checkToken } from "@/lib/github/user";
import { redirectTo } from "@/lib/http";
import { checkConfig } from "@/lib/config";

export const dynamic = "force-dynamic";

/** GET /api/auth/callback?code&state — finish the OAuth web flow. */
export async function GET(req: Request): Promise<Response> {
  const url = new URL(req.url);
  if (!checkConfig().ok) return redirectTo(`${url.origin}/login?error=config`);
  const origin = appOrigin(req);
  const fail = (error: string, returnTo?: string) =>
    redirectTo(
      `${origin}/login?error=${error}${returnTo && returnTo !== "/" ? `&returnTo=${encodeURIComponent(returnTo)}` : ""}`,
      [clearStateCookie()],
    );

  const state = await verifyState(
    getCookie(req.headers.get("cookie"), OAUTH_STATE_COOKIE),
    url.searchParams.get("state"),
  );
  if (!state) return fail("state");
  if (url.searchParams.get("error")) return fail("denied", state.returnTo);
  const code = url.searchParams.get("code");
  if (!code || code.length > 512) return fail("code", state.returnTo);

  const exchanged = await exchangeCode(code, state.redirectUri, state.state);
  if (!exchanged.ok) return fail(exchanged.reason, state.returnTo);

  const checked = await checkToken(exchanged.token);
  if (!checked.ok) return fail(checked.error.status === 401 ? "token" : "upstream", state.returnTo);

  const { setCookie } = await createSessionCookie({
    token: exchanged.token,
    kind: "oauth",
    user: checked.user,
    scopes: checked.scopes,
  });
  return redirectTo(`${origin}${state.returnTo}`, [setCookie, clearStateCookie()]);
}
