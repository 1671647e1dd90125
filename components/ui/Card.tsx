import type { ReactNode } from "react";
import { cn } from "./cn";

export interface CardProps {
  /** Rendered as an h2 (pages own the single h1). */
  title?: ReactNode;
  /** Id for the heading, so the section is labelled by it. */
  titleId?: string;
  actions?: ReactNode;
  className?: string;
  bodyClassName?: string;
  children: ReactNode;
}

export function Card({ title, titleId, actions, className, bodyClassName, children }: CardProps) {
  const Tag = title ? "section" : "div";
  return (
    <Tag
      aria-labelledby={title && titleId ? titleId : undefined}
      className={cn(
        "rounded-lg border border-gray-200 bg-white dark:border-gray-700 dark:bg-gray-900",
        className,
      )}
    >
      {title || actions ? (
        <div className="flex flex-wrap items-center justify-between gap-2 border-b border-gray-200 px-4 py-3 dark:border-gray-700">
          {title ? (
            <h2 id={titleId} className="text-base font-semibold text-gray-900 dark:text-gray-100">
              {title}
            </h2>
          ) : (
            <span />
          )}
          {actions ? <div className="flex items-center gap-2">{actions}</div> : null}
        </div>
      ) : null}
      <div className={cn("p-4", bodyClassName)}>{children}</div>
    </Tag>
  );
}
