/**
 * What a query function needs from a GitHub client: only `request`. The server passes its Octokit
 * (lib/github/server, with the session's token), the browser passes the proxy Octokit
 * (lib/client/octokit); both send the same route strings, so both fill the same query keys.
 */
import type { Octokit } from "@octokit/core";

export type GitHubRequest = InstanceType<typeof Octokit>["request"];

export interface GitHubClient {
  request: GitHubRequest;
}

/** The URL of the `rel="next"` page in a Link header, if any. */
export function nextPageUrl(link: string | null | undefined): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(",")) {
    const match = /<([^>]+)>\s*;\s*rel="?([^";]+)"?/.exec(part.trim());
    if (match?.[2]?.split(/\s+/).includes("next")) return match[1];
  }
  return undefined;
}

/** Pull the array out of a page: plain arrays, or `{ total_count, <name>: [...] }` envelopes. */
export function itemsOf<T>(data: unknown, key?: string): T[] {
  if (Array.isArray(data)) return data as T[];
  if (typeof data === "object" && data !== null) {
    const record = data as Record<string, unknown>;
    if (key && Array.isArray(record[key])) return record[key] as T[];
    for (const value of Object.values(record)) if (Array.isArray(value)) return value as T[];
  }
  return [];
}

export const MAX_PAGES = 50;

/**
 * Every page of a list endpoint, 100 per page, following the Link header (the proxy rewrites it to
 * proxy paths, so it works through either client). Stops at MAX_PAGES as a safety net.
 */
export async function paginateAll<T>(
  client: GitHubClient,
  route: string,
  params: Record<string, unknown> = {},
  key?: string,
): Promise<T[]> {
  const all: T[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const response = await client.request(route, { ...params, per_page: 100, page });
    const items = itemsOf<T>(response.data, key);
    all.push(...items);
    const link = (response.headers as Record<string, string | undefined>).link;
    const hasNext = link !== undefined ? nextPageUrl(link) !== undefined : items.length === 100;
    if (!hasNext || items.length === 0) break;
  }
  return all;
}
