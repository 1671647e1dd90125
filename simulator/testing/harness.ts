/**
 * Vitest helper: one seeded simulator per suite, on a free port of 127.0.0.1.
 *
 *   const sim = withSimulator();
 *   it("lists runs", async () => {
 *     const res = await sim.api("GET", "/repos/acme/web/actions/runs");
 *     expect(res.status).toBe(200);
 *   });
 *
 * `api()` speaks to /api/v3 with mona's demo token unless told otherwise (`token: null` sends none,
 * `token: TOKENS.octocat` another user's); redirects are not followed, so a 302 and its Location are seen.
 */
import { afterAll, beforeAll } from "vitest";
import type { Sim, SimOptions } from "../context.js";
import { fixedToken } from "../store/tokens.js";
import { startSimulator, type StartedSimulator } from "../server.js";

/** Demo tokens of the seeded users (simulator/CONTRACT.md): `ghp_<login>DemoToken` padded with 0 to 40 chars. */
export const TOKENS = {
  mona: fixedToken("mona"),
  hubot: fixedToken("hubot"),
  octocat: fixedToken("octocat"),
} as const;

export type ApiMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD";

export interface ApiOptions {
  /** A token, or null for an anonymous request. Default: mona's. */
  token?: string | null;
  /** Sent as JSON unless it is a string (sent as is). */
  body?: unknown;
  headers?: Record<string, string>;
  /** Follow redirects (default false). */
  follow?: boolean;
}

export interface ApiResponse<T = unknown> {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** Parsed JSON when the response is JSON (or looks like it), else the text; "" when empty. */
  body: T;
  /** The body as received. */
  text: string;
  /** The URL answered (after redirects when followed). */
  url: string;
}

export interface SimulatorHandle {
  /** The simulator's origin, e.g. http://127.0.0.1:43123 (no /api/v3). */
  readonly url: string;
  /** The live simulator (state, options, faults, write counters). */
  readonly sim: Sim | undefined;
  /** A request to /api/v3 + path (a path already starting with /api/v3, or a full URL, is used as is). */
  api<T = unknown>(method: ApiMethod, path: string, opts?: ApiOptions): Promise<ApiResponse<T>>;
  /** A request to any path of the simulator (e.g. /_sim/..., /login/oauth/...), without a token unless given. */
  raw<T = unknown>(method: ApiMethod, path: string, opts?: ApiOptions): Promise<ApiResponse<T>>;
}

/** Starts a simulator for the surrounding suite (beforeAll) and closes it afterwards (afterAll). */
export function withSimulator(options: Partial<SimOptions> & { port?: number } = {}): SimulatorHandle {
  let started: StartedSimulator | null = null;
  let origin = "";

  beforeAll(async () => {
    started = await startSimulator({ port: 0, engine: false, control: true, ...options });
    origin = new URL(started.url).origin;
  }, 60_000);

  afterAll(async () => {
    await started?.close();
    started = null;
  });

  const request = async <T>(
    method: ApiMethod,
    url: string,
    opts: ApiOptions,
    defaultToken: string | null,
  ) => {
    const headers: Record<string, string> = {
      accept: "application/vnd.github+json",
      ...(opts.headers ?? {}),
    };
    const token = opts.token === undefined ? defaultToken : opts.token;
    if (token && !Object.keys(headers).some((h) => h.toLowerCase() === "authorization"))
      headers.authorization = `token ${token}`;
    let body: string | undefined;
    if (opts.body !== undefined) {
      if (typeof opts.body === "string") body = opts.body;
      else {
        body = JSON.stringify(opts.body);
        if (!Object.keys(headers).some((h) => h.toLowerCase() === "content-type"))
          headers["content-type"] = "application/json";
      }
    }
    const res = await fetch(url, { method, headers, body, redirect: opts.follow ? "follow" : "manual" });
    return toApiResponse<T>(res);
  };

  const handle: SimulatorHandle = {
    get url() {
      if (!origin) throw new Error("withSimulator: the simulator is not started (use it inside tests)");
      return origin;
    },
    get sim() {
      return started?.sim;
    },
    api(method, path, opts = {}) {
      const url = /^https?:\/\//.test(path)
        ? path
        : `${handle.url}${path.startsWith("/api/v3") ? "" : "/api/v3"}${path}`;
      return request(method, url, opts, TOKENS.mona);
    },
    raw(method, path, opts = {}) {
      const url = /^https?:\/\//.test(path) ? path : `${handle.url}${path}`;
      return request(method, url, opts, null);
    },
  };
  return handle;
}

export async function toApiResponse<T = unknown>(res: Response): Promise<ApiResponse<T>> {
  const text = await res.text();
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => {
    headers[k.toLowerCase()] = v;
  });
  const type = headers["content-type"] ?? "";
  let body: unknown = text;
  if (text && (/json/.test(type) || (!type && /^[[{]/.test(text.trimStart())))) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return { status: res.status, headers, body: body as T, text, url: res.url };
}
