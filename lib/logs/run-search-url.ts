/**
 * A run search's query string (`/runs/{id}/search?q=…&case=1&regex=1`): the run page's search box sends
 * it (a plain GET form), the search page reads it and writes it back on every search, so results are a link.
 */
import { searchParamsOf } from "@/lib/runs/filters";

export interface RunSearchParams {
  q: string;
  caseSensitive: boolean;
  regex: boolean;
}

export function parseRunSearch(params: Record<string, string | string[] | undefined>): RunSearchParams {
  const p = searchParamsOf(params);
  return { q: p.get("q") ?? "", caseSensitive: p.get("case") === "1", regex: p.get("regex") === "1" };
}

export function runSearchQuery({ q, caseSensitive, regex }: RunSearchParams): string {
  const p = new URLSearchParams({ q });
  if (caseSensitive) p.set("case", "1");
  if (regex) p.set("regex", "1");
  return p.toString();
}
