/**
 * Bench-only page: @melloware/react-logviewer's <LazyLog> showing a job log, for bench/log-viewer.bench.ts.
 * Never part of the dashboard: the bench bundles this file with esbuild and serves it (and its HTML) from
 * Playwright routes on the dashboard's origin, so the log is fetched through the same proxy, with the same
 * session cookie, as the dashboard's own viewer fetches it.
 *
 * Query: `url` (the log), `stream=1` (LazyLog's `stream` mode, which renders chunks as they arrive).
 * Exposes `window.__rlv`: `loadedAt` (epoch ms, set in `onLoad`), `jump(line)` (sets `scrollToLine`), `error`.
 */
import { useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import { LazyLog } from "@melloware/react-logviewer";

interface Bench {
  loadedAt: number;
  error: string | null;
  jump: (line: number) => void;
}

declare global {
  interface Window {
    __rlv: Bench;
  }
}

const params = new URLSearchParams(window.location.search);
const url = params.get("url") ?? "";
const stream = params.get("stream") === "1";
const bench: Bench = { loadedAt: 0, error: null, jump: () => undefined };
window.__rlv = bench;
const now = () => performance.timeOrigin + performance.now();

function App() {
  const [line, setLine] = useState<number | undefined>(undefined);
  useEffect(() => {
    bench.jump = (n) => setLine(n);
  }, []);
  return (
    <main style={{ height: "100vh", display: "flex", flexDirection: "column" }}>
      <h1 style={{ position: "absolute", left: -10000 }}>react-logviewer</h1>
      <LazyLog
        url={url}
        stream={stream}
        // the library sends no cookie by default; the proxy needs the session's
        fetchOptions={{ credentials: "same-origin" }}
        enableSearch
        caseInsensitive
        selectableLines
        extraLines={1}
        scrollToLine={line}
        onLoad={() => {
          bench.loadedAt = now();
        }}
        onError={(e: unknown) => {
          bench.error = e instanceof Error ? e.message : String(e);
        }}
      />
    </main>
  );
}

const root = document.getElementById("root");
if (root) createRoot(root).render(<App />);
