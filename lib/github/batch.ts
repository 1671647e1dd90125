import "server-only";
import type { AppConfig } from "@/lib/config";
import { errorResponse, type ApiErrorInfo } from "@/lib/github/errors";
import { guardRequest } from "@/lib/github/guard";
import { forwardUpstream, notForwarded, readRequestBody, type ProxyOptions } from "@/lib/github/proxy";
import { isDownloadRoute, matchRoute, pathToSegments, type RouteMatch } from "@/lib/github/routes";
import { isIfNoneMatchValue } from "@/lib/github/request-headers";
import { batchRequestSchema, type BatchItem, type BatchLine } from "@/lib/github/batch-protocol";
import { runForToken } from "@/lib/github/token-limiter";

/**
 * The batch route behind app/api/github-batch: many reads in one browser request. Guarded like a proxy write
 * (CSRF, session); each item goes upstream through the proxy's own forwardUpstream, at most 10 in flight per token
 * across every batch of that token (lib/github/token-limiter), and is answered as one NDJSON line as soon as it is
 * done, so the browser is not held to its 6 connections per origin nor the page to the slowest item.
 */

/** Headers that describe the NDJSON answer itself, not an item: every other header of the proxy's answer goes in the line. */
const RESPONSE_ONLY_HEADERS = new Set(["cache-control", "x-content-type-options"]);

const NDJSON_HEADERS = {
  "Content-Type": "application/x-ndjson; charset=utf-8",
  // no-transform keeps Next's response compression off, which would hold lines back until a buffer fills.
  "Cache-Control": "private, no-store, no-transform",
  "X-Content-Type-Options": "nosniff",
};

function errorLine(id: string, info: ApiErrorInfo): BatchLine {
  return { id, status: info.status, headers: { "content-type": "application/json; charset=utf-8" }, body: { error: info } };
}

/** The proxy's answer for one item as its line; null for "the client went away" (nothing to send). */
async function lineOf(id: string, res: Response): Promise<BatchLine | null> {
  if (res.status === 499) return null;
  const headers: Record<string, string> = {};
  for (const [name, value] of res.headers) if (!RESPONSE_ONLY_HEADERS.has(name)) headers[name] = value;
  const text = res.status === 304 || res.status === 204 || res.status === 205 ? "" : await res.text();
  if (!text) {
    await res.body?.cancel().catch(() => {});
    return { id, status: res.status, headers };
  }
  try {
    return { id, status: res.status, headers, body: JSON.parse(text) as unknown };
  } catch {
    return errorLine(id, {
      status: 502,
      message: "GitHub's answer was not JSON, so it cannot be passed on in a batch. Try again in a moment.",
      documentation_url: null,
    });
  }
}

/** An item's route, or null when the proxy would not forward it or it is a download (a redirect to a file, not JSON). */
function matchItem(path: string): RouteMatch | null {
  const segments = pathToSegments(path);
  const match = segments ? matchRoute("GET", segments) : null;
  return match && !isDownloadRoute(match.route) ? match : null;
}

function queryOf(path: string): string {
  const q = path.indexOf("?");
  return q === -1 ? "" : path.slice(q + 1).split("#")[0]!;
}

interface ItemContext {
  cfg: AppConfig;
  token: string;
  signal: AbortSignal;
  options: ProxyOptions;
}

async function runItem(item: BatchItem, ctx: ItemContext): Promise<BatchLine | null> {
  const match = matchItem(item.path);
  if (!match) return lineOf(item.id, notForwarded("GET", item.path.split("?")[0]!, false));
  const res = await runForToken(
    ctx.token,
    // A client that left starts nothing new; its waiting items give their turn up at once.
    async () =>
      ctx.signal.aborted
        ? new Response(null, { status: 499 })
        : forwardUpstream({
            cfg: ctx.cfg,
            token: ctx.token,
            method: "GET",
            match,
            search: queryOf(item.path),
            accept: null,
            ifNoneMatch: item.etag !== undefined && isIfNoneMatchValue(item.etag) ? item.etag : null,
            body: undefined,
            contentType: null,
            signal: ctx.signal,
            timing: ctx.options.timing,
          }),
    item.priority ?? 0,
  );
  return lineOf(item.id, res);
}

async function readBatch(req: Request): Promise<{ ok: true; items: BatchItem[] } | { ok: false; response: Response }> {
  const read = await readRequestBody(req, false);
  if (!read.ok) return read;
  const refuse = (message: string) => ({
    ok: false as const,
    response: errorResponse({ status: 400, message, documentation_url: null }),
  });
  let json: unknown;
  try {
    json = JSON.parse(read.body ?? "");
  } catch {
    return refuse("The batch is not JSON.");
  }
  const parsed = batchRequestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse(`The batch is not valid: ${issue ? `${issue.path.join(".") || "body"}: ${issue.message}` : "unknown problem"}.`);
  }
  return { ok: true, items: parsed.data.requests };
}

export async function batchRequest(req: Request, options: ProxyOptions = {}): Promise<Response> {
  const guard = await guardRequest(req, { csrf: true, write: false });
  if (!guard.ok) return guard.response;
  const batch = await readBatch(req);
  if (!batch.ok) return batch.response;

  // Stops with the client (request aborted) or with the reader of the answer (stream cancelled).
  const stop = new AbortController();
  const onClientGone = () => stop.abort();
  req.signal.addEventListener("abort", onClientGone, { once: true });
  const ctx: ItemContext = { cfg: guard.cfg, token: guard.session.token, signal: stop.signal, options };
  const encoder = new TextEncoder();

  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (line: BatchLine | null) => {
        if (line && !cancelled) controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
      };
      const items = batch.items.map((item) =>
        runItem(item, ctx)
          .catch((): BatchLine =>
            errorLine(item.id, { status: 500, message: "The dashboard failed on this request; see its server log.", documentation_url: null }),
          )
          .then(send),
      );
      void Promise.all(items).then(() => {
        req.signal.removeEventListener("abort", onClientGone);
        if (!cancelled) controller.close();
      });
    },
    cancel() {
      cancelled = true;
      stop.abort();
    },
  });
  return new Response(stream, { status: 200, headers: NDJSON_HEADERS });
}
