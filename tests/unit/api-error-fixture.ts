import { ApiError } from "@/lib/client/api-error";

/** The error the browser client throws for a failed write, as the proxy describes it. */
export function apiError(status: number, message: string, write_outcome?: "unknown" | "not_applied", method = "PUT"): ApiError {
  return new ApiError({ error: { status, message, documentation_url: null, ...(write_outcome ? { write_outcome } : {}) } }, method);
}
