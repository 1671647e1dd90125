"use client";

import { useState } from "react";
import { describeSecretError } from "@/lib/secrets/bulk";
import { Alert } from "@/components/ui/Alert";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";

export type Notice = { tone: "success" | "danger" | "warning"; title: string; message: string } | null;

export function NoticeBanner({ notice, onDismiss }: { notice: Notice; onDismiss: () => void }) {
  if (!notice) return null;
  return (
    <Alert tone={notice.tone} title={notice.title} role={notice.tone === "danger" ? "alert" : "status"}>
      <p>{notice.message}</p>
      <p>
        <button type="button" className="text-xs underline" onClick={onDismiss}>
          Dismiss
        </button>
      </p>
    </Alert>
  );
}

/** Delete a secret, confirmed by typing its name. */
export function DeleteSecretDialog({
  target,
  where,
  remove,
  onClose,
  onDone,
}: {
  target: string | null;
  where: string;
  remove: (name: string) => Promise<unknown>;
  onClose: () => void;
  onDone: (notice: Notice) => void;
}) {
  const [pending, setPending] = useState(false);
  return (
    <ConfirmDialog
      open={target !== null}
      title={`Delete secret ${target ?? ""}`}
      confirmLabel="Delete secret"
      typeToConfirm={target ?? ""}
      pending={pending}
      onCancel={onClose}
      onConfirm={() => {
        if (!target) return;
        setPending(true);
        remove(target)
          .then(() => onDone({ tone: "success", title: "Secret deleted", message: `Deleted ${target} from ${where}.` }))
          .catch((e: unknown) => {
            const d = describeSecretError(e);
            onDone({
              tone: "danger",
              title: d.unknownOutcome ? "The secret may or may not have been deleted" : "Not deleted",
              message: `${target}: ${d.message}${d.unknownOutcome ? " Reload to check before trying again." : ""}`,
            });
          })
          .finally(() => setPending(false));
      }}
    >
      <p>
        Workflows in {where} that use <code className="font-mono">{target}</code> will no longer be able to read it. This cannot be undone.
      </p>
    </ConfirmDialog>
  );
}

