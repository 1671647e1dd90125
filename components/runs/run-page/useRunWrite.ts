"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { runKeys } from "@/lib/queries/runs";
import { describeWriteFailure } from "@/lib/runs/run-page-actions";

export interface RunWrite {
  /** Stable id of the action, e.g. "cancel" or "rerun-job:123". */
  id: string;
  /** "the cancellation", for "We don't know whether the cancellation happened". */
  what: string;
  /** What to say when it worked. */
  done: string;
  send: () => Promise<unknown>;
  /** After success (e.g. a deleted run leaves the page). */
  after?: () => void;
}

export type WriteOutcome =
  | { kind: "success"; id: string; text: string }
  | { kind: "unknown"; id: string; text: string }
  | { kind: "failed"; id: string; text: string };

/**
 * One write at a time for a run page. Mutations never retry (query-client's default), so a write whose
 * answer was lost is reported as unknown and left to the user. On success the run's queries (run,
 * jobs, artifacts, timing) and the run lists are invalidated.
 */
export function useRunWrite(owner: string, repo: string, runId: number) {
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<WriteOutcome | null>(null);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: runKeys.detail(owner, repo, runId) }),
      queryClient.invalidateQueries({ queryKey: runKeys.lists(owner, repo) }),
    ]);
  const mutation = useMutation({
    mutationFn: (write: RunWrite) => write.send(),
    retry: false,
    onMutate: () => setOutcome(null),
    onSuccess: async (_data, write) => {
      setOutcome({ kind: "success", id: write.id, text: write.done });
      if (write.after) write.after();
      else await refresh();
    },
    onError: (error, write) => {
      const failure = describeWriteFailure(error, write.what);
      setOutcome({ kind: failure.outcome === "unknown" ? "unknown" : "failed", id: write.id, text: failure.message });
    },
  });
  return {
    run: (write: RunWrite) => mutation.mutate(write),
    pendingId: mutation.isPending ? mutation.variables.id : undefined,
    outcome,
    dismiss: () => setOutcome(null),
    refresh: async () => {
      setOutcome(null);
      await refresh();
    },
  };
}
