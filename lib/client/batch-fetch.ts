/**
 * A fetch that sends the proxy GETs issued in the same tick as one POST to the batch route (lib/github/batch) and
 * answers each caller with a Response made from its NDJSON line as soon as that line arrives: status, headers
 * (ETag, Link, rate limit, content type) and the JSON body, as the proxy would have answered it. An If-None-Match
 * header becomes the item's `etag`, and a 304 comes back as a bodiless 304, so the ETag cache and Octokit above it
 * see what they see from the proxy. Everything else (writes, other URLs, a Request object, a non-JSON Accept) goes to
 * `baseFetch` unchanged.
 *
 * Failures: a batch answered with an error instead of a stream (401 signed out, 403, 400) gives every item that
 * answer, as each would have had it from the proxy; a batch whose POST fails or whose stream breaks rejects every
 * item still waiting with an Error saying so (no retry here: the queries above decide, as for a failed fetch).
 */
import { BATCH_MAX_ITEMS, BATCH_PATH, batchLineSchema, type BatchItem, type BatchLine } from "@/lib/github/batch-protocol";
import { ndjsonLines } from "./ndjson";
import { proxyBaseUrl } from "./octokit";

type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface BatchFetch extends FetchLike {
  /** The same batcher (same queue, same POSTs), its items sent with `priority` (the route runs higher ones first). */
  withPriority(priority: number): FetchLike;
}

export interface BatchFetchOptions {
  /** Items per POST, at most the route's limit. */
  maxItems?: number;
  /**
   * Batch POSTs open at once (plus one for prioritised items). Each holds one of the browser's ~6 HTTP/1.1
   * connections per origin until its last line, so one is left for pages, RSC and other requests; items wait in the
   * queue meanwhile, by priority.
   */
  maxOpenBatches?: number;
}

interface Pending {
  id: string;
  url: string;
  path: string;
  etag: string | undefined;
  priority: number;
  seq: number;
  settled: boolean;
  resolve(response: Response): void;
  reject(error: Error): void;
}

const NO_BODY = new Set([204, 205, 304]);

function responseOf(status: number, headers: HeadersInit, body: string | null, url: string): Response {
  const response = new Response(NO_BODY.has(status) ? null : body, { status, headers });
  // As a fetched Response would: Octokit puts the URL in its errors.
  Object.defineProperty(response, "url", { value: url });
  return response;
}

function lineResponse(line: BatchLine, url: string): Response {
  return responseOf(line.status, line.headers, line.body === undefined ? null : JSON.stringify(line.body), url);
}

/** A read the batch route can answer: GET, no body, under the proxy, asking for JSON (Octokit's default). */
function batchablePath(input: string | URL | Request, init: RequestInit | undefined, proxy: URL): { url: string; path: string; etag: string | undefined } | null {
  if (input instanceof Request) return null;
  if ((init?.method ?? "GET").toUpperCase() !== "GET" || (init?.body !== undefined && init.body !== null)) return null;
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return null;
  }
  if (url.origin !== proxy.origin || !url.pathname.startsWith(`${proxy.pathname}/`)) return null;
  const headers = new Headers(init?.headers);
  const accept = headers.get("accept");
  if (accept !== null && !/json/i.test(accept)) return null;
  return { url: url.href, path: url.pathname.slice(proxy.pathname.length) + url.search, etag: headers.get("if-none-match") ?? undefined };
}

/** What an item waiting on a batch that failed is rejected with. */
export class BatchBrokenError extends Error {
  override readonly name = "BatchBrokenError";
}

const ENDED = "The dashboard's batched answer ended without this request's result. Try again in a moment.";
const BROKE_OFF = "The dashboard's batched answer broke off before this request's result arrived. Try again in a moment.";
const NOT_SENT = "The dashboard could not be reached (a batched request failed). Check your connection and try again.";
const NOT_A_STREAM = "The dashboard answered a batch with something other than a stream of answers. Try again in a moment.";

