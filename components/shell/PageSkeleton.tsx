import { Skeleton, SkeletonText } from "@/components/ui/Skeleton";

/**
 * A page-shaped loading skeleton for a segment's `loading.tsx`.
 *
 * Deliberately not used as the root `app/loading.tsx`: a Suspense boundary there makes every
 * document stream, so `requireUser()`'s redirect to /login becomes a client-side redirect with a
 * 200, and the prefetched content arrives in a hidden block that needs JavaScript to be swapped in
 * (a shared link would not show its data without JS). Use it in deeper segments where a page
 * waits on something slow and that trade-off is acceptable.
 */
export function PageSkeleton({ label = "Loading…" }: { label?: string }) {
  return (
    <div role="status" aria-live="polite" className="space-y-6">
      <span className="sr-only">{label}</span>
      <Skeleton className="h-8 w-64" />
      <div className="grid gap-4 md:grid-cols-2">
        <div className="rounded-lg border border-gray-200 p-4 dark:border-gray-700">
          <SkeletonText lines={5} />
        </div>
        <div className="rounded-lg border border-gray-200 p-4 dark:border-gray-700">
          <SkeletonText lines={5} />
        </div>
      </div>
    </div>
  );
}
