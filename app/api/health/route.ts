import { checkConfig } from "@/lib/config";
import { json } from "@/lib/http";

export const dynamic = "force-dynamic";

/** GET /api/health — for load balancers. 200 when configured; 503 listing configuration problems. */
export function GET(): Response {
  const c = checkConfig();
  if (c.ok) return json({ status: "ok", config: { valid: true } });
  return json({ status: "error", config: { valid: false, problems: c.problems } }, { status: 503 });
}
