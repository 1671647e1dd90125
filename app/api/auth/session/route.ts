import { getSessionFromRequest, toPublicSession } from "@/lib/auth/session";
import { json } from "@/lib/http";
import { checkConfig } from "@/lib/config";

export const dynamic = "force-dynamic";

/** GET /api/auth/session — `{ session: PublicSession | null }` (never the token). */
export async function GET(req: Request): Promise<Response> {
  if (!checkConfig().ok) return json({ session: null });
  const s = await getSessionFromRequest(req);
  return json({ session: s ? toPublicSession(s) : null });
}
