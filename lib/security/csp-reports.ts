/**
 * Content-Security-Policy violation reports: parsing both formats browsers send to /api/csp-report, and a
 * small bounded record of them (for the log and, in test mode, for the end-to-end tests to read).
 *
 * - `report-uri`: `Content-Type: application/csp-report`, body `{"csp-report": {"document-uri", ...}}`.
 * - `report-to` (Reporting API): `Content-Type: application/reports+json`, body `[{type: "csp-violation",
 *   url, body: {documentURL, effectiveDirective, blockedURL, ...}}]`.
 */

export interface CspViolation {
  /** The page the violation happened on (query and fragment dropped). */
  documentUrl: string;
  directive: string;
  blockedUrl: string;
  sourceFile: string;
  line: number | null;
  /** The first characters of the blocked inline script/style/handler, when the browser sends them. */
  sample: string;
  disposition: string;
  receivedAt: string;
}

/** Bodies larger than this are refused (a report is well under 4 KB). */
export const MAX_REPORT_BYTES = 64 * 1024;
/** Reports one request may carry (the Reporting API batches them). */
const MAX_PER_REQUEST = 50;
const MAX_FIELD = 300;

export type ParseResult =
  { ok: true; violations: CspViolation[] } | { ok: false; status: 400 | 415; message: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const UNSAFE_IN_LOG = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** A field as a short single-line string: control characters escaped, length capped. */
function field(v: unknown): string {
  if (typeof v !== "string" && typeof v !== "number") return "";
  return String(v)
    .slice(0, MAX_FIELD)
    .replace(UNSAFE_IN_LOG, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** A URL without query or fragment (they may carry names or state we need not keep). */
function bareUrl(v: unknown): string {
  const s = typeof v === "string" ? v : "";
  try {
    const u = new URL(s);
    return field(`${u.origin}${u.pathname}`);
  } catch {
    // "inline", "eval", "data", "self" and the like
    return field(s);
  }
}

function lineOf(v: unknown): number | null {
  const n = typeof v === "number" ? v : typeof v === "string" ? Number(v) : NaN;
  return Number.isInteger(n) && n >= 0 ? n : null;
}

function fromLegacy(r: Record<string, unknown>, at: string): CspViolation {
  return {
    documentUrl: bareUrl(r["document-uri"]),
    directive: field(r["effective-directive"] ?? r["violated-directive"]),
    blockedUrl: bareUrl(r["blocked-uri"]),
    sourceFile: bareUrl(r["source-file"]),
    line: lineOf(r["line-number"]),
    sample: field(r["script-sample"]),
    disposition: field(r.disposition) || "enforce",
    receivedAt: at,
  };
}

function fromReportingApi(r: Record<string, unknown>, at: string): CspViolation | null {
  if (r.type !== "csp-violation" || !isRecord(r.body)) return null;
  const b = r.body;
  return {
    documentUrl: bareUrl(b.documentURL ?? r.url),
    directive: field(b.effectiveDirective ?? b.violatedDirective),
    blockedUrl: bareUrl(b.blockedURL),
    sourceFile: bareUrl(b.sourceFile),
    line: lineOf(b.lineNumber),
    sample: field(b.sample),
    disposition: field(b.disposition) || "enforce",
    receivedAt: at,
  };
}

/** Parses a report request's body; `contentType` as sent. Never throws. */
export function parseCspReport(
  contentType: string | null,
  body: string,
  now: Date = new Date(),
): ParseResult {
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (
    type !== "application/csp-report" &&
    type !== "application/reports+json" &&
    type !== "application/json"
  ) {
    return { ok: false, status: 415, message: "Send application/csp-report or application/reports+json." };
  }
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return { ok: false, status: 400, message: "The report is not JSON." };
  }
  const at = now.toISOString();
  if (isRecord(data) && isRecord(data["csp-report"]))
    return { ok: true, violations: [fromLegacy(data["csp-report"], at)] };
  if (Array.isArray(data)) {
    const violations = data
      .slice(0, MAX_PER_REQUEST)
      .filter(isRecord)
      .map((r) => fromReportingApi(r, at))
      .filter((v): v is CspViolation => v !== null);
    return { ok: true, violations };
  }
  return { ok: false, status: 400, message: "The body is neither a csp-report nor a Reporting API batch." };
}

/** The last `capacity` violations, oldest first. */
export class ViolationLog {
  private items: CspViolation[] = [];
  private dropped = 0;
  constructor(private readonly capacity = 500) {}
  add(v: CspViolation): void {
    this.items.push(v);
    if (this.items.length > this.capacity) {
      this.items.shift();
      this.dropped++;
    }
  }
  list(): { violations: CspViolation[]; dropped: number } {
    return { violations: [...this.items], dropped: this.dropped };
  }
  clear(): void {
    this.items = [];
    this.dropped = 0;
  }
}

/** One line for the server log. */
export function describeViolation(v: CspViolation): string {
  const where = v.sourceFile ? ` at ${v.sourceFile}${v.line !== null ? `:${v.line}` : ""}` : "";
  const sample = v.sample ? ` sample "${v.sample}"` : "";
  return `CSP violation (${v.disposition}) on ${v.documentUrl || "?"}: ${v.directive || "?"} blocked ${v.blockedUrl || "?"}${where}${sample}`;
}
