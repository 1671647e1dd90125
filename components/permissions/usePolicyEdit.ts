"use client";

import { useState } from "react";
import type { Step, StepReport } from "@/lib/permissions/steps";

/**
 * The edit state of a policy form. Edits are kept apart from the server's policy: untouched, the form
 * follows the server; once edited, `changedUnderneath` says whether the server moved since.
 */
export function usePolicyEdit<Server, Draft>(
  server: Server,
  fromServer: (server: Server) => Draft,
  onSave: (steps: Step[]) => Promise<StepReport>,
) {
  const baseJson = JSON.stringify(server);
  const [edit, setEdit] = useState<{ draft: Draft; base: string } | null>(null);
  const [attempted, setAttempted] = useState(false);
  const [pending, setPending] = useState(false);
  const discard = () => {
    setEdit(null);
    setAttempted(false);
  };
  return {
    draft: edit?.draft ?? fromServer(server),
    edited: edit !== null,
    changedUnderneath: edit !== null && edit.base !== baseJson,
    update: (next: Draft) => setEdit({ draft: next, base: edit?.base ?? baseJson }),
    attempted,
    /** Marks a save attempt, so problems are shown from now on. */
    attempt: () => setAttempted(true),
    pending,
    discard,
    /** Runs the steps; a fully successful save returns the form to the server's policy. */
    save: async (steps: Step[], after?: () => void) => {
      setPending(true);
      try {
        const report = await onSave(steps);
        after?.();
        if (!report.failed) discard();
      } finally {
        setPending(false);
      }
    },
  };
}
