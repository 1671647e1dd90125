import type { ReactNode } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";

/** One choice of a policy radio group: its label, and below it what the choice means. */
export function PolicyRadio({
  name,
  checked,
  disabled,
  muted,
  onSelect,
  label,
  help,
  aside,
}: {
  name: string;
  checked: boolean;
  disabled?: boolean;
  /** Shown greyed: the choice is not available here. */
  muted?: boolean;
  onSelect: () => void;
  label: ReactNode;
  help?: ReactNode;
  /** Beside the label, e.g. why the choice is not available. */
  aside?: ReactNode;
}) {
  return (
    <label className="flex items-start gap-2 text-sm">
      <input type="radio" name={name} className="mt-0.5" checked={checked} disabled={disabled} onChange={onSelect} />
      <span>
        <span className={muted ? "font-medium text-gray-600 dark:text-gray-400" : "font-medium"}>{label}</span>
        {aside ? <span className="ml-2">{aside}</span> : null}
        {help ? <span className="block text-gray-700 dark:text-gray-300">{help}</span> : null}
      </span>
    </label>
  );
}

/** GitHub omits `allowed_actions` while Actions is disabled: the form then has no current value to show. */
export function UnreportedAllowedNote() {
  return (
    <p className="text-sm text-gray-700 dark:text-gray-300">
      While Actions is disabled the server does not report this setting: choose one.
    </p>
  );
}

/** "What saving does": the specific consequences first, then the shared ones and the requests it will make. */
export function ChangeImpact({
  tightening,
  steps,
  children,
}: {
  tightening: boolean;
  steps: readonly { label: string }[];
  children?: ReactNode;
}) {
  return (
    <div className="rounded-md border border-gray-200 p-3 text-sm dark:border-gray-700" data-testid="change-impact">
      <p className="font-semibold">What saving does</p>
      <ul className="mt-1 list-disc space-y-1 pl-5">
        {children}
        {tightening ? <li>Workflows using actions the new policy does not allow will fail to start.</li> : null}
        {steps.map((s) => (
          <li key={s.label}>{s.label}.</li>
        ))}
      </ul>
    </div>
  );
}

/** After a save attempt: why nothing was sent, or that there was nothing to send. */
export function SaveFeedback({
  attempted,
  problems,
  changed,
}: {
  attempted: boolean;
  problems: readonly string[];
  changed: boolean;
}) {
  if (!attempted) return null;
  if (problems.length) {
    return (
      <Alert tone="danger" title="Nothing was saved" level={3} role="alert">
        <ul className="list-disc pl-5">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      </Alert>
    );
  }
  if (!changed) {
    return (
      <p className="text-sm text-gray-700 dark:text-gray-300" role="status">
        Nothing to save: the form matches the policy in force.
      </p>
    );
  }
  return null;
}

export function SaveButtons({
  pending,
  canDiscard,
  onDiscard,
}: {
  pending: boolean;
  canDiscard: boolean;
  onDiscard: () => void;
}) {
  return (
    <div className="flex flex-wrap gap-2">
      <Button type="submit" variant="primary" disabled={pending}>
        {pending ? "Saving…" : "Save"}
      </Button>
      <Button disabled={!canDiscard || pending} onClick={onDiscard}>
        Discard changes
      </Button>
    </div>
  );
}
