/**
 * The load driver shared by bench/load.bench.ts (100 clients × 10 minutes) and its short form in
 * tests/e2e/load.spec.ts: signed-in clients poll a run and its jobs THROUGH THE PROXY the way the
 * browser's poller does (If-None-Match with the last ETag, every `pollMs`), while a few direct
 * clients poll the same URLs on the simulator itself, interleaved in the same run, so the proxy's
 * overhead is the difference between the two latency distributions.
 */
import { readdirSync, readFileSync } from "node:fs";

export interface Side {
  polls: number;
  notModified: number;
  ok: number;
  errors: number;
  latencies: number[];
}

export interface LoadResult {
  proxied: Side;
  direct: Side;
  /** The first few errors, for the report. */
  errorSamples: string[];
  durationMs: number;
}

export interface LoadOptions {
  appUrl: string;
  /** The simulator's origin (no /api/v3). */
  simUrl: string;
  token: string;
  clients: number;
  directClients: number;
  durationMs: number;
  pollMs: number;
  /** Proxy paths below /api/github and API paths below /api/v3 are the same: "/repos/acme/web/actions/runs/1". */
  paths: (client: number) => string[];
  /** Called once a minute with the minute number (1, 2, ...), e.g. to sample memory. */
  onMinute?: (minute: number) => void | Promise<void>;
}

export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[i]!;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/** A session on the dashboard: the PAT sign-in route, as the sign-in page uses it. */
export async function signIn(appUrl: string, token: string): Promise<string> {
  const res = await fetch(`${appUrl}/api/auth/token`, {
    method: "POST",
    headers: { origin: appUrl, "content-type": "application/json" },
    body: JSON.stringify({ token }),
  });
  if (res.status !== 200) throw new Error(`sign-in answered ${res.status}: ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]!).join("; ");
  if (!cookie) throw new Error("sign-in set no cookie");
  return cookie;
}

function side(): Side {
  return { polls: 0, notModified: 0, ok: 0, errors: 0, latencies: [] };
}

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const proxied = side();
  const direct = side();
  const errorSamples: string[] = [];
  const cookies: string[] = [];
  // Sign in a few at a time (each sign-in asks GitHub who the token belongs to).
  for (let i = 0; i < o.clients; i += 10) {
    cookies.push(...(await Promise.all(Array.from({ length: Math.min(10, o.clients - i) }, () => signIn(o.appUrl, o.token)))));
  }
  const start = Date.now();
  const end = start + o.durationMs;

  async function client(paths: string[], send: (path: string, etag: string | undefined) => Promise<Response>, s: Side) {
    const etags = new Map<string, string>();
    // Spread the clients over the interval, as real pages are opened at different times.
    await sleep(Math.random() * o.pollMs);
    while (Date.now() < end) {
      const cycle = Date.now();
      for (const path of paths) {
        const t0 = performance.now();
        try {
          const res = await send(path, etags.get(path));
          await res.arrayBuffer();
          const ms = performance.now() - t0;
          s.polls += 1;
          s.latencies.push(ms);
          if (res.status === 304) s.notModified += 1;
          else if (res.status === 200) {
            s.ok += 1;
            const etag = res.headers.get("etag");
            if (etag) etags.set(path, etag);
          } else {
            s.errors += 1;
            if (errorSamples.length < 10) errorSamples.push(`${res.status} ${path}`);
          }
        } catch (e) {
          s.polls += 1;
          s.errors += 1;
          if (errorSamples.length < 10) errorSamples.push(`${path}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      await sleep(cycle + o.pollMs - Date.now());
    }
  }

  let minute = 0;
  const ticker = o.onMinute
    ? setInterval(() => {
        minute += 1;
        void o.onMinute?.(minute);
      }, 60_000)
    : null;
  try {
    await Promise.all([
      ...cookies.map((cookie, i) =>
        client(
          o.paths(i),
          (path, etag) =>
            fetch(`${o.appUrl}/api/github${path}`, {
              headers: { cookie, accept: "application/vnd.github+json", ...(etag ? { "if-none-match": etag } : {}) },
            }),
          proxied,
        ),
      ),
      ...Array.from({ length: o.directClients }, (_, i) =>
        client(
          o.paths(i),
          (path, etag) =>
            fetch(`${o.simUrl}/api/v3${path}`, {
              headers: {
                authorization: `token ${o.token}`,
                accept: "application/vnd.github+json",
                ...(etag ? { "if-none-match": etag } : {}),
              },
            }),
          direct,
        ),
      ),
    ]);
  } finally {
    if (ticker) clearInterval(ticker);
  }
  return { proxied, direct, errorSamples, durationMs: Date.now() - start };
}

/** Resident memory (kB → MB) of a process and its descendants, from /proc. */
export function rssMb(rootPid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // gone
    }
  }
  let kb = 0;
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop()!;
    try {
      const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (m) kb += Number(m[1]);
    } catch {
      // gone
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return kb / 1024;
}
