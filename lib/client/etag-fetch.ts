/**
 * A fetch wrapper that revalidates GET requests with ETags.
 *
 * The first response for a URL is stored with its ETag; the next GET for that URL sends
 * `If-None-Match`, and a `304 Not Modified` (which costs no GitHub rate limit, and which the proxy
 * passes through) is answered from the stored body as if it were a 200. Pure apart from the
 * `fetch` it wraps, so it is unit-tested in Node.
 */

export interface EtagEntry {
  etag: string;
  body: string;
  status: number;
  headers: [string, string][];
}

export interface EtagCache {
  get(key: string): EtagEntry | undefined;
  set(key: string, entry: EtagEntry): void;
  delete(key: string): void;
}

/** A small LRU cache for ETag entries. */
export function createEtagCache(maxEntries = 200): EtagCache & { readonly size: number } {
  const map = new Map<string, EtagEntry>();
  return {
    get(key) {
      const entry = map.get(key);
      if (entry) {
        map.delete(key);
        map.set(key, entry);
      }
      return entry;
    },
    set(key, entry) {
      map.delete(key);
      map.set(key, entry);
      while (map.size > maxEntries) {
        const oldest = map.keys().next().value;
        if (oldest === undefined) break;
        map.delete(oldest);
      }
    },
    delete(key) {
      map.delete(key);
    },
    get size() {
      return map.size;
    },
  };
}

type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

function requestUrl(input: string | URL | Request): string {
  if (typeof input === "string") return input;
  if (input instanceof URL) return input.toString();
  return input.url;
}

function hasHeader(headers: HeadersInit | undefined, name: string): boolean {
  return headers !== undefined && new Headers(headers).has(name);
}

export function createEtagFetch(baseFetch: FetchLike, cache: EtagCache = createEtagCache()): FetchLike {
  return async (input, init) => {
    const method = (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
    const url = requestUrl(input);
    if (method !== "GET" || hasHeader(init?.headers, "if-none-match")) {
      const response = await baseFetch(input, init);
      // A successful write may change what the GETs return: forget what we had for this path.
      if (method !== "GET" && response.ok) cache.delete(url);
      return response;
    }

    const cached = cache.get(url);
    const headers = new Headers(init?.headers);
    if (cached) headers.set("if-none-match", cached.etag);
    // `no-store` keeps the browser's own HTTP cache out of the way: this cache does the revalidation.
    const response = await baseFetch(url, { ...init, method, headers, cache: "no-store" });

    if (response.status === 304 && cached) {
      const replay = new Headers(cached.headers);
      // Fresh rate-limit numbers and the (same) ETag come from the 304 itself.
      for (const [name, value] of response.headers) replay.set(name, value);
      replay.set("x-etag-cache", "revalidated");
      return new Response(cached.body, { status: cached.status, statusText: "OK", headers: replay });
    }

    const etag = response.headers.get("etag");
    if (response.ok && etag && response.status === 200) {
      const body = await response.text();
      cache.set(url, { etag, body, status: response.status, headers: [...response.headers] });
      return new Response(body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    }
    if (!response.ok) cache.delete(url);
    return response;
  };
}
