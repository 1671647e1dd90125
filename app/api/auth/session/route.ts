import { getSessionFromRequest, toPublicSession } from "@/lib/auth/session";
import { json } from "@/lib/http";
import { checkConfig } from "@/lib/config";

export const dynamic = "force-dynamic";

/**
 * GET /api/auth/session — `{ session: PublicSession }` (never the token); signed out (no cookie, or
 * one that is expired, tampered with, revoked or ambiguous): 401 `{ session: null, error }`.
 */
export async function GET(req: Request): Promise<Response> {
  if (!checkConfig().ok) return json({ session: null });
  const s = await getSessionFromRequest(req);
  if (!s)
    return json(
      {
        session: null,
        error: {
          status: 401,
          message: "You are not signed in, or your session has expired. Sign in again.",
          documentation_url: null,
        },
      },
      { status: 401 },
    );
  return json({ session: toPublicSession(s) });
}
