"use client";

import { useId, useState, type ReactNode } from "react";
import { Button } from "./Button";
import { Dialog } from "./Dialog";

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  /** What will happen, in plain words (name the thing being deleted). */
  children: ReactNode;
  confirmLabel: string;
  /** When set, the user must type this exact text to confirm (e.g. a secret's or runner's name). */
  typeToConfirm?: string;
  danger?: boolean;
  pending?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const { open, title, children, confirmLabel, typeToConfirm, danger = true, pending, onConfirm, onCancel } = props;
  const [typed, setTyped] = useState("");
  const inputId = useId();
  const ready = typeToConfirm === undefined || typed === typeToConfirm;
  const close = () => {
    setTyped("");
    onCancel();
  };
  return (
    <Dialog open={open} onClose={close} title={title}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (ready && !pending) onConfirm();
        }}
        className="space-y-4"
      >
        <div className="text-sm">{children}</div>
        {typeToConfirm !== undefined ? (
          <div>
            <label htmlFor={inputId} className="mb-1 block text-sm">
              Type <code className="rounded bg-black/5 px-1 font-mono dark:bg-white/10">{typeToConfirm}</code> to confirm
            </label>
            <input
              id={inputId}
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              className="w-full rounded-md border border-gray-300 bg-white px-3 py-1.5 font-mono text-sm dark:border-gray-600 dark:bg-gray-950"
            />
          </div>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant={danger ? "danger" : "primary"} disabled={!ready || pending}>
            {pending ? "Working…" : confirmLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
