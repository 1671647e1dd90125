import Link from "next/link";

export interface Crumb {
  label: string;
  /** Omitted for the current page and for crumbs with no page of their own. */
  href?: string | undefined;
}

export function Breadcrumbs({ items, className }: { items: readonly Crumb[]; className?: string }) {
  if (items.length === 0) return null;
  return (
    <nav aria-label="Breadcrumb" className={className}>
      <ol className="flex flex-wrap items-center gap-1 text-sm text-gray-700 dark:text-gray-300">
        {items.map((item, i) => {
          const last = i === items.length - 1;
          return (
            <li key={`${i}-${item.label}`} className="flex items-center gap-1">
              {i > 0 ? (
                <span aria-hidden="true" className="text-gray-500 dark:text-gray-400">
                  /
                </span>
              ) : null}
              {item.href && !last ? (
                <Link href={item.href} className="text-blue-700 hover:underline dark:text-blue-400">
                  {item.label}
                </Link>
              ) : (
                <span
                  aria-current={last ? "page" : undefined}
                  className={last ? "font-semibold text-gray-900 dark:text-gray-100" : undefined}
                >
                  {item.label}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
