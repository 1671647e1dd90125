"use client";

import type { StepReport } from "@/lib/permissions/steps";
import { Alert } from "@/components/ui/Alert";

/** What a failed save did: the writes applied, the one that failed (and whether it happened), the ones not sent. */
export function WriteReport({ report }: { report: StepReport }) {
  const failed = report.failed;
  if (!failed) return null;
  return (
    <Alert tone="danger" title="The change was not saved completely" role="alert" level={3}>
      <p>
        <strong>{failed.label}</strong> failed: {failed.message}
      </p>
      <p>
        {failed.outcome === "unknown"
          ? "This change may or may not have been applied: the policy shown is what the server reports now."
          : "This change was not applied."}
      </p>
      {report.applied.length ? (
        <div>
          <p>Already applied before it:</p>
          <ul className="list-disc pl-5">
            {report.applied.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        </div>
      ) : (
        <p>Nothing was changed before it.</p>
      )}
      {report.notSent.length ? (
        <div>
          <p>Not sent:</p>
          <ul className="list-disc pl-5">
            {report.notSent.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </Alert>
  );
}
