"use client";

import { useSyncExternalStore } from "react";

// One shared clock for relative times and running durations: ticks every 15 s while anything
// subscribes. The server snapshot is `null`, so server HTML shows exact times and the browser
// switches to relative ones right after hydration (no mismatch).
const TICK_MS = 15_000;
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** The current time in ms (refreshed every 15 s), or `null` while rendering on the server/hydrating. */
export function useNow(): number | null {
  return useSyncExternalStore(
    subscribe,
    () => now,
    () => null,
  );
}
