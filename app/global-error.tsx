"use client";

import { useEffect } from "react";
import "./globals.css";

/** Replaces the root layout when it fails (e.g. invalid configuration). Renders its own document. */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest =
    error instanceof Error && "digest" in error && typeof error.digest === "string"
      ? error.digest
      : undefined;
  return (
    <html lang="en">
      <body className="min-h-screen bg-white text-gray-900 dark:bg-gray-950 dark:text-gray-100">
        <title>Error · Actions Console</title>
        <main className="mx-auto max-w-2xl space-y-4 px-4 py-12">
          <h1 className="text-2xl font-semibold">Actions Console could not start this page</h1>
          <p>
            The dashboard itself failed, before any GitHub request was made, so nothing was changed. If this
            persists, an administrator should check the server log{digest ? ` for reference ${digest}` : ""}:
            a configuration problem (GITHUB_API_URL, GITHUB_WEB_URL, the OAuth app, SESSION_SECRET) is
            reported there with what to fix.
          </p>
          <button
            type="button"
            onClick={() => retry()}
            className="rounded-md border border-gray-300 bg-gray-50 px-3.5 py-1.5 text-sm font-medium hover:bg-gray-100 dark:border-gray-600 dark:bg-gray-800 dark:hover:bg-gray-700"
          >
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
