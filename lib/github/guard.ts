import "server-only";
import { csrfProblem } from "@/lib/auth/csrf";
import { getSessionFromRequest, type SessionData } from "@/lib/auth/session";
import { getConfig, type AppConfig } from "@/lib/config";
import { errorResponse } from "@/lib/github/errors";

export type Guarded = { ok: true; cfg: AppConfig; session: SessionData } | { ok: false; response: Response };

/**
 * The checks before anything goes upstream, in this order: CSRF (state-changing requests, and the batch route,
 * whose one POST spends the session's token on many reads), configuration, session.
 */
export async function guardRequest(req: Request, opts: { csrf: boolean; write: boolean }): Promise<Guarded> {
  const notApplied = opts.write ? { write_outcome: "not_applied" as const } : {};
  if (opts.csrf) {
    const problem = csrfProblem(req);
    if (problem) return { ok: false, response: errorResponse({ status: 403, message: problem, documentation_url: null, ...notApplied }) };
  }
  let cfg: AppConfig;
  try {
    cfg = getConfig();
  } catch {
    return {
      ok: false,
      response: errorResponse({
        status: 500,
        message: "The dashboard is not configured correctly; see its server log.",
        documentation_url: null,
      }),
    };
  }
  const session = await getSessionFromRequest(req);
  if (!session) {
    return {
      ok: false,
      response: errorResponse({
        status: 401,
        message: "You are not signed in, or your session has expired. Sign in again.",
        documentation_url: null,
        ...notApplied,
      }),
    };
  }
  return { ok: true, cfg, session };
}
