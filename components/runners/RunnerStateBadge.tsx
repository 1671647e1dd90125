import { Badge } from "@/components/ui/Badge";
import { runnerState, type RunnerView } from "@/lib/runners/filters";

export function RunnerStateBadge({ runner }: { runner: Pick<RunnerView, "status" | "busy"> }) {
  const s = runnerState(runner);
  return (
    <Badge tone={s === "busy" ? "warning" : s === "idle" ? "success" : "neutral"}>
      <span aria-hidden="true" className="inline-block h-1.5 w-1.5 rounded-full bg-current" />
      {s === "busy" ? "Busy" : s === "idle" ? "Idle" : "Offline"}
    </Badge>
  );
}

export function LabelBadges({ labels }: { labels: RunnerView["labels"] }) {
  return (
    <span className="flex flex-wrap gap-1">
      {labels.map((l) => (
        <Badge key={l.name} tone={l.type === "custom" ? "info" : "neutral"}>
          {l.name}
        </Badge>
      ))}
    </span>
  );
}
