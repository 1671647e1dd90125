/**
 * Streams a download in larger pieces than the socket delivers them (~64 KB): each piece Next.js writes to the
 * response costs a write, a flush and a wait for `drain`, so an 85 MB log went out in ~1,300 rounds. The first
 * piece goes at once (first lines paint early); after it, pieces are gathered up to `maxBytes`, and whatever is
 * gathered goes out as soon as the upstream read has to wait (nothing is held back on a slow download).
 */
export function coalesceStream(
  body: ReadableStream<Uint8Array>,
  maxBytes = 1 << 20,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let first = true;
  let pending: Promise<ReadableStreamReadResult<Uint8Array>> | null = null;
  const read = () => {
    if (!pending) {
      pending = reader.read();
      // a read left waiting when the consumer stops must not become an unhandled rejection
      pending.catch(() => undefined);
    }
    return pending;
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const parts: Uint8Array[] = [];
        let size = 0;
        for (;;) {
          const next = read();
          // After the first part, take only what is already there: a read that is not settled within a
          // macrotask means the upstream is waiting for the network, so send what we have.
          const r =
            parts.length === 0
              ? await next
              : await Promise.race([next, new Promise<null>((resolve) => setImmediate(() => resolve(null)))]);
          if (r === null) break;
          pending = null;
          if (r.done) {
            if (parts.length === 0) {
              controller.close();
              return;
            }
            break;
          }
          parts.push(r.value);
          size += r.value.byteLength;
          if (first || size >= maxBytes) break;
        }
        first = false;
        if (parts.length === 1) controller.enqueue(parts[0]);
        else {
          const out = new Uint8Array(size);
          let at = 0;
          for (const p of parts) {
            out.set(p, at);
            at += p.byteLength;
          }
          controller.enqueue(out);
        }
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
