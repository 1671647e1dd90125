"use client";

import { usePathname } from "next/navigation";
import { Breadcrumbs } from "@/components/ui/Breadcrumbs";
import { breadcrumbsFor } from "@/lib/client/paths";

/** Breadcrumbs for the current path (the layout's breadcrumbs slot). */
export function ShellBreadcrumbs({ className }: { className?: string }) {
  const pathname = usePathname();
  return <Breadcrumbs items={breadcrumbsFor(pathname)} className={className} />;
}
