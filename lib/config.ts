import "server-only";
import { z } from "zod";

/**
 * Server configuration, read from the environment and validated once (on first use).
 * Nothing here is ever sent to the browser.
 */

const httpUrl = (name: string, example: string) =>
  z
    .string({ error: `${name} is not set. Set it to a URL such as ${example}.` })
    .trim()
    .min(1, { error: `${name} is empty. Set it to a URL such as ${example}.` })
    .refine(
      (v) => {
        try {
          const u = new URL(v);
          return (
            (u.protocol === "https:" || u.protocol === "http:") &&
            !u.username &&
            !u.password &&
            !u.search &&
            !u.hash
          );
        } catch {
          return false;
        }
      },
      { error: `${name} must be an http(s) URL without credentials, query or fragment, such as ${example}.` },
    )
    .transform((v) => v.replace(/\/+$/, ""));

const schema = z.object({
  GITHUB_API_URL: httpUrl("GITHUB_API_URL", "https://ghes.example.com/api/v3"),
  GITHUB_WEB_URL: httpUrl("GITHUB_WEB_URL", "https://ghes.example.com"),
  GITHUB_CLIENT_ID: z
    .string({
      error:
        "GITHUB_CLIENT_ID is not set. Copy the Client ID of your OAuth app (Settings → Developer settings → OAuth Apps).",
    })
    .trim()
    .min(1, { error: "GITHUB_CLIENT_ID is empty. Copy the Client ID of your OAuth app." })
    .regex(/^[\x21-\x7e]+$/, { error: "GITHUB_CLIENT_ID contains spaces or control characters." }),
  GITHUB_CLIENT_SECRET: z
    .string({
      error: "GITHUB_CLIENT_SECRET is not set. Generate a client secret for your OAuth app and set it here.",
    })
    .trim()
    .min(1, { error: "GITHUB_CLIENT_SECRET is empty. Generate a client secret for your OAuth app." }),
  SESSION_SECRET: z
    .string({ error: "SESSION_SECRET is not set. Generate one with: openssl rand -base64 32" })
    .min(32, {
      error: "SESSION_SECRET must be at least 32 characters long. Generate one with: openssl rand -base64 32",
    }),
  APP_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine(
      (v) => {
        if (v === undefined) return true;
        try {
          const u = new URL(v);
          return (
            (u.protocol === "https:" || u.protocol === "http:") && (u.pathname === "/" || u.pathname === "")
          );
        } catch {
          return false;
        }
      },
      {
        error:
          "APP_URL must be the public origin of this dashboard, such as https://actions.example.com (no path).",
      },
    )
    .transform((v) => (v === undefined ? undefined : new URL(v).origin)),
  NODE_ENV: z.string().optional(),
});

export interface AppConfig {
  /** GitHub REST API base, no trailing slash, e.g. https://ghes.example.com/api/v3 */
  apiUrl: string;
  /** Origin of apiUrl (redirects for logs/artifacts may only go there). */
  apiOrigin: string;
  /** GitHub web base, no trailing slash, e.g. https://ghes.example.com */
  webUrl: string;
  clientId: string;
  clientSecret: string;
  sessionSecret: string;
  /** Public origin of the dashboard, when configured. Otherwise taken from the request. */
  appUrl: string | undefined;
  production: boolean;
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
    this.problems = problems;
  }
}

type Checked = { ok: true; config: AppConfig } | { ok: false; problems: string[] };

let cached: Checked | undefined;
let logged = false;

function check(env: NodeJS.ProcessEnv): Checked {
  const parsed = schema.safeParse({
    GITHUB_API_URL: env.GITHUB_API_URL,
    GITHUB_WEB_URL: env.GITHUB_WEB_URL,
    GITHUB_CLIENT_ID: env.GITHUB_CLIENT_ID,
    GITHUB_CLIENT_SECRET: env.GITHUB_CLIENT_SECRET,
    SESSION_SECRET: env.SESSION_SECRET,
    APP_URL: env.APP_URL,
    NODE_ENV: env.NODE_ENV,
  });
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => i.message) };
  }
  const d = parsed.data;
  return {
    ok: true,
    config: {
      apiUrl: d.GITHUB_API_URL,
      apiOrigin: new URL(d.GITHUB_API_URL).origin,
      webUrl: d.GITHUB_WEB_URL,
      clientId: d.GITHUB_CLIENT_ID,
      clientSecret: d.GITHUB_CLIENT_SECRET,
      sessionSecret: d.SESSION_SECRET,
      appUrl: d.APP_URL,
      production: d.NODE_ENV === "production",
    },
  };
}

/** Validation result without throwing (for the health endpoint). Never contains secret values. */
export function checkConfig(): { ok: true } | { ok: false; problems: string[] } {
  cached ??= check(process.env);
  return cached.ok ? { ok: true } : { ok: false, problems: cached.problems };
}

/** The validated configuration. Throws ConfigError (listing every mistake) when invalid. */
export function getConfig(): AppConfig {
  cached ??= check(process.env);
  if (!cached.ok) {
    const err = new ConfigError(cached.problems);
    if (!logged) {
      logged = true;
      console.error(err.message);
    }
    throw err;
  }
  return cached.config;
}

/** For tests: forget the cached configuration so the next call re-reads process.env. */
export function resetConfigForTests(): void {
  cached = undefined;
  logged = false;
}
