/**
 * Vitest helpers for the security suites: an in-process simulator (a real HTTP server on 127.0.0.1),
 * the dashboard's environment pointed at it, and a session cookie of mona signed in through the
 * token route, as the browser would be.
 */
import type { StartedSimulator } from "../../simulator/server";

export const APP = "http://app.test";
export const MONA = "ghp_monaDemoToken000000000000000000000000";
export const HUBOT = "ghp_hubotDemoToken00000000000000000000000";
export const SESSION_SECRET = "security-suite-session-secret-0123456789abcdef";

/** Headers the proxy may send upstream (the rest of what undici's fetch adds on its own is listed too). */
export const UPSTREAM_HEADERS = new Set([
  "host",
  "authorization",
  "user-agent",
  "accept",
  "if-none-match",
  "content-type",
  "content-length",
  "connection",
  "accept-encoding",
  "accept-language",
  "sec-fetch-mode",
  // fetch's `cache: "no-store"`
  "cache-control",
  "pragma",
]);

/** Headers the proxy may answer with. */
export const RESPONSE_HEADERS = new Set([
  "cache-control",
  "x-content-type-options",
  "etag",
  "link",
  "x-ratelimit-limit",
  "x-ratelimit-remaining",
  "x-ratelimit-used",
  "x-ratelimit-reset",
  "x-ratelimit-resource",
  "retry-after",
  "content-type",
  "content-disposition",
  "content-length",
]);

export interface SecurityEnv {
  started: StartedSimulator;
  simHost: string;
  cookie: string;
  close(): Promise<void>;
}

/** Starts the simulator, configures the dashboard (APP_URL = opts.appUrl or APP), signs mona in. */
export async function startSecurityEnv(opts: { appUrl?: string } = {}): Promise<SecurityEnv> {
  const { startSimulator } = await import("../../simulator/server");
  const started = await startSimulator({ port: 0, control: true, engine: false, rateLimit: 10_000_000 });
  const app = opts.appUrl ?? APP;
  configure(started.url, app);
  (await import("@/lib/config")).resetConfigForTests();
  const cookie = await signIn(MONA, app);
  return {
    started,
    simHost: new URL(started.url).host,
    cookie,
    close: () => started.close(),
  };
}

/** Signs `token` in through the token route, as the browser does; the session cookie (`ac_session=…`). */
export async function signIn(token: string, app = APP): Promise<string> {
  const route = await import("@/app/api/auth/token/route");
  const res = await route.POST(
    new Request(`${app}/api/auth/token`, {
      method: "POST",
      headers: { origin: app, "content-type": "application/json" },
      body: JSON.stringify({ token }),
    }),
  );
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return res.headers.getSetCookie()[0]!.split(";")[0]!;
}

export function configure(simUrl: string, appUrl: string | null): void {
  process.env.GITHUB_API_URL = `${simUrl}/api/v3`;
  process.env.GITHUB_WEB_URL = simUrl;
  process.env.GITHUB_CLIENT_ID = "Iv1.simdemo0000000001";
  process.env.GITHUB_CLIENT_SECRET = "simdemo-secret-0000000000000000000000000";
  process.env.SESSION_SECRET = SESSION_SECRET;
  if (appUrl) process.env.APP_URL = appUrl;
  else delete process.env.APP_URL;
}

/** Next.js-like route params for a raw path after /api/github (decoded segments). */
export function nextParams(rawPath: string): { params: Promise<{ path: string[] }> } {
  const p = rawPath.split("?")[0]!.split("#")[0]!;
  const segs = p
    .replace(/^\/+/, "")
    .split("/")
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  return { params: Promise.resolve({ path: segs }) };
}
