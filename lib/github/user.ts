import "server-only";
import { getConfig } from "@/lib/config";
import { mapNetworkError, mapUpstreamError, type ApiErrorInfo } from "@/lib/github/errors";
import { parseScopes } from "@/lib/auth/scopes";
import type { SessionUser } from "@/lib/auth/session";

export type CheckTokenResult =
  { ok: true; user: SessionUser; scopes: string[] } | { ok: false; error: ApiErrorInfo };

/** Check a token with GET /user; returns the user and the token's scopes (X-OAuth-Scopes). */
export async function checkToken(token: string): Promise<CheckTokenResult> {
  let res: Response;
  try {
    res = await fetch(`${getConfig().apiUrl}/user`, {
      headers: {
        Authorization: `token ${token}`,
        Accept: "application/vnd.github+json",
        "User-Agent": "actions-console",
      },
      redirect: "manual",
      cache: "no-store",
      signal: AbortSignal.timeout(15_000),
    });
  } catch (e) {
    return { ok: false, error: mapNetworkError(e, "GET") };
  }
  let data: unknown = null;
  const text = await res.text().catch(() => "");
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = text;
  }
  if (!res.ok) {
    const error = mapUpstreamError({ status: res.status, headers: res.headers, data, method: "GET" });
    if (res.status === 401)
      error.message = "GitHub rejected this token: it is wrong, expired or revoked. Check it and try again.";
    return { ok: false, error };
  }
  const u = data as Partial<Record<string, unknown>> | null;
  if (!u || typeof u.login !== "string" || typeof u.id !== "number") {
    return {
      ok: false,
      error: {
        status: 502,
        message: "GitHub answered GET /user with something that is not a user. Check GITHUB_API_URL.",
        documentation_url: null,
      },
    };
  }
  return {
    ok: true,
    user: {
      login: u.login,
      id: u.id,
      name: typeof u.name === "string" ? u.name : null,
      avatar_url: typeof u.avatar_url === "string" ? u.avatar_url : "",
    },
    scopes: parseScopes(res.headers.get("x-oauth-scopes")),
  };
}
