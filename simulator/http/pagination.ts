import type { SimContext } from "../context.js";
import { invalid } from "./errors.js";

export interface Page<T> {
  items: T[];
  total: number;
}

/**
 * Slices `items` by `per_page` (default 30, max 100) and `page`, and sets GitHub's Link header
 * (next, prev, first, last) with the request's own URL and query.
 */
export function paginate<T>(c: SimContext, items: T[]): Page<T> {
  const url = new URL(c.req.url);
  const perRaw = url.searchParams.get("per_page");
  const pageRaw = url.searchParams.get("page");
  const per = perRaw === null ? 30 : Number(perRaw);
  const page = pageRaw === null ? 1 : Number(pageRaw);
  if (!Number.isInteger(per) || !Number.isInteger(page)) {
    throw invalid("Invalid request.", [{ resource: "Search", field: "per_page", code: "invalid" }]);
  }
  const perPage = Math.min(Math.max(per, 1), 100);
  const pageNo = Math.max(page, 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (p: number, rel: string) => {
    const u = new URL(url);
    u.searchParams.set("per_page", String(perPage));
    u.searchParams.set("page", String(p));
    return `<${u.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (pageNo > 1) links.push(link(Math.min(pageNo - 1, last), "prev"));
  if (pageNo < last) links.push(link(pageNo + 1, "next"));
  if (pageNo > 1) links.push(link(1, "first"));
  if (pageNo < last) links.push(link(last, "last"));
  if (links.length) c.header("Link", links.join(", "));
  return { items: items.slice((pageNo - 1) * perPage, pageNo * perPage), total: items.length };
}
