import type { ReactNode } from "react";
import { cn } from "./cn";

export type AlertTone = "info" | "success" | "warning" | "danger";

const tones: Record<AlertTone, string> = {
  info: "border-blue-300 bg-blue-50 text-blue-950 dark:border-blue-700 dark:bg-blue-950/60 dark:text-blue-100",
  success:
    "border-green-300 bg-green-50 text-green-950 dark:border-green-700 dark:bg-green-950/60 dark:text-green-100",
  warning:
    "border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-700 dark:bg-amber-950/60 dark:text-amber-100",
  danger: "border-red-300 bg-red-50 text-red-950 dark:border-red-700 dark:bg-red-950/60 dark:text-red-100",
};

export interface AlertProps {
  tone?: AlertTone;
  title?: ReactNode;
  /** Heading level of the title (default 2). */
  level?: 2 | 3;
  /** `alert` interrupts screen readers: use it only for errors that just happened. */
  role?: "alert" | "status" | "none";
  className?: string;
  children?: ReactNode;
}

export function Alert({ tone = "info", title, level = 2, role, className, children }: AlertProps) {
  const Heading = level === 2 ? "h2" : "h3";
  const ariaRole = role === "none" ? undefined : (role ?? (tone === "danger" ? "alert" : "status"));
  return (
    <div role={ariaRole} className={cn("rounded-md border px-4 py-3 text-sm", tones[tone], className)}>
      {title ? <Heading className="mb-1 text-sm font-semibold">{title}</Heading> : null}
      {children ? <div className="space-y-2">{children}</div> : null}
    </div>
  );
}
