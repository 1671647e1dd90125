/**
 * Every page of a list whose first page says how many items there are (`{ total_count, <key>: [...] }`, as the
 * runners and runner-group lists do): page 1 first, then pages 2..n at once, since `total_count` tells how many
 * there are. The requests go through the same client as `paginateAll` (the server's Octokit with its per-token
 * throttling queue and retry policy, or the browser's proxy client with its ETag cache), so nothing changes
 * about how each request is sent; only the waiting one after another goes.
 */
import { mapLimit } from "@/lib/map-limit";
import { MAX_PAGES, itemsOf, type GitHubClient } from "./client";

export const PER_PAGE = 100;
/** Pages in flight at once after the first (the server's throttling queue allows 10 reads per token). */
export const PAGE_CONCURRENCY = 8;

type Req = (route: string, params: Record<string, unknown>) => Promise<{ data: unknown }>;

/** `total_count` of an envelope, when it is there and a sane number. */
export function totalCountOf(data: unknown): number | undefined {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return undefined;
  const n = (data as { total_count?: unknown }).total_count;
  return typeof n === "number" && Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** How many pages of `perPage` hold `total` items, at least 1 and at most `MAX_PAGES`. */
export function pageCount(total: number, perPage = PER_PAGE): number {
  return Math.min(MAX_PAGES, Math.max(1, Math.ceil(total / perPage)));
}

/** `fn(i)` for i in [0, count), at most `limit` in flight, results in index order; the first failure rejects. */
export const mapOrdered = <R>(count: number, limit: number, fn: (i: number) => Promise<R>): Promise<R[]> =>
  mapLimit(Array.from({ length: count }, (_, i) => i), limit, fn);

/**
 * Drops later copies of an item whose `id` was already seen: offset pages read at slightly different moments can
 * repeat an item when one before it was removed in between (as sequential pages can).
 */
function dedupeById<T>(items: T[]): T[] {
  const seen = new Set<unknown>();
  return items.filter((item) => {
    const id = typeof item === "object" && item !== null ? (item as { id?: unknown }).id : undefined;
    if (id === undefined) return true;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/**
 * All items of `route`, 100 per page, in the API's order: page 1, then the remaining pages `total_count` calls
 * for in parallel (at most PAGE_CONCURRENCY at once). If a later page reports a larger `total_count` (runners
 * registered meanwhile), the pages after them are read one by one; without a `total_count` it reads one page
 * after another until a short page, as `paginateAll` does. Stops at MAX_PAGES. A failed page fails the whole
 * list, as before.
 */
export async function paginateCounted<T>(
  client: GitHubClient,
  route: string,
  params: Record<string, unknown>,
  key: string,
): Promise<T[]> {
  const request = client.request as unknown as Req;
  let total: number | undefined;
  const fetchPage = async (page: number): Promise<T[]> => {
    const { data } = await request(route, { ...params, per_page: PER_PAGE, page });
    const n = totalCountOf(data);
    if (n !== undefined) total = Math.max(total ?? 0, n);
    return itemsOf<T>(data, key);
  };
  /** Whether page `page` may hold items, judging by the counts seen so far (or by a full previous page). */
  const more = (page: number, previous: T[] | undefined) =>
    page <= MAX_PAGES && previous?.length === PER_PAGE && (total === undefined || pageCount(total) >= page);

  const pages: T[][] = [await fetchPage(1)];
  const known = total === undefined ? 1 : pageCount(total);
  if (known > 1 && more(2, pages[0])) pages.push(...(await mapOrdered(known - 1, PAGE_CONCURRENCY, (i) => fetchPage(i + 2))));
  for (let page = pages.length + 1; more(page, pages[pages.length - 1]); page++) {
    const items = await fetchPage(page);
    if (items.length === 0) break;
    pages.push(items);
  }
  return dedupeById(pages.flat());
}
