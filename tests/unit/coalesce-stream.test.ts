import { describe, expect, it } from "vitest";
import { coalesceStream } from "@/lib/github/coalesce-stream";

const bytes = (n: number, fill: number) => new Uint8Array(n).fill(fill);

/** A stream whose chunks are all there at once. */
function ready(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(c) {
      for (const x of chunks) c.enqueue(x);
      c.close();
    },
  });
}

async function collect(s: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  const r = s.getReader();
  for (;;) {
    const { done, value } = await r.read();
    if (done) return out;
    out.push(value);
  }
}

const joined = (xs: Uint8Array[]) => Buffer.concat(xs.map((x) => Buffer.from(x)));

describe("coalesceStream", () => {
  it("sends the first piece alone, then gathers what is there up to the cap, bytes unchanged and in order", async () => {
    const chunks = Array.from({ length: 40 }, (_, i) => bytes(64 * 1024, i));
    const out = await collect(coalesceStream(ready(chunks), 1 << 20));
    expect(out[0]?.byteLength).toBe(64 * 1024);
    expect(out.length).toBeLessThan(6);
    expect(Math.max(...out.map((x) => x.byteLength))).toBeLessThanOrEqual((1 << 20) + 64 * 1024);
    expect(joined(out).equals(joined(chunks))).toBe(true);
  });

  it("does not hold back what it has while the upstream waits", async () => {
    let push: ((x: Uint8Array) => void) | undefined;
    const upstream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes(10, 1));
        c.enqueue(bytes(10, 2));
        push = (x) => c.enqueue(x);
      },
    });
    const r = coalesceStream(upstream).getReader();
    expect((await r.read()).value?.byteLength).toBe(10);
    // the second chunk is there, the third is not: the second comes without waiting for more
    expect((await r.read()).value?.[0]).toBe(2);
    const third = r.read();
    push?.(bytes(5, 3));
    expect((await third).value?.[0]).toBe(3);
    await r.cancel();
  });

  it("passes an upstream failure on (a broken-off download is not passed off as complete)", async () => {
    let n = 0;
    const upstream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (n++ < 3) c.enqueue(bytes(100, n));
        else c.error(new TypeError("terminated"));
      },
    });
    await expect(collect(coalesceStream(upstream))).rejects.toThrow("terminated");
  });

  it("cancels the upstream when the reader goes", async () => {
    let cancelled: unknown = null;
    const upstream = new ReadableStream<Uint8Array>({
      pull(c) {
        c.enqueue(bytes(100, 1));
      },
      cancel(reason) {
        cancelled = reason;
      },
    });
    const r = coalesceStream(upstream).getReader();
    await r.read();
    await r.cancel("gone");
    expect(cancelled).toBe("gone");
  });
});
