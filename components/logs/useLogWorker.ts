"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { IndexSnapshot } from "@/lib/logs/indexer";
import type { FromWorker, LoadFailure, ToWorker } from "@/lib/logs/protocol";
import type { SearchOptions } from "@/lib/logs/search";

export interface SearchResult {
  query: string;
  options: SearchOptions;
  error?: string | undefined;
  count: number;
  lines: Uint32Array;
  starts: Uint32Array;
  lengths: Uint32Array;
  searchedLines: number;
  ms: number;
}

export interface LogState {
  snapshot: IndexSnapshot | null;
  done: boolean;
  /** Some load of this URL has finished: a copy of the whole log is held even while a reload runs. */
  completedOnce: boolean;
  error: LoadFailure | null;
  firstByteAt: number;
  indexedAt: number;
}

const CACHE_LIMIT = 20_000;

/**
 * The log worker from the component's side: loads `url` (again when `reloadKey` changes, keeping what is
 * shown until the new copy has caught up), keeps a cache of decoded lines and asks for missing ones.
 */
export function useLogWorker(url: string | null, reloadKey: number) {
  const worker = useRef<Worker | null>(null);
  const cache = useRef(new Map<number, string>());
  const asked = useRef(new Set<number>());
  const nextId = useRef(1);
  const waiters = useRef(new Map<number, (msg: FromWorker) => void>());
  const [state, setState] = useState<LogState>({ snapshot: null, done: false, completedOnce: false, error: null, firstByteAt: 0, indexedAt: 0 });
  const [linesVersion, setLinesVersion] = useState(0);
  const [search, setSearch] = useState<SearchResult | null>(null);
  const [searching, setSearching] = useState(false);
  const searchReq = useRef<{ id: number; query: string; options: SearchOptions } | null>(null);
  const loadedUrl = useRef<string | null>(null);
  const prevCount = useRef(0);

  useEffect(() => {
    const w = new Worker(new URL("../../lib/logs/log.worker.ts", import.meta.url), { type: "module" });
    worker.current = w;
    w.onmessage = (e: MessageEvent<FromWorker>) => {
      const msg = e.data;
      if (msg.type === "index") {
        // the line that was last may have grown since: forget it (and anything past it); only what is
        // held is looked at, not every new line (a snapshot can add hundreds of thousands)
        const from = Math.max(0, prevCount.current - 1);
        for (const i of cache.current.keys()) if (i >= from) cache.current.delete(i);
        for (const i of asked.current) if (i >= from) asked.current.delete(i);
        prevCount.current = msg.snapshot.lineCount;
        msg.head?.forEach((text, i) => cache.current.set(i, text));
        setState((s) => ({
          snapshot: msg.snapshot,
          done: msg.done,
          completedOnce: s.completedOnce || msg.done,
          error: null,
          firstByteAt: msg.firstByteAt,
          indexedAt: msg.indexedAt,
        }));
      } else if (msg.type === "error") {
        setState((s) => ({ ...s, error: msg.error }));
      } else if (msg.type === "lines") {
        const waiter = waiters.current.get(msg.id);
        if (waiter) {
          waiters.current.delete(msg.id);
          waiter(msg);
          return;
        }
        if (cache.current.size > CACHE_LIMIT) {
          cache.current.clear();
          asked.current.clear();
        }
        msg.lines.forEach((text, i) => {
          cache.current.set(msg.from + i, text);
          asked.current.delete(msg.from + i);
        });
        setLinesVersion((v) => v + 1);
      } else if (msg.type === "search") {
        const req = searchReq.current;
        if (!req || req.id !== msg.id) return;
        setSearching(false);
        setSearch({
          query: req.query,
          options: req.options,
          error: msg.error,
          count: msg.count,
          lines: msg.lines,
          starts: msg.starts,
          lengths: msg.lengths,
          searchedLines: msg.searchedLines,
          ms: msg.ms,
        });
      } else {
        const waiter = waiters.current.get(msg.id);
        waiters.current.delete(msg.id);
        waiter?.(msg);
      }
    };
    return () => {
      w.terminate();
      worker.current = null;
      loadedUrl.current = null;
    };
  }, []);

  useEffect(() => {
    if (!url || !worker.current) return;
    if (loadedUrl.current !== url) {
      cache.current.clear();
      asked.current.clear();
      prevCount.current = 0;
      loadedUrl.current = url;
      setState((s) => (s.completedOnce ? { ...s, completedOnce: false } : s));
    }
    const msg: ToWorker = { type: "load", url };
    worker.current.postMessage(msg);
  }, [url, reloadKey]);

  /** A decoded line, or undefined while it is being fetched (then `linesVersion` changes). */
  const getLine = useCallback((i: number) => cache.current.get(i), []);

  const requestLines = useCallback((from: number, to: number) => {
    let a = from;
    while (a < to && cache.current.has(a)) a++;
    let b = to;
    while (b > a && cache.current.has(b - 1)) b--;
    if (a >= b) return;
    let allAsked = true;
    for (let i = a; i < b; i++) if (!asked.current.has(i)) allAsked = false;
    if (allAsked) return;
    for (let i = a; i < b; i++) asked.current.add(i);
    const msg: ToWorker = { type: "lines", id: nextId.current++, from: a, to: b };
    worker.current?.postMessage(msg);
  }, []);

  /** Lines by index, straight from the worker (for lists such as annotations). */
  const pickLines = useCallback(
    (pick: number[]) =>
      new Promise<string[]>((resolve) => {
        const id = nextId.current++;
        waiters.current.set(id, (msg) => resolve(msg.type === "lines" ? msg.lines : []));
        const msg: ToWorker = { type: "lines", id, from: 0, to: 0, pick };
        worker.current?.postMessage(msg);
      }),
    [],
  );

  const runSearch = useCallback((query: string, options: SearchOptions) => {
    if (!query) {
      searchReq.current = null;
      setSearch(null);
      setSearching(false);
      const cancel: ToWorker = { type: "cancelSearch" };
      worker.current?.postMessage(cancel);
      return;
    }
    const id = nextId.current++;
    searchReq.current = { id, query, options };
    setSearching(true);
    const msg: ToWorker = { type: "search", id, query, options };
    worker.current?.postMessage(msg);
  }, []);

  const getRaw = useCallback(
    () =>
      new Promise<Blob>((resolve) => {
        const id = nextId.current++;
        waiters.current.set(id, (msg) => resolve(msg.type === "raw" ? msg.blob : new Blob([])));
        const msg: ToWorker = { type: "raw", id };
        worker.current?.postMessage(msg);
      }),
    [],
  );

  return { ...state, linesVersion, getLine, requestLines, pickLines, search, searching, runSearch, getRaw };
}
