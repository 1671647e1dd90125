import { json } from "@/lib/http";
import {
  describeViolation,
  MAX_REPORT_BYTES,
  parseCspReport,
  ViolationLog,
} from "@/lib/security/csp-reports";

export const dynamic = "force-dynamic";

// One log per server process (kept on globalThis so development reloads keep it).
const store = globalThis as typeof globalThis & {
  __acCspViolations?: ViolationLog;
  __acCspLogged?: { minute: number; count: number };
};
const violations = (store.__acCspViolations ??= new ViolationLog());

/** Reports are logged, at most this many lines a minute (a broken page could send thousands). */
const LOG_PER_MINUTE = 60;

function logLine(line: string): void {
  const minute = Math.floor(Date.now() / 60_000);
  const seen = store.__acCspLogged?.minute === minute ? store.__acCspLogged : { minute, count: 0 };
  seen.count++;
  store.__acCspLogged = seen;
  if (seen.count <= LOG_PER_MINUTE) console.warn(line);
  else if (seen.count === LOG_PER_MINUTE + 1)
    console.warn(`CSP violation: more than ${LOG_PER_MINUTE} this minute; not logging the rest`);
}

/** The recorded reports can be read and cleared only by the test suite (AC_TEST_MODE=1) or in development. */
function readable(): boolean {
  return process.env.AC_TEST_MODE === "1" || process.env.NODE_ENV === "development";
}

async function readCapped(req: Request): Promise<string | null> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_REPORT_BYTES) return null;
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_REPORT_BYTES) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return new TextDecoder().decode(all);
}

/**
 * POST /api/csp-report — where browsers send Content-Security-Policy violations (`report-uri` and
 * `report-to`). Needs no session or Origin: browsers send reports without them, and a report changes
 * nothing but the log. 204 when recorded; 400/413/415 for what is not a report.
 */
export async function POST(req: Request): Promise<Response> {
  let body: string | null;
  try {
    body = await readCapped(req);
  } catch {
    return json(
      { error: { status: 400, message: "The report could not be read.", documentation_url: null } },
      { status: 400 },
    );
  }
  if (body === null) {
    return json(
      { error: { status: 413, message: "The report is too large.", documentation_url: null } },
      { status: 413 },
    );
  }
  const parsed = parseCspReport(req.headers.get("content-type"), body);
  if (!parsed.ok) {
    return json(
      { error: { status: parsed.status, message: parsed.message, documentation_url: null } },
      { status: parsed.status },
    );
  }
  for (const v of parsed.violations) {
    violations.add(v);
    logLine(describeViolation(v));
  }
  return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
}

/** GET /api/csp-report — the recorded violations (test mode and development only; 404 otherwise). */
export function GET(): Response {
  if (!readable())
    return json({ error: { status: 404, message: "Not Found", documentation_url: null } }, { status: 404 });
  return json(violations.list());
}

/** DELETE /api/csp-report — forget the recorded violations (test mode and development only). */
export function DELETE(): Response {
  if (!readable())
    return json({ error: { status: 404, message: "Not Found", documentation_url: null } }, { status: 404 });
  violations.clear();
  return new Response(null, { status: 204 });
}
