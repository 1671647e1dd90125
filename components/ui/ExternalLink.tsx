import type { AnchorHTMLAttributes } from "react";
import { cn } from "./cn";

export interface ExternalLinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "target" | "rel"> {
  href: string;
  /** Open in a new tab (default), and say so to screen readers. */
  newTab?: boolean;
}

export function ExternalLink({ href, newTab = true, className, children, ...rest }: ExternalLinkProps) {
  return (
    <a
      href={href}
      target={newTab ? "_blank" : undefined}
      rel="noreferrer noopener"
      className={cn(
        "inline-flex items-center gap-1 text-blue-700 underline-offset-2 hover:underline dark:text-blue-400",
        className,
      )}
      {...rest}
    >
      {children}
      <svg
        aria-hidden="true"
        viewBox="0 0 16 16"
        width="12"
        height="12"
        fill="currentColor"
        className="shrink-0"
      >
        <path d="M3.75 2h3.5a.75.75 0 0 1 0 1.5h-3.5a.25.25 0 0 0-.25.25v8.5c0 .138.112.25.25.25h8.5a.25.25 0 0 0 .25-.25v-3.5a.75.75 0 0 1 1.5 0v3.5A1.75 1.75 0 0 1 12.25 14h-8.5A1.75 1.75 0 0 1 2 12.25v-8.5C2 2.784 2.784 2 3.75 2Zm6.854-1h4.146a.25.25 0 0 1 .25.25v4.146a.25.25 0 0 1-.427.177L13.03 4.03 9.28 7.78a.751.751 0 0 1-1.042-.018.751.751 0 0 1-.018-1.042l3.75-3.75-1.543-1.543A.25.25 0 0 1 10.604 1Z" />
      </svg>
      {newTab ? <span className="sr-only"> (opens in a new tab)</span> : null}
    </a>
  );
}
