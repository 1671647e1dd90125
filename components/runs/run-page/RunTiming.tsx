import type { TimingResult } from "@/lib/queries/run-page";
import { formatDuration } from "@/lib/runs/status";

const OS_NAMES: Record<string, string> = { UBUNTU: "Linux", WINDOWS: "Windows", MACOS: "macOS" };

/** Billable time per runner OS and the run's duration, or a note where the server does not report it. */
export function RunTiming({ result, active }: { result: TimingResult; active: boolean }) {
  if (!result.available) {
    return (
      <p className="text-sm text-gray-700 dark:text-gray-300" data-testid="timing-unavailable">
        {result.message}
      </p>
    );
  }
  const { timing } = result;
  const billable = Object.entries(timing.billable ?? {}).filter(
    (entry): entry is [string, NonNullable<(typeof entry)[1]>] => entry[1] !== undefined,
  );
  return (
    <dl className="space-y-2 text-sm" data-testid="run-timing">
      <div className="flex justify-between gap-4">
        <dt>Run duration{active ? " so far" : ""}</dt>
        <dd className="font-mono tabular-nums">{formatDuration(timing.run_duration_ms)}</dd>
      </div>
      {billable.length === 0 ? (
        <div className="flex justify-between gap-4">
          <dt>Billable time</dt>
          <dd>none</dd>
        </div>
      ) : (
        billable.map(([os, value]) => (
          <div key={os} className="flex justify-between gap-4">
            <dt>
              Billable on {OS_NAMES[os] ?? os}{" "}
              <span className="text-gray-700 dark:text-gray-300">
                ({value.jobs ?? 0} job{value.jobs === 1 ? "" : "s"})
              </span>
            </dt>
            <dd className="font-mono tabular-nums">{formatDuration(value.total_ms)}</dd>
          </div>
        ))
      )}
    </dl>
  );
}
