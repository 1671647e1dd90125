import { toApiError } from "@/lib/client/api-error";

/** A failed write in plain words, saying whether it happened. */
export function writeErrorText(error: unknown, what: string): string {
  const e = toApiError(error);
  const info = e.body.error;
  const outcome =
    info.write_outcome === "unknown" || info.status === 0 || info.status >= 500
      ? "It may or may not have happened: reload to check before trying again."
      : "Nothing was changed.";
  return `Could not ${what}: ${info.message}${info.status ? ` (HTTP ${info.status})` : ""}. ${outcome}`;
}
