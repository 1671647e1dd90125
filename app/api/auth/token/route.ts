import { z } from "zod";
import { csrfProblem } from "@/lib/auth/csrf";
import { safeReturnTo } from "@/lib/auth/return-to";
import { createSessionCookie } from "@/lib/auth/session";
import { checkToken } from "@/lib/github/user";
import { errorResponse } from "@/lib/github/errors";
import { json } from "@/lib/http";
import { checkConfig } from "@/lib/config";

export const dynamic = "force-dynamic";

const bodySchema = z.object({
  token: z
    .string({ error: "Paste a personal access token." })
    .trim()
    .min(1, { error: "Paste a personal access token." })
    .max(255, { error: "That is too long to be a GitHub token." })
    .regex(/^[\x21-\x7e]+$/, {
      error: "A token has no spaces or special characters. Check what you pasted.",
    }),
  returnTo: z.unknown().optional(),
});

/** POST /api/auth/token {token, returnTo} — sign in with a personal access token. */
export async function POST(req: Request): Promise<Response> {
  const csrf = csrfProblem(req);
  if (csrf) return errorResponse({ status: 403, message: csrf, documentation_url: null });
  const cfg = checkConfig();
  if (!cfg.ok)
    return errorResponse({
      status: 500,
      message: "The dashboard is not configured correctly; see its server log.",
      documentation_url: null,
    });

  if (!(req.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json")) {
    return errorResponse({
      status: 415,
      message: 'Send the token as JSON: {"token": "..."}.',
      documentation_url: null,
    });
  }
  let raw: unknown;
  try {
    raw = await req.json();
  } catch {
    return errorResponse({
      status: 400,
      message: "The request body is not valid JSON.",
      documentation_url: null,
    });
  }
  const parsed = bodySchema.safeParse(raw);
  if (!parsed.success) {
    return errorResponse({
      status: 422,
      message: parsed.error.issues[0]?.message ?? "Invalid token.",
      documentation_url: null,
    });
  }
  const { token } = parsed.data;
  const returnTo = safeReturnTo(parsed.data.returnTo);

  const checked = await checkToken(token);
  if (!checked.ok) return errorResponse(checked.error);

  const { setCookie } = await createSessionCookie({
    token,
    kind: "pat",
    user: checked.user,
    scopes: checked.scopes,
  });
  return json(
    { user: checked.user, scopes: checked.scopes, returnTo },
    { headers: { "Set-Cookie": setCookie } },
  );
}
