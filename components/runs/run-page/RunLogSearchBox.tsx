import Form from "next/form";
import { Button } from "@/components/ui/Button";

export interface RunLogSearchBoxProps {
  /** The run's search page, `/{owner}/{repo}/actions/runs/{id}/search`. */
  action: string;
  /** The page shows an older attempt: the search covers the latest one (the archive GitHub serves). */
  olderAttempt: boolean;
}

/**
 * The way from the run page into the search across all jobs' logs: a GET form to `/runs/{id}/search?q=…`,
 * so it works before hydration and the results page is a shareable link.
 */
export function RunLogSearchBox({ action, olderAttempt }: RunLogSearchBoxProps) {
  return (
    <Form action={action} role="search" aria-label="Search the logs of this run" className="flex flex-wrap items-center gap-2">
      <label htmlFor="run-page-log-search" className="text-sm font-medium">
        Search all job logs{olderAttempt ? " (latest attempt)" : ""}
      </label>
      <input
        id="run-page-log-search"
        name="q"
        type="search"
        required
        className="h-8 w-64 rounded-md border border-gray-300 bg-white px-2 font-mono text-sm text-gray-900 dark:border-gray-700 dark:bg-gray-950 dark:text-gray-100"
      />
      <Button type="submit" size="sm">
        Search logs
      </Button>
    </Form>
  );
}
