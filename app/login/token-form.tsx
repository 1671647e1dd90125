"use client";

import { useId, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { safeReturnTo } from "@/lib/auth/return-to";
import { describeScopes, SCOPE_INFO } from "@/lib/auth/scopes";
import { parseErrorBody } from "@/lib/client/api-error";
import { Alert } from "@/components/ui/Alert";
import { Button, buttonClasses } from "@/components/ui/Button";

interface SignedIn {
  user: { login: string; name: string | null };
  scopes: string[];
  returnTo: string;
}

type State =
  | { kind: "idle" }
  | { kind: "pending" }
  | { kind: "error"; title: string; message: string }
  | { kind: "done"; result: SignedIn };

function tokenErrorTitle(status: number): string {
  if (status === 401) return "GitHub rejected this token";
  if (status === 403) return "This request was refused";
  if (status === 422 || status === 400 || status === 415) return "That doesn't look like a token";
  if (status === 429) return "Rate limited";
  return "Could not check the token";
}

/**
 * Paste a token → POST /api/auth/token (JSON, same origin) → show what its scopes allow here →
 * Continue. The token is sent once and never stored in the browser.
 */
export function TokenForm({ returnTo }: { returnTo: string }) {
  const [state, setState] = useState<State>({ kind: "idle" });
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const helpId = useId();
  const queryClient = useQueryClient();
  const router = useRouter();

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = inputRef.current;
    const token = input?.value.trim() ?? "";
    if (!token) {
      setState({
        kind: "error",
        title: "Paste a token",
        message: "Paste a personal access token (it starts with ghp_ or github_pat_).",
      });
      input?.focus();
      return;
    }
    setState({ kind: "pending" });
    try {
      const response = await fetch("/api/auth/token", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        credentials: "same-origin",
        body: JSON.stringify({ token, returnTo }),
      });
      const data: unknown = await response.json().catch(() => undefined);
      if (!response.ok) {
        const body = parseErrorBody(data, response.status);
        setState({
          kind: "error",
          title: tokenErrorTitle(response.status),
          message: body?.error.message ?? `The dashboard answered ${response.status}.`,
        });
        return;
      }
      if (input) input.value = "";
      queryClient.clear();
      setState({ kind: "done", result: data as SignedIn });
      // Re-render the server parts (the header shows the new user).
      router.refresh();
    } catch {
      setState({
        kind: "error",
        title: "Could not reach the dashboard",
        message: "Check your connection and try again. Nothing was saved.",
      });
    }
  }

  if (state.kind === "done") return <TokenResult result={state.result} />;

  return (
    <form onSubmit={(e) => void submit(e)} className="space-y-3" noValidate>
      <p id={helpId} className="text-sm text-gray-700 dark:text-gray-300">
        A classic token with <code className="font-mono">repo</code> and{" "}
        <code className="font-mono">admin:org</code> unlocks everything here; fewer scopes work for less. The
        token stays on the dashboard server, in your encrypted session.
      </p>
      <div>
        <label htmlFor={inputId} className="mb-1 block text-sm font-medium">
          Personal access token
        </label>
        <input
          ref={inputRef}
          id={inputId}
          name="token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          aria-describedby={helpId}
          aria-invalid={state.kind === "error" || undefined}
          className="w-full rounded-md border border-gray-300 bg-white px-3 py-1.5 font-mono text-sm text-gray-900 dark:border-gray-600 dark:bg-gray-950 dark:text-gray-100"
        />
      </div>
      {state.kind === "error" ? (
        <Alert tone="danger" title={state.title} level={3} role="alert">
          <p>{state.message}</p>
        </Alert>
      ) : null}
      <Button type="submit" variant="secondary" disabled={state.kind === "pending"}>
        {state.kind === "pending" ? "Checking token…" : "Sign in with token"}
      </Button>
    </form>
  );
}

function TokenResult({ result }: { result: SignedIn }) {
  const checks = describeScopes(result.scopes);
  const allowed = checks.filter((c) => c.allowed);
  const denied = checks.filter((c) => !c.allowed);
  return (
    <div className="space-y-4" data-testid="token-result">
      <Alert tone="success" title={`Signed in as ${result.user.login}`} level={3} role="status">
        <p>
          Token scopes:{" "}
          {result.scopes.length ? (
            result.scopes.map((s, i) => (
              <span key={s}>
                {i > 0 ? ", " : ""}
                <code className="font-mono" title={SCOPE_INFO[s]?.title}>
                  {s}
                </code>
              </span>
            ))
          ) : (
            <>none (a fine-grained token, or a classic token without scopes)</>
          )}
          .
        </p>
      </Alert>
      <div>
        <h3 className="mb-1 text-sm font-semibold">What this token allows here</h3>
        {allowed.length ? (
          <ul className="list-disc space-y-1 pl-5 text-sm">
            {allowed.map((c) => (
              <li key={c.id}>
                {c.label}
                {c.role ? (
                  <span className="text-gray-700 dark:text-gray-300"> (also needs: {c.role})</span>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm">Nothing beyond public information.</p>
        )}
      </div>
      {denied.length ? (
        <div>
          <h3 className="mb-1 text-sm font-semibold">What it does not allow</h3>
          <ul className="list-disc space-y-1 pl-5 text-sm">
            {denied.map((c) => (
              <li key={c.id}>
                {c.label} — needs {c.anyOf.map((s) => `“${s}”`).join(" or ")}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <a href={safeReturnTo(result.returnTo)} className={buttonClasses("primary")}>
        Continue
      </a>
    </div>
  );
}
