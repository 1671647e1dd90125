/**
 * The QueryClient factory, per the TanStack `nextjs-app-prefetching` example: one client per
 * server request, one for the browser's lifetime.
 */
import { QueryClient, defaultShouldDehydrateQuery, isServer } from "@tanstack/react-query";
import { isApiError } from "@/lib/client/api-error";

/**
 * Don't retry what won't change by retrying (auth, permission, not found, validation, rate limit),
 * nor what the proxy already retried (its 5xx answers: lib/faults/policy retries GitHub's 5xx,
 * resets and cut-off answers up to 3 times; retrying here too would multiply GitHub's load and the
 * user's wait). Only "the dashboard could not be reached" (status 0) is worth another try here.
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isApiError(error) && error.status !== 0) return false;
  return failureCount < 2;
}

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // With SSR, a staleTime above 0 keeps the browser from refetching what the server just sent.
        staleTime: 60_000,
        retry: shouldRetry,
        refetchOnWindowFocus: true,
        refetchIntervalInBackground: false,
      },
      mutations: { retry: false },
      dehydrate: {
        // Also send pending queries, so a prefetch that was started but not awaited streams in.
        shouldDehydrateQuery: (query) =>
          defaultShouldDehydrateQuery(query) || query.state.status === "pending",
      },
    },
  });
}

let browserQueryClient: QueryClient | undefined;

export function getQueryClient(): QueryClient {
  if (isServer) return makeQueryClient();
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}
