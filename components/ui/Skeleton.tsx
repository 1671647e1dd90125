import { cn } from "./cn";

/** A placeholder block; hidden from assistive tech (pair it with a labelled status region). */
export function Skeleton({ className }: { className?: string }) {
  return (
    <div aria-hidden="true" className={cn("animate-pulse rounded bg-gray-200 dark:bg-gray-700", className)} />
  );
}

export function SkeletonText({ lines = 3, className }: { lines?: number; className?: string }) {
  return (
    <div aria-hidden="true" className={cn("space-y-2", className)}>
      {Array.from({ length: lines }, (_, i) => (
        <Skeleton key={i} className={cn("h-4", i === lines - 1 ? "w-2/3" : "w-full")} />
      ))}
    </div>
  );
}

/** A status region announcing that content is loading, with skeleton rows inside. */
export function LoadingBlock({
  label = "Loading…",
  lines = 4,
  className,
}: {
  label?: string;
  lines?: number;
  className?: string;
}) {
  return (
    <div role="status" aria-live="polite" className={className}>
      <span className="sr-only">{label}</span>
      <SkeletonText lines={lines} />
    </div>
  );
}
