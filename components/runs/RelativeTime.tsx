"use client";

import { formatUtc } from "@/lib/client/view";
import { relativeTime } from "@/lib/runs/status";
import { useNow } from "./use-now";

/** "5 minutes ago", with the exact UTC time on hover (and as the element's datetime). */
export function RelativeTime({ date, className }: { date: string | null | undefined; className?: string }) {
  const now = useNow();
  if (!date) return <span className={className}>—</span>;
  const exact = formatUtc(date);
  return (
    <time dateTime={date} title={exact} className={className}>
      {now === null ? exact : relativeTime(date, now)}
    </time>
  );
}
