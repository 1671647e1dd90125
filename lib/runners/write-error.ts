import { writeFailure } from "@/lib/client/write-failure";

/** A failed write in plain words, saying once whether it happened. */
export function writeErrorText(error: unknown, what: string): string {
  const { message, outcome } = writeFailure(error, "POST");
  const said = outcome === "unknown" ? "It may or may not have happened: reload to check before trying again." : "Nothing was changed.";
  return `Could not ${what}: ${message} ${said}`;
}
