import { describe, expect, it } from "vitest";
import { formatDuration, isActive, relativeTime, runDuration, runStatusInfo } from "@/lib/runs/status";

const STATUSES = ["queued", "in_progress", "waiting", "requested", "pending", "completed"] as const;
const CONCLUSIONS = [
  "success",
  "failure",
  "neutral",
  "cancelled",
  "skipped",
  "timed_out",
  "action_required",
  "stale",
  null,
] as const;

describe("runStatusInfo", () => {
  it("gives every status × conclusion an icon, a non-empty label and a tone", () => {
    for (const status of STATUSES) {
      for (const conclusion of CONCLUSIONS) {
        const info = runStatusInfo(status, conclusion);
        expect(info.label.length).toBeGreaterThan(0);
        expect(info.icon).toBeTruthy();
        expect(info.tone).toBeTruthy();
        expect(info.active).toBe(status !== "completed");
      }
    }
  });
  it("active statuses win over a stale conclusion", () => {
    expect(runStatusInfo("in_progress", "failure")).toEqual({
      icon: "in_progress",
      label: "In progress",
      tone: "warning",
      active: true,
    });
    expect(runStatusInfo("queued", null).label).toBe("Queued");
    expect(runStatusInfo("waiting", null).icon).toBe("waiting");
    expect(runStatusInfo("requested", null).label).toBe("Requested");
    expect(runStatusInfo("pending", null).label).toBe("Pending");
  });
  it("maps each conclusion of a completed run", () => {
    const expected: Record<string, [string, string, string]> = {
      success: ["success", "Success", "success"],
      failure: ["failure", "Failure", "danger"],
      neutral: ["neutral", "Neutral", "neutral"],
      cancelled: ["cancelled", "Cancelled", "neutral"],
      skipped: ["skipped", "Skipped", "neutral"],
      timed_out: ["timed_out", "Timed out", "danger"],
      action_required: ["action_required", "Action required", "warning"],
      stale: ["stale", "Stale", "neutral"],
      startup_failure: ["failure", "Startup failure", "danger"],
    };
    for (const [conclusion, [icon, label, tone]] of Object.entries(expected)) {
      expect(runStatusInfo("completed", conclusion)).toEqual({ icon, label, tone, active: false });
    }
  });
  it("completed without a conclusion, and unknown values", () => {
    expect(runStatusInfo("completed", null).label).toBe("Completed");
    expect(runStatusInfo("completed", "brand_new").label).toBe("Brand new");
    expect(runStatusInfo("odd_state", null)).toMatchObject({ icon: "unknown", label: "Odd state" });
    expect(runStatusInfo(undefined, undefined).label).toBe("Unknown");
  });
});

describe("isActive", () => {
  it("is true only for statuses that can still change", () => {
    for (const status of ["queued", "in_progress", "waiting", "requested", "pending"]) {
      expect(isActive({ status })).toBe(true);
    }
    expect(isActive({ status: "completed" })).toBe(false);
    expect(isActive({ status: null })).toBe(false);
    expect(isActive({})).toBe(false);
  });
});

describe("runDuration", () => {
  const now = new Date("2026-11-01T10:10:00Z");
  it("completed: start to last update", () => {
    expect(
      runDuration(
        {
          status: "completed",
          created_at: "2026-11-01T09:59:00Z",
          run_started_at: "2026-11-01T10:00:00Z",
          updated_at: "2026-11-01T10:01:05Z",
        },
        now,
      ),
    ).toBe(65_000);
  });
  it("jobs: started_at to completed_at", () => {
    expect(
      runDuration(
        { status: "completed", started_at: "2026-11-01T10:00:00Z", completed_at: "2026-11-01T10:00:30Z" },
        now,
      ),
    ).toBe(30_000);
  });
  it("in progress: start to now", () => {
    expect(runDuration({ status: "in_progress", run_started_at: "2026-11-01T10:00:00Z" }, now)).toBe(600_000);
    expect(
      runDuration({ status: "in_progress", run_started_at: "2026-11-01T10:00:00Z" }, now.getTime()),
    ).toBe(600_000);
  });
  it("queued or missing times: undefined; never negative", () => {
    expect(runDuration({ status: "queued", created_at: "2026-11-01T10:00:00Z" }, now)).toBeUndefined();
    expect(runDuration({ status: "completed" }, now)).toBeUndefined();
    expect(runDuration({ status: "completed", created_at: "garbage", updated_at: "x" }, now)).toBeUndefined();
    expect(
      runDuration(
        { status: "completed", run_started_at: "2026-11-01T10:00:10Z", updated_at: "2026-11-01T10:00:00Z" },
        now,
      ),
    ).toBe(0);
  });
});

describe("formatDuration", () => {
  it("formats compactly", () => {
    expect(formatDuration(0)).toBe("0s");
    expect(formatDuration(999)).toBe("0s");
    expect(formatDuration(45_000)).toBe("45s");
    expect(formatDuration(60_000)).toBe("1m");
    expect(formatDuration(65_000)).toBe("1m 5s");
    expect(formatDuration(2 * 3_600_000 + 3 * 60_000 + 9_000)).toBe("2h 3m");
    expect(formatDuration(3_600_000)).toBe("1h");
    expect(formatDuration(28 * 3_600_000)).toBe("1d 4h");
    expect(formatDuration(48 * 3_600_000)).toBe("2d");
  });
  it("unknown → dash", () => {
    expect(formatDuration(undefined)).toBe("—");
    expect(formatDuration(null)).toBe("—");
    expect(formatDuration(Number.NaN)).toBe("—");
    expect(formatDuration(-5)).toBe("0s");
  });
});

describe("relativeTime", () => {
  const now = new Date("2026-11-10T12:00:00Z");
  it("past", () => {
    expect(relativeTime("2026-11-10T11:59:50Z", now)).toBe("just now");
    expect(relativeTime("2026-11-10T11:59:00Z", now)).toBe("1 minute ago");
    expect(relativeTime("2026-11-10T11:55:00Z", now)).toBe("5 minutes ago");
    expect(relativeTime("2026-11-10T10:00:00Z", now)).toBe("2 hours ago");
    expect(relativeTime("2026-11-09T12:00:00Z", now)).toBe("1 day ago");
    expect(relativeTime("2026-09-01T12:00:00Z", now)).toBe("2 months ago");
    expect(relativeTime("2024-11-01T12:00:00Z", now)).toBe("2 years ago");
  });
  it("future and odd input", () => {
    expect(relativeTime("2026-11-13T12:00:00Z", now)).toBe("in 3 days");
    expect(relativeTime(new Date("2026-11-10T13:00:00Z"), now)).toBe("in 1 hour");
    expect(relativeTime("nope", now)).toBe("—");
    expect(relativeTime(null, now)).toBe("—");
  });
});
