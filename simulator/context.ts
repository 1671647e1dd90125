import type { Context } from "hono";
import type { SeedOptions } from "./store/seed.js";
import type { State, Token, User } from "./store/types.js";

/** Options fixed when a simulator starts; most can be changed later through the control interface. */
export interface SimOptions {
  seed: number;
  /** The seeded world's options beyond the seed number (store/seed.ts `SeedOptions`). */
  seedOptions: SeedOptions;
  /** Simulated seconds per real second for the live engine. */
  clockSpeed: number;
  /** Requests per hour per token (x-ratelimit-limit). */
  rateLimit: number;
  /** Whether /_sim (the control interface) answers. */
  control: boolean;
  /** OAuth apps the simulator knows: client_id → client_secret. */
  oauthApps: Record<string, string>;
  /** Whether the live engine ticks on a timer. Tests can tick by hand instead. */
  engine: boolean;
  /** An extra generated org with many repositories (store/seed-bigorg.ts); off when absent. */
  bigOrg?: { name: string; repos: number } | null;
}

export interface FaultConfig {
  latencyMs: number;
  jitterMs: number;
  /** Route template or "*" → probability (0..1) of an error with one of these statuses. */
  errorRates: { route: string; rate: number; statuses: (500 | 502 | 503 | 504)[] }[];
  /** Secondary rate limit: answer 403 (or 429) for matching routes; retryAfter in seconds or null for none. */
  secondaryLimit: { route: string; status: 403 | 429; retryAfter: number | null } | null;
  /** Connection reset before headers ("before") or after a partial body ("after"). */
  reset: { route: string; when: "before" | "after" } | null;
  truncate: { route: string } | null;
  htmlError: { route: string; status: number } | null;
}

export interface LoggedRequest {
  at: string;
  method: string;
  /** The path as received, with query string. */
  url: string;
  /** The route template matched, e.g. "GET /repos/{owner}/{repo}/actions/runs", or null. */
  route: string | null;
  status: number;
  headers: Record<string, string>;
}

export interface Sim {
  state: State;
  options: SimOptions;
  faults: FaultConfig;
  /** Simulated time. */
  now(): Date;
  /** Every write applied, keyed by "METHOD /route/{template}". */
  writes: Map<string, number>;
  requestLog: LoggedRequest[];
  /** Rate limit use per token per hourly window. */
  rate: Map<string, { used: number; reset: number }>;
  /** HMAC key for short-lived download URLs. */
  signingKey: Buffer;
  /** OAuth codes issued: code → grant. */
  oauthCodes: Map<string, { login: string; clientId: string; scopes: string[]; redirectUri: string | null; expires: number; used: boolean }>;
}

/** What the auth middleware learned about the caller. */
export interface Caller {
  token: Token;
  user: User;
}

export type SimEnv = {
  Variables: {
    sim: Sim;
    caller: Caller | null;
    /** Route template matched (set by routes via `route()`), used by logs, faults and write counters. */
    route: string | null;
  };
};

export type SimContext = Context<SimEnv>;
