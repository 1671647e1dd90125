import { describe, expect, it } from "vitest";
import { bulkCounts, runBulk } from "@/lib/bulk/run-bulk";
import { apiError } from "./api-error-fixture";

describe("runBulk", () => {
  it("keeps going after a failure and reports each item", async () => {
    const seen: number[] = [];
    const results = await runBulk([1, 2, 3, 4], async (n) => {
      seen.push(n);
      if (n === 2) throw apiError(422, "Runner is busy", "not_applied");
      await Promise.resolve();
    }, { concurrency: 2 });
    expect(seen.sort()).toEqual([1, 2, 3, 4]);
    expect(results.map((r) => r.status)).toEqual(["done", "failed", "done", "done"]);
    expect(results[1]).toMatchObject({ message: "Runner is busy (HTTP 422).", outcome: "not_applied" });
    expect(bulkCounts(results)).toEqual({ total: 4, done: 3, failed: 1, finished: 4 });
  });

  it("never runs more than `concurrency` at once", async () => {
    let inFlight = 0;
    let peak = 0;
    await runBulk(Array.from({ length: 10 }, (_, i) => i), async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
    }, { concurrency: 3 });
    expect(peak).toBe(3);
  });

  it("flags a write whose outcome is unknown", async () => {
    const [r] = await runBulk(["x"], () => Promise.reject(apiError(502, "Bad gateway", "unknown")));
    expect(r).toMatchObject({ status: "failed", outcome: "unknown" });
  });

  it("items not yet started when the run is stopped are reported as not sent", async () => {
    const stop = new AbortController();
    const results = await runBulk([1, 2, 3], () => Promise.resolve(stop.abort()), { concurrency: 1, signal: stop.signal });
    expect(results.map((r) => r.status)).toEqual(["done", "failed", "failed"]);
    expect(results[1]).toMatchObject({ message: "Stopped.", outcome: "not_sent" });
  });
});
