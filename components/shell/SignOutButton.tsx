"use client";

import { useState } from "react";
import { buttonClasses } from "@/components/ui/Button";

/**
 * POSTs to /api/auth/logout (same origin, so the Origin check passes), then loads the sign-in page
 * (a full page load, which also drops every cached query; clearing them first would refetch with
 * the dead session). Without JavaScript the form posts directly.
 */
export function SignOutButton() {
  const [state, setState] = useState<"idle" | "pending" | "failed">("idle");

  async function signOut(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setState("pending");
    try {
      const response = await fetch("/api/auth/logout", {
        method: "POST",
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        redirect: "manual",
      });
      if (
        !response.ok &&
        response.type !== "opaqueredirect" &&
        (response.status < 300 || response.status >= 400)
      ) {
        throw new Error(`HTTP ${response.status}`);
      }
      window.location.assign("/login?signedOut=1");
    } catch {
      setState("failed");
    }
  }

  return (
    <form
      method="post"
      action="/api/auth/logout"
      onSubmit={(e) => void signOut(e)}
      className="flex items-center gap-2"
    >
      <button type="submit" disabled={state === "pending"} className={buttonClasses("secondary", "sm")}>
        {state === "pending" ? "Signing out…" : "Sign out"}
      </button>
      {state === "failed" ? (
        <span role="alert" className="text-xs text-red-700 dark:text-red-400">
          Sign-out failed; try again.
        </span>
      ) : null}
    </form>
  );
}
