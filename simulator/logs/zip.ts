// Zip archives built with fflate: artifacts (small, built whole and deterministic, so their size is known
// when seeded) and run log archives (streamed entry by entry, since one job log has a million lines).
import { Zip, ZipDeflate, ZipPassThrough, zipSync, strToU8 } from "fflate";

/**
 * An artifact's zip: same files and times, same bytes. Entries are stored (compression level 0, as
 * `actions/upload-artifact` writes with `compression-level: 0`), so the size is known without building it.
 */
export function artifactZip(files: Record<string, string>, createdAt: string): Uint8Array<ArrayBuffer> {
  const mtime = new Date(createdAt);
  const input: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const [name, content] of Object.entries(files)) input[name] = [strToU8(content), { mtime }];
  return zipSync(input, { level: 0, mtime });
}

/** The byte size of `artifactZip(files)`: local headers, data, central directory, end record. */
export function artifactZipSize(files: Record<string, string>): number {
  let n = 22;
  for (const [name, content] of Object.entries(files)) {
    const nl = Buffer.byteLength(name);
    n += 30 + nl + Buffer.byteLength(content) + 46 + nl;
  }
  return n;
}

export interface ZipEntrySource {
  name: string;
  /** Text chunks of the entry, pulled lazily. */
  chunks: () => Iterator<string>;
  /** Store without compression (huge entries: deflating 100 MB of log would take seconds). */
  store?: boolean;
}

/** A zip streamed entry by entry: each entry's text is pulled, deflated and sent in ~256 KB pieces. */
export function zipStream(entries: ZipEntrySource[], mtime: Date, level: 1 | 2 | 3 | 4 | 5 | 6 = 4): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  let queue: Uint8Array[] = [];
  let finished = false;
  let failure: Error | null = null;
  const zip = new Zip((err, data, final) => {
    if (err) failure = err;
    else {
      queue.push(data);
      if (final) finished = true;
    }
  });
  let next = 0;
  let ended = false;
  let current: { entry: ZipDeflate | ZipPassThrough; it: Iterator<string> } | null = null;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      while (queue.length === 0 && !finished && !failure) {
        if (!current) {
          const src = entries[next++];
          if (!src) {
            if (!ended) {
              ended = true;
              zip.end();
            }
            continue;
          }
          const entry = src.store ? new ZipPassThrough(src.name) : new ZipDeflate(src.name, { level });
          entry.mtime = mtime;
          zip.add(entry);
          current = { entry, it: src.chunks() };
        }
        let text = "";
        let last = false;
        while (text.length < 262_144) {
          const n = current.it.next();
          if (n.done) {
            last = true;
            break;
          }
          text += n.value;
        }
        current.entry.push(enc.encode(text), last);
        if (last) current = null;
      }
      if (failure) {
        controller.error(failure);
        return;
      }
      for (const q of queue) controller.enqueue(q);
      queue = [];
      if (finished) controller.close();
    },
    cancel() {
      current?.it.return?.(undefined);
    },
  });
}
