/**
 * A run search's query string (`/runs/{id}/search?q=…&case=1&regex=1`): the run page's search box sends
 * it (a plain GET form), the search page reads it and writes it back on every search, so results are a link.
 */
export interface RunSearchParams {
  q: string;
  caseSensitive: boolean;
  regex: boolean;
}

type Raw = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export function parseRunSearch(params: Raw): RunSearchParams {
  return { q: first(params.q) ?? "", caseSensitive: first(params.case) === "1", regex: first(params.regex) === "1" };
}

export function runSearchQuery({ q, caseSensitive, regex }: RunSearchParams): string {
  const p = new URLSearchParams({ q });
  if (caseSensitive) p.set("case", "1");
  if (regex) p.set("regex", "1");
  return p.toString();
}
