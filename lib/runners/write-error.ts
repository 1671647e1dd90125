import { toApiError } from "@/lib/client/api-error";

/** A failed write in plain words, saying whether it happened. */
export function writeErrorText(error: unknown, what: string): string {
  const e = toApiError(error);
  const info = e.body.error;
  const outcome =
    info.write_outcome === "unknown" || info.status === 0 || info.status >= 500
      ? "It may or may not have happened: reload to check before trying again."
      : "Nothing was changed.";
  // The proxy's message may already say whether the change happened: say it once.
  const said = /may or may not|not applied|nothing was sent/i.test(info.message);
  const message = info.message.replace(/\.\s*$/, "");
  return `Could not ${what}: ${message}${info.status ? ` (HTTP ${info.status})` : ""}.${said ? "" : ` ${outcome}`}`;
}
