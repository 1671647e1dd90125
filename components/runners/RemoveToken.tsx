"use client";

import { useEffect, useState } from "react";
import { browserGitHub } from "@/lib/client/octokit";
import { scopedRequest } from "@/lib/queries/runners";
import { countdown, removeCommand } from "@/lib/runners/commands";
import type { RunnerScope } from "@/lib/runners/scope";
import { writeErrorText } from "@/lib/runners/write-error";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { CodeLine } from "./CodeLine";
import { AccessReason, useWriteGate } from "./WriteAccess";

export interface RunnerToken {
  token: string;
  expires_at: string;
}

/** Re-renders every second while a token is shown, so the expiry counts down. */
export function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [active]);
  return now;
}

export function TokenExpiry({ token, now }: { token: RunnerToken; now: number }) {
  const left = countdown(token.expires_at, now);
  return (
    <p className="text-sm" data-testid="token-expiry">
      {left === "expired" ? (
        <strong className="text-red-700 dark:text-red-400">This token has expired: create a new one.</strong>
      ) : (
        <>
          Expires in <span className="font-mono">{left}</span> (at {new Date(token.expires_at).toISOString().replace(".000Z", "Z")}).
        </>
      )}
    </p>
  );
}

/** "Remove a runner from its machine": a remove token and the config command that uses it. */
export function RemoveToken({ scope, os }: { scope: RunnerScope; os: string }) {
  const gate = useWriteGate();
  const [token, setToken] = useState<RunnerToken | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const now = useNow(token !== null);
  const osKey = os === "Windows" ? "win" : os === "macOS" ? "osx" : "linux";

  async function create() {
    setPending(true);
    setError(null);
    try {
      setToken(await scopedRequest<RunnerToken>(browserGitHub, scope, "POST", "/actions/runners/remove-token"));
    } catch (e) {
      setError(writeErrorText(e, "create a remove token"));
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-3">
      <p className="text-sm">
        To take the runner off its machine (and out of this list), run the remove command on that machine with a
        fresh remove token.
      </p>
      <Button onClick={() => void create()} disabled={pending} {...gate.control("remove-token")}>
        {pending ? "Creating…" : token ? "Create a new remove token" : "Create remove token"}
      </Button>
      <AccessReason gate={gate} part="remove-token" />
      {error ? <Alert tone="danger" role="alert">{error}</Alert> : null}
      {token ? (
        <div className="space-y-2">
          <TokenExpiry token={token} now={now} />
          <CodeLine label="remove command" command={removeCommand(osKey, token.token)} testId="remove-command" />
        </div>
      ) : null}
    </div>
  );
}
