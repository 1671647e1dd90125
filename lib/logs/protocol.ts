/** Messages between the log viewer and its worker (log.worker.ts). */
import type { IndexSnapshot } from "./indexer";
import type { SearchOptions } from "./search";

export type ToWorker =
  | { type: "load"; url: string }
  /** Lines [from, to), or the lines listed in `pick` (then `from`/`to` are ignored). */
  | { type: "lines"; id: number; from: number; to: number; pick?: number[] }
  | { type: "search"; id: number; query: string; options: SearchOptions }
  /** Stop the running search (a new "search" also stops it). */
  | { type: "cancelSearch" }
  | { type: "raw"; id: number };

export interface LoadFailure {
  status: number;
  message: string;
}

export type FromWorker =
  | {
      type: "index";
      load: number;
      snapshot: IndexSnapshot;
      done: boolean;
      /** When the first byte arrived and when this snapshot was taken (ms since the epoch). */
      firstByteAt: number;
      indexedAt: number;
      /** With the first snapshot: the text of the first lines, so they show without another round trip. */
      head?: string[];
    }
  | { type: "error"; load: number; error: LoadFailure }
  | { type: "lines"; id: number; from: number; lines: string[]; pick?: number[] }
  | {
      type: "search";
      id: number;
      error?: string;
      count: number;
      lines: Uint32Array;
      starts: Uint32Array;
      lengths: Uint32Array;
      /** Lines searched (the whole log, or what had arrived). */
      searchedLines: number;
      ms: number;
    }
  | { type: "raw"; id: number; blob: Blob };
