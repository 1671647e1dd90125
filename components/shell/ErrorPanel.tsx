"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { SCOPE_INFO } from "@/lib/auth/scopes";
import {
  ApiError,
  deserializeApiError,
  rateLimitResetDate,
  toApiError,
  type SerializedApiError,
} from "@/lib/client/api-error";
import { writeOutcome } from "@/lib/client/write-failure";
import { loginHref } from "@/lib/client/return-to";
import { Alert } from "@/components/ui/Alert";
import { Button, buttonClasses } from "@/components/ui/Button";
import { ExternalLink } from "@/components/ui/ExternalLink";

export type ErrorKind =
  | "unauthenticated"
  | "forbidden-scope"
  | "forbidden-role"
  | "not-found"
  | "rate-limited"
  | "server"
  | "network"
  | "other";

/** Which explanation fits an error (pure; unit-tested). */
export function errorKind(error: ApiError): ErrorKind {
  const e = error.body.error;
  if (e.rate_limit_reset !== undefined || error.status === 429) return "rate-limited";
  if (error.status === 401) return "unauthenticated";
  if (error.status === 403) return e.missing_scopes?.length ? "forbidden-scope" : "forbidden-role";
  if (error.status === 404) return "not-found";
  if (error.status === 0) return "network";
  if (error.status >= 500) return "server";
  return "other";
}

const TITLES: Record<ErrorKind, string> = {
  unauthenticated: "Sign in again",
  "forbidden-scope": "Your token is missing a scope",
  "forbidden-role": "You don't have access to this",
  "not-found": "Not found",
  "rate-limited": "Rate limit reached",
  server: "GitHub had a problem",
  network: "Could not reach the server",
  other: "Something went wrong",
};

/** "14:05:09 UTC" for a Date (the same on server and browser, so no hydration mismatch). */
export function formatUtcTime(date: Date): string {
  return `${date.toISOString().slice(11, 19)} UTC`;
}

/** "in 3 minutes", "in 45 seconds", "now" (relative to `now`). */
export function formatRelative(date: Date, now: number = Date.now()): string {
  const seconds = Math.round((date.getTime() - now) / 1000);
  if (seconds <= 0) return "now";
  if (seconds < 60) return `in ${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `in ${minutes} minute${minutes === 1 ? "" : "s"}`;
  const hours = Math.round(minutes / 60);
  return `in ${hours} hour${hours === 1 ? "" : "s"}`;
}

function isSerialized(value: unknown): value is SerializedApiError {
  return typeof value === "object" && value !== null && "body" in value && !(value instanceof Error);
}

export interface ErrorPanelProps {
  /** An ApiError (client), its serialised form (from a server component), or anything thrown. */
  error: unknown;
  /** What was being loaded or done, e.g. "the organization's Actions permissions". */
  what?: string;
  /** Where to come back to after signing in; defaults to the current page. */
  returnTo?: string;
  /** Offer a "Try again" button (client usage only); without it, failed reads offer "Reload". */
  onRetry?: () => void;
  level?: 2 | 3;
  className?: string;
}

export function ErrorPanel({ error, what, returnTo, onRetry, level = 2, className }: ErrorPanelProps) {
  const pathname = usePathname();
  // The query string is read after hydration (useSearchParams would force a Suspense boundary).
  const [search, setSearch] = useState("");
  useEffect(() => setSearch(window.location.search), [pathname]);
  const apiError = isSerialized(error) ? deserializeApiError(error) : toApiError(error);
  const info = apiError.body.error;
  const kind = errorKind(apiError);
  const here = returnTo ?? `${pathname}${search}`;
  const tone =
    kind === "rate-limited" || kind === "forbidden-role" || kind === "forbidden-scope" ? "warning" : "danger";
  const reset = rateLimitResetDate(info.rate_limit_reset);
  const isWrite = apiError.method !== undefined && !["GET", "HEAD"].includes(apiError.method);
  const outcome = isWrite ? writeOutcome(info) : info.write_outcome;

  return (
    <Alert tone={tone} level={level} title={TITLES[kind]} role="alert" className={className}>
      {what ? (
        <p>
          Could not load {what}
          {info.status ? ` (HTTP ${info.status})` : ""}.
        </p>
      ) : null}
      <p>{info.message}</p>

      {kind === "forbidden-scope" && info.missing_scopes ? (
        <div>
          <p>
            This needs {info.missing_scopes.length === 1 ? "the scope" : "one of the scopes"}{" "}
            {info.missing_scopes.map((s, i) => (
              <span key={s}>
                {i > 0 ? " or " : ""}
                <code className="rounded bg-black/5 px-1 font-mono dark:bg-white/10">{s}</code>
              </span>
            ))}
            {info.missing_scopes.length === 1 && SCOPE_INFO[info.missing_scopes[0]!]
              ? ` (${SCOPE_INFO[info.missing_scopes[0]!]!.title.toLowerCase()})`
              : ""}
            .
          </p>
          {info.accepted_scopes && info.accepted_scopes.join() !== info.missing_scopes.join() ? (
            <p>Accepted scopes: {info.accepted_scopes.join(", ")}.</p>
          ) : null}
          <p>
            <Link href={loginHref(here)} className="font-medium underline">
              Sign in again with a token that has it
            </Link>
          </p>
        </div>
      ) : null}

      {kind === "unauthenticated" ? (
        <p>
          <Link href={loginHref(here, "expired")} className={buttonClasses("primary", "sm")}>
            Sign in again
          </Link>
        </p>
      ) : null}

      {kind === "rate-limited" ? (
        reset ? (
          <p>
            The limit resets at <time dateTime={reset.toISOString()}>{formatUtcTime(reset)}</time>{" "}
            <span suppressHydrationWarning>({formatRelative(reset)})</span>. Wait until then before trying
            again; pages that are already open keep their data.
          </p>
        ) : (
          <p>Wait a minute and try again.</p>
        )
      ) : null}

      {kind === "not-found" ? (
        <p>
          Check the name in the address, or{" "}
          <Link href="/" className="font-medium underline">
            go to the list of your organizations and repositories
          </Link>
          .
        </p>
      ) : null}

      {/* the message never says whether a write happened (lib/github/errors): it is said here, once */}
      {kind === "server" || kind === "network" || kind === "other" || outcome !== undefined ? (
        <p>
          {outcome === "unknown"
            ? "The change may or may not have been applied. Reload the page to check before trying again."
            : "Nothing was changed."}
        </p>
      ) : null}

      {info.documentation_url ? (
        <p>
          <ExternalLink href={info.documentation_url}>GitHub documentation</ExternalLink>
        </p>
      ) : null}

      {onRetry && kind !== "unauthenticated" && kind !== "not-found" ? (
        <p>
          <Button size="sm" onClick={onRetry}>
            Try again
          </Button>
        </p>
      ) : !onRetry && (kind === "server" || kind === "network" || kind === "other") ? (
        <p>
          {/* Rendered from a server component (no retry callback): reloading repeats the read. */}
          <Button size="sm" onClick={() => window.location.reload()}>
            Reload
          </Button>
        </p>
      ) : null}
    </Alert>
  );
}