export function createBatchFetch(origin: string, baseFetch: FetchLike, options: BatchFetchOptions = {}): BatchFetch {
  const proxy = new URL(proxyBaseUrl(origin));
  const batchUrl = `${proxy.origin}${BATCH_PATH}`;
  const maxItems = Math.min(options.maxItems ?? BATCH_MAX_ITEMS, BATCH_MAX_ITEMS);
  const maxOpen = options.maxOpenBatches ?? 4;
  const queue: Pending[] = [];
  let open = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let seq = 0;

  const settle = (item: Pending, outcome: { response: Response } | { error: Error }) => {
    if (item.settled) return;
    item.settled = true;
    if ("response" in outcome) item.resolve(outcome.response);
    else item.reject(outcome.error);
  };

  async function send(items: Pending[]): Promise<void> {
    const waiting = new Map(items.map((i) => [i.id, i]));
    let failure = new BatchBrokenError(ENDED);
    try {
      const requests: BatchItem[] = items.map((i) => ({ id: i.id, path: i.path, priority: i.priority, ...(i.etag ? { etag: i.etag } : {}) }));
      const res = await baseFetch(batchUrl, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/x-ndjson" },
        body: JSON.stringify({ requests }),
        credentials: "same-origin",
        cache: "no-store",
      }).catch(() => {
        throw new BatchBrokenError(NOT_SENT);
      });
      const ndjson = res.headers.get("content-type")?.startsWith("application/x-ndjson") === true;
      if (!res.ok || !ndjson || !res.body) {
        if (res.ok) throw new BatchBrokenError(NOT_A_STREAM);
        // The batch as a whole was refused (signed out, cross-origin, invalid): each item gets that answer.
        const text = await res.text();
        const headers = [...res.headers].filter(([name]) => name !== "content-length");
        for (const item of waiting.values()) settle(item, { response: responseOf(res.status, headers, text, item.url) });
        waiting.clear();
        return;
      }
      for await (const text of ndjsonLines(res.body)) {
        const line = batchLineSchema.parse(JSON.parse(text));
        const item = waiting.get(line.id);
        if (!item) continue;
        waiting.delete(line.id);
        settle(item, { response: lineResponse(line, item.url) });
      }
    } catch (e) {
      failure = e instanceof BatchBrokenError ? e : new BatchBrokenError(BROKE_OFF);
    } finally {
      for (const item of waiting.values()) settle(item, { error: failure });
      open--;
      flush();
    }
  }

  /**
   * Sends what waits, highest priority first then in order of arrival, while a batch slot is free. One slot more is
   * kept for prioritised items (live polls), so they never wait for a background batch to finish.
   */
  function flush(): void {
    timer = null;
    for (let i = queue.length - 1; i >= 0; i--) if (queue[i]!.settled) queue.splice(i, 1);
    queue.sort((a, b) => b.priority - a.priority || a.seq - b.seq);
    while (queue.length) {
      const urgent = queue[0]!.priority > 0;
      if (open >= maxOpen + (urgent ? 1 : 0)) return;
      let take = maxItems;
      if (open >= maxOpen) {
        take = 0;
        while (take < maxItems && take < queue.length && queue[take]!.priority > 0) take++;
      }
      open++;
      void send(queue.splice(0, take));
    }
  }

  const fetchWith =
    (priority: number): FetchLike =>
    (input, init) => {
      const target = batchablePath(input, init, proxy);
      if (!target) return baseFetch(input, init);
      const signal = init?.signal;
      if (signal?.aborted) return Promise.reject(signal.reason instanceof Error ? signal.reason : new DOMException("Aborted", "AbortError"));
      return new Promise<Response>((resolve, reject) => {
        const item: Pending = { id: String(++seq), seq, priority, settled: false, resolve, reject, ...target };
        // An aborted caller is answered at once; its item is dropped if not sent yet, its line ignored if it was.
        signal?.addEventListener(
          "abort",
          () => settle(item, { error: signal.reason instanceof Error ? signal.reason : new DOMException("Aborted", "AbortError") }),
          { once: true },
        );
        queue.push(item);
        timer ??= setTimeout(flush, 0);
      });
    };

  return Object.assign(fetchWith(0), { withPriority: fetchWith });
}
