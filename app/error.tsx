"use client";

import { useEffect } from "react";
import { ErrorPanel } from "@/components/shell/ErrorPanel";
import { isApiError } from "@/lib/client/api-error";

/**
 * Uncaught errors in a page. ApiErrors thrown in client components keep their status; errors from
 * server components arrive as a generic Error with a digest (details stay in the server log).
 */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest =
    error instanceof Error && "digest" in error && typeof error.digest === "string"
      ? error.digest
      : undefined;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      {isApiError(error) ? (
        <ErrorPanel error={error} onRetry={retry} />
      ) : (
        <ErrorPanel
          error={{
            body: {
              error: {
                status: 500,
                message: `This page failed to render.${digest ? ` Reference: ${digest} (in the server log).` : ""}`,
                documentation_url: null,
              },
            },
          }}
          onRetry={retry}
        />
      )}
    </div>
  );
}
