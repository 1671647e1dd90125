import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/client/api-error";
import { canRerunJob, describeWriteFailure, jobHasLog, runActions, type JobState } from "@/lib/runs/run-page-actions";

const ran: JobState = { status: "completed", conclusion: "success", steps: [{ started_at: "2026-11-20T10:00:00Z" }] };
const failed: JobState = { status: "completed", conclusion: "failure", steps: [{ started_at: "2026-11-20T10:00:00Z" }] };
const queued: JobState = { status: "queued", conclusion: null, steps: [{ started_at: null }] };
const running: JobState = { status: "in_progress", conclusion: null, steps: [{ started_at: "2026-11-20T10:00:00Z" }] };

describe("runActions", () => {
  it("offers re-runs, log and run deletion on a completed latest attempt", () => {
    expect(runActions({ status: "completed", conclusion: "success" }, { latest: true, canWrite: true, jobs: [ran] })).toEqual([
      "rerun-all",
      "download-logs",
      "delete-logs",
      "delete-run",
    ]);
    expect(
      runActions({ status: "completed", conclusion: "failure" }, { latest: true, canWrite: true, jobs: [ran, failed] }),
    ).toEqual(["rerun-all", "rerun-failed", "download-logs", "delete-logs", "delete-run"]);
  });

  it("offers cancel and force cancel while active, and no deletes", () => {
    expect(runActions({ status: "in_progress" }, { latest: true, canWrite: true, jobs: [running, queued] })).toEqual([
      "cancel",
      "force-cancel",
      "download-logs",
    ]);
    expect(runActions({ status: "queued" }, { latest: true, canWrite: true, jobs: [queued] })).toEqual(["cancel", "force-cancel"]);
  });

  it("offers only the download on an earlier attempt or without write access", () => {
    expect(runActions({ status: "completed" }, { latest: false, canWrite: true, jobs: [failed] })).toEqual(["download-logs"]);
    expect(runActions({ status: "completed" }, { latest: true, canWrite: false, jobs: [failed] })).toEqual(["download-logs"]);
    expect(runActions({ status: "completed" }, { latest: true, canWrite: true, jobs: [] })).toEqual(["rerun-all", "delete-run"]);
  });

  it("re-runs one job only when the run and the job are completed, on the latest attempt", () => {
    expect(canRerunJob({ status: "completed" }, failed, { latest: true, canWrite: true })).toBe(true);
    expect(canRerunJob({ status: "in_progress" }, failed, { latest: true, canWrite: true })).toBe(false);
    expect(canRerunJob({ status: "completed" }, failed, { latest: false, canWrite: true })).toBe(false);
    expect(canRerunJob({ status: "completed" }, failed, { latest: true, canWrite: false })).toBe(false);
    expect(jobHasLog(queued)).toBe(false);
  });
});

describe("describeWriteFailure", () => {
  it("says an unknown outcome is unknown and asks for a refresh", () => {
    const error = new ApiError(
      { error: { status: 502, message: "The answer was cut off.", documentation_url: null, write_outcome: "unknown" } },
      "POST",
    );
    const failure = describeWriteFailure(error, "the cancellation");
    expect(failure.outcome).toBe("unknown");
    expect(failure.message).toContain("We don't know whether the cancellation happened");
    expect(failure.message).toContain("Refresh");
  });

  it("says a refused write did not happen", () => {
    const error = new ApiError({ error: { status: 409, message: "Cannot cancel a workflow run that is completed.", documentation_url: null } }, "POST");
    expect(describeWriteFailure(error, "the cancellation")).toEqual({
      outcome: "not-applied",
      message: "The cancellation did not happen: Cannot cancel a workflow run that is completed (HTTP 409).",
    });
    expect(describeWriteFailure(new Error("boom"), "the re-run").outcome).toBe("unknown");
  });
});
