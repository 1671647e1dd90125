import type { ApiErrorInfo, WriteOutcome } from "@/lib/github/errors";
import { toApiError } from "./api-error";

/** A failed write: what went wrong, and apart from it whether it may have happened anyway. */
export interface WriteFailure {
  /** The proxy's words with the HTTP status ("… (HTTP 503)."), never the outcome. */
  message: string;
  /** HTTP status; 0 when the dashboard was not reached. */
  status: number;
  outcome: WriteOutcome;
}

/**
 * Reads any error a write (`method`) threw. The proxy says the outcome in `write_outcome`; where it could not
 * (the dashboard itself unreachable, or an error from elsewhere), no answer or a 5xx is "unknown" and any other
 * refusal "not_applied". Messages never say the outcome: the page does, once, in its own words.
 */
export function writeFailure(error: unknown, method: string): WriteFailure {
  const info = toApiError(error, method).body.error;
  const outcome = writeOutcome(info);
  const message = `${info.message.replace(/\.\s*$/, "")}${info.status ? ` (HTTP ${info.status})` : ""}.`;
  return { message, status: info.status, outcome };
}

/** A failed write's outcome from its error (see writeFailure for the rule where the proxy could not say). */
export function writeOutcome(info: Pick<ApiErrorInfo, "status" | "write_outcome">): WriteOutcome {
  return info.write_outcome ?? (info.status === 0 || info.status >= 500 ? "unknown" : "not_applied");
}
