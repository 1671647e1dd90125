/**
 * The batch route's wire format, shared by the route (app/api/github-batch) and the browser's batching fetch
 * (lib/client/batch-fetch). No server-only import: nothing here is secret.
 *
 * Request: POST { requests: [{ id, path, etag?, priority? }] }, `path` an API path and query as the proxy takes it
 * after /api/github (`/repos/acme/web/actions/runs?per_page=100`), reads only.
 * Answer: NDJSON, one line per item in completion order: { id, status, headers, body? }, `headers` the allowlisted
 * answer headers the proxy would send (ETag, Link rewritten to the proxy, rate limit, content type), `body` the
 * parsed JSON (the proxy's error shape for failures), absent for a 304.
 */
import { z } from "zod";

export const BATCH_PATH = "/api/github-batch";
/** Items in one batch: enough for a wave of the org overview in a few POSTs, small enough to bound a request. */
export const BATCH_MAX_ITEMS = 100;
/** Requests in flight upstream for one token, at most (issue 10): the batch route holds every batch of a token to it. */
export const UPSTREAM_CONCURRENCY_PER_TOKEN = 10;
/** The highest item priority (the overview uses 0 = background and 1 = live). */
export const BATCH_MAX_PRIORITY = 9;

export const batchItemSchema = z
  .object({
    id: z.string().min(1).max(64),
    path: z.string().min(1).max(4096).startsWith("/"),
    /** Sent upstream as If-None-Match when well-formed (as the proxy does with the header). */
    etag: z.string().max(1024).optional(),
    priority: z.number().int().min(0).max(BATCH_MAX_PRIORITY).optional(),
    /** Only reads are batched; a method other than GET is refused with the whole batch. */
    method: z.literal("GET").optional(),
  })
  .strict();

export const batchRequestSchema = z
  .object({ requests: z.array(batchItemSchema).min(1).max(BATCH_MAX_ITEMS) })
  .strict()
  .refine((b) => new Set(b.requests.map((r) => r.id)).size === b.requests.length, {
    message: "Every request of a batch needs its own id.",
    path: ["requests"],
  });

export type BatchItem = z.infer<typeof batchItemSchema>;
export type BatchRequest = z.infer<typeof batchRequestSchema>;

export const batchLineSchema = z.object({
  id: z.string(),
  status: z.number().int().min(200).max(599),
  headers: z.record(z.string(), z.string()),
  body: z.unknown().optional(),
});

export type BatchLine = z.infer<typeof batchLineSchema>;
