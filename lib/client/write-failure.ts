import type { WriteOutcome } from "@/lib/github/errors";
import { toApiError } from "./api-error";

/** A failed write: what went wrong, in the proxy's words, and whether it may have happened anyway. */
export interface WriteFailure {
  message: string;
  /** HTTP status; 0 when the dashboard was not reached. */
  status: number;
  outcome: WriteOutcome;
}

/**
 * Reads any error a write threw. The proxy says the outcome in `write_outcome`; where it could not (the
 * dashboard itself unreachable, or an error from elsewhere), no answer or a 5xx is "unknown" and any other
 * refusal "not_applied". Messages never say the outcome: the page does, once, in its own words.
 */
export function writeFailure(error: unknown, method = "POST"): WriteFailure {
  const info = toApiError(error, method).body.error;
  const outcome = info.write_outcome ?? (info.status === 0 || info.status >= 500 ? "unknown" : "not_applied");
  return { message: info.message, status: info.status, outcome };
}
