"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { orgHref } from "@/lib/client/switcher";
import { cn } from "@/components/ui/cn";

/** The org's pages, as tabs under the breadcrumbs on every /organizations/{org}/… page. */
export function OrgNav({ org }: { org: string }) {
  const pathname = usePathname();
  const base = orgHref(org);
  const items = [
    { href: base, label: "Overview", exact: true },
    { href: `${base}/actions`, label: "Actions overview", exact: false },
    { href: `${base}/settings/actions/runners`, label: "Runners", exact: false },
    { href: `${base}/settings/actions/runner-groups`, label: "Runner groups", exact: false },
    { href: `${base}/settings/secrets/actions`, label: "Secrets", exact: false },
    { href: `${base}/settings/actions`, label: "Actions permissions", exact: true },
  ];
  const current = (href: string, exact: boolean) =>
    exact ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <nav aria-label={`Organization ${org}`} className="mb-4 border-b border-gray-200 dark:border-gray-700">
      <ul className="-mb-px flex flex-wrap gap-x-1 text-sm">
        {items.map((item) => {
          const active = current(item.href, item.exact);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "inline-block border-b-2 px-3 py-2",
                  active
                    ? "border-orange-500 font-semibold text-gray-900 dark:text-gray-100"
                    : "border-transparent text-gray-700 hover:border-gray-300 hover:text-gray-900 dark:text-gray-300 dark:hover:text-gray-100",
                )}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
