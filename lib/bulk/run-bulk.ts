import { writeFailure } from "@/lib/client/write-failure";
import type { WriteOutcome } from "@/lib/github/errors";

/** The outcome of one item of a bulk action; a failure on one never stops the rest. */
export type BulkResult<T> =
  | { item: T; status: "pending" }
  | { item: T; status: "done" }
  | ({ item: T; status: "failed" } & BulkFailure);

/** A failed item: what went wrong, and apart from it what became of the write (the list says it in words). */
export interface BulkFailure {
  message: string;
  /** "not_sent": it never left the browser; "not_applied": GitHub refused it; "unknown": it may have happened. */
  outcome: WriteOutcome | "not_sent";
}

export interface BulkOptions<T> {
  /** Requests in flight at once (GitHub asks integrations not to hammer it; 4 is gentle and quick). */
  concurrency?: number;
  onProgress?: (results: BulkResult<T>[]) => void;
  signal?: AbortSignal;
  /** Explains a thrown error, and says whether the write may have happened anyway. */
  describeError?: (error: unknown) => BulkFailure;
}

// The write's method is not known here; any write reads the same.
const describeWrite = (error: unknown): BulkFailure => writeFailure(error, "POST");

/** Runs `action` over `items` with bounded concurrency, reporting every item's result as it lands. */
export async function runBulk<T>(
  items: readonly T[],
  action: (item: T, signal?: AbortSignal) => Promise<unknown>,
  { concurrency = 4, onProgress, signal, describeError = describeWrite }: BulkOptions<T> = {},
): Promise<BulkResult<T>[]> {
  const results: BulkResult<T>[] = items.map((item) => ({ item, status: "pending" }));
  onProgress?.([...results]);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      const item = items[i] as T;
      if (signal?.aborted) {
        results[i] = { item, status: "failed", message: "Stopped.", outcome: "not_sent" };
      } else {
        try {
          await action(item, signal);
          results[i] = { item, status: "done" };
        } catch (error) {
          const { message, outcome } = describeError(error);
          results[i] = { item, status: "failed", message, outcome };
        }
      }
      onProgress?.([...results]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

export function bulkCounts<T>(results: BulkResult<T>[]) {
  return {
    total: results.length,
    done: results.filter((r) => r.status === "done").length,
    failed: results.filter((r) => r.status === "failed").length,
    finished: results.filter((r) => r.status !== "pending").length,
  };
}
