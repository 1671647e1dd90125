"use client";

/**
 * The server's write gate (lib/runners/access) handed to every control of a runners page, and the
 * reason shown next to a disabled one, so a write the token or role cannot make is never attempted.
 */
import { createContext, useContext, useId, type ReactNode } from "react";
import { ALLOWED, type WriteAccess } from "@/lib/runners/access";
import { Button, ButtonLink } from "@/components/ui/Button";

const AccessContext = createContext<WriteAccess>(ALLOWED);

export function WriteAccessProvider({ access, children }: { access: WriteAccess; children: ReactNode }) {
  return <AccessContext.Provider value={access}>{children}</AccessContext.Provider>;
}

type ControlProps = { disabled?: true; "aria-describedby"?: string; title?: string };

export interface WriteGate {
  allowed: boolean;
  reason: string | undefined;
  /**
   * Props to spread on a control (after its own `disabled`): disabled and described by the reason shown by
   * `<AccessReason gate={gate} part={part} />` when the write is not allowed. `part` keeps ids unique when one
   * component shows the reason next to several groups of controls.
   */
  control: (part: string) => ControlProps;
  reasonId: (part: string) => string;
}

export function useWriteGate(): WriteGate {
  const access = useContext(AccessContext);
  const base = useId();
  const reasonId = (part: string) => `${base}-${part}`;
  if (access.allowed) return { allowed: true, reason: undefined, control: () => ({}), reasonId };
  const reason = access.reason;
  return {
    allowed: false,
    reason,
    control: (part) => ({ disabled: true, "aria-describedby": reasonId(part), title: reason }),
    reasonId,
  };
}

/** The reason next to the controls it disables; nothing when writes are allowed. */
export function AccessReason({ gate, part, className = "" }: { gate: WriteGate; part: string; className?: string }) {
  if (gate.allowed) return null;
  return (
    <p id={gate.reasonId(part)} data-testid="write-access-reason" className={`text-xs text-gray-700 dark:text-gray-300 ${className}`}>
      {gate.reason}
    </p>
  );
}

/** A button-styled link to a write form ("New …"): a disabled button with the reason when writes are not allowed. */
export function GatedButtonLink({ href, children }: { href: string; children: ReactNode }) {
  const gate = useWriteGate();
  if (gate.allowed) {
    return (
      <ButtonLink href={href} variant="primary">
        {children}
      </ButtonLink>
    );
  }
  // A link cannot be disabled: a disabled button stands in for it.
  return (
    <span className="flex flex-col items-end gap-1">
      <Button variant="primary" {...gate.control("link")}>
        {children}
      </Button>
      <AccessReason gate={gate} part="link" />
    </span>
  );
}
