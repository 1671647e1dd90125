import { Badge } from "@/components/ui/Badge";
import { runStatusInfo } from "@/lib/runs/status";

export function RunStatusBadge({
  status,
  conclusion,
}: {
  status: string | null | undefined;
  conclusion: string | null | undefined;
}) {
  const view = runStatusInfo(status, conclusion);
  return (
    <Badge tone={view.tone}>
      {view.active ? (
        <span aria-hidden="true" className="inline-block h-1.5 w-1.5 animate-pulse rounded-full bg-current" />
      ) : null}
      {view.label}
    </Badge>
  );
}
