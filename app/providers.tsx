"use client";

import { QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { getQueryClient } from "@/lib/queries/query-client";

/**
 * TanStack Query for the whole app (the `nextjs-app-prefetching` pattern): one QueryClient for the
 * browser's lifetime, a fresh one per server render. Pages prefetch on the server and wrap their
 * client parts in <HydrationBoundary state={dehydrate(queryClient)}>.
 */
export function Providers({ children }: { children: ReactNode }) {
  // Not useState: if React suspends during the first render it would throw the client away.
  const queryClient = getQueryClient();
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
