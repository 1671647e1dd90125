import { appOrigin } from "@/lib/auth/csrf";
import { beginOAuth } from "@/lib/auth/oauth";
import { redirectTo } from "@/lib/http";
import { checkConfig } from "@/lib/config";

export const dynamic = "force-dynamic";

/** GET /api/auth/login?returnTo=/path — start the OAuth web flow. */
export async function GET(req: Request): Promise<Response> {
  const origin = new URL(req.url).origin;
  if (!checkConfig().ok) return redirectTo(`${origin}/login?error=config`);
  const returnTo = new URL(req.url).searchParams.get("returnTo");
  const { location, setCookie } = await beginOAuth(appOrigin(req), returnTo);
  return redirectTo(location, [setCookie]);
}
