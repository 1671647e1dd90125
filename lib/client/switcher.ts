/** Pure helpers for the org/repo switcher. */

export interface SwitcherItem {
  kind: "org" | "repo";
  /** "acme" or "acme/web". */
  name: string;
  href: string;
  /** Extra words that match the search (e.g. the description). */
  detail?: string | undefined;
}

/** Items whose name contains every word of the query (case-insensitive); names starting with it first. */
export function filterSwitcherItems(items: readonly SwitcherItem[], query: string): SwitcherItem[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...items];
  const q = query.trim().toLowerCase();
  const matches = items.filter((item) => {
    const hay = `${item.name} ${item.detail ?? ""}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
  const rank = (item: SwitcherItem) => {
    const name = item.name.toLowerCase();
    const short = name.includes("/") ? name.slice(name.indexOf("/") + 1) : name;
    if (name === q || short === q) return 0;
    if (name.startsWith(q) || short.startsWith(q)) return 1;
    return 2;
  };
  return matches
    .map((item, index) => ({ item, index, rank: rank(item) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((m) => m.item);
}

export function orgHref(org: string): string {
  return `/organizations/${encodeURIComponent(org)}`;
}

export function repoHref(fullName: string): string {
  return `/${fullName.split("/").map(encodeURIComponent).join("/")}`;
}
