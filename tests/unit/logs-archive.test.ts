import { describe, expect, it } from "vitest";
import { strToU8, zipSync } from "fflate";
import { jobStepsOf, searchArchive } from "@/lib/logs/archive-search";
import { archiveName, excerpt, jobEntry, planArchive, stepEntry } from "@/lib/logs/run-archive";
import { compileQuery } from "@/lib/logs/search";
import { parseRunSearch, runSearchQuery } from "@/lib/logs/run-search-url";
import { shownText } from "@/lib/logs/line";
import { safeName } from "../../simulator/logs/generate.js";
import { jobLogText, makeSubject, stepTexts } from "./logs-fixture";
import { contrast, readable, textOn, LOG_BACKGROUND } from "@/lib/logs/contrast";

describe("run log archive names", () => {
  it("reads per-step files and ignores whole-job files", () => {
    expect(stepEntry("Test (20)/3_Run npm test.txt")).toEqual({ path: "Test (20)/3_Run npm test.txt", job: "Test (20)", step: 3, stepName: "Run npm test" });
    expect(stepEntry("0_Test (20).txt")).toBeNull();
    expect(stepEntry("Test/notes.md")).toBeNull();
  });
  it("strips names as the archive does", () => {
    for (const name of ['Build: "web" <x|y>', "a/b\\\\c*?", "x".repeat(150)]) expect(archiveName(name)).toBe(safeName(name));
  });
  it("excerpts keep the match in view", () => {
    const long = `${"a".repeat(300)}NEEDLE${"b".repeat(300)}`;
    const ex = excerpt(long, 300, 6);
    expect(ex.text.slice(ex.start, ex.start + 6)).toBe("NEEDLE");
    expect(ex.text.length).toBeLessThanOrEqual(162);
    expect(excerpt("short ok", 6, 2)).toEqual({ text: "short ok", start: 6 });
  });
});

describe("readable log colours", () => {
  it("keeps readable colours and lifts dark ones to at least the asked contrast", () => {
    expect(readable("#ff8700")).toBe("#ff8700");
    for (const c of ["#000000", "#484f58", "#0087ff", "#808080", "#5f0000"]) expect(contrast(readable(c, LOG_BACKGROUND, 5.6), LOG_BACKGROUND)).toBeGreaterThanOrEqual(5.6);
    expect(textOn("#ffff00")).toBe("#000000");
    expect(textOn("#000080")).toBe("#ffffff");
    expect(readable("not-a-colour")).toBe("not-a-colour");
  });
});

// Two jobs as a run's archive holds them, in GitHub's two layouts: with per-step files, and with the
// job-level files only.
const jobs = [makeSubject({ id: 1 }), makeSubject({ id: 2, failAt: 3 })].map((s, i) => {
  s.job.name = i === 0 ? "Build: web" : "Test (20)";
  return s;
});

function zip(withSteps: boolean): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  jobs.forEach((s, i) => {
    files[`${i}_${safeName(s.job.name)}.txt`] = strToU8(jobLogText(s));
    if (withSteps) {
      files[`${safeName(s.job.name)}/system.txt`] = strToU8("system log\n");
      stepTexts(s).forEach((text, k) => {
        const step = s.job.steps[k]!;
        if (text) files[`${safeName(s.job.name)}/${step.number}_${safeName(step.name)}.txt`] = strToU8(text);
      });
    } else files["system.txt"] = strToU8("system log\n");
  });
  return zipSync(files);
}

const jobSteps = jobStepsOf(jobs.map((s) => ({ name: s.job.name, steps: s.job.steps })));
const re = (q: string) => {
  const c = compileQuery(q, { caseSensitive: false, regex: false });
  if (!c.ok) throw new Error(c.error);
  return c.re;
};
/** Matches of `q` in each step's own text, by the simplest rule. */
function expected(q: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of jobs) {
    stepTexts(s).forEach((text, k) => {
      const n = shownText(text).toLowerCase().split(q).length - 1;
      if (n) out.set(`${archiveName(s.job.name)}#${s.job.steps[k]!.number}`, n);
    });
  }
  return out;
}
const counts = (r: ReturnType<typeof searchArchive>) => new Map(r.map((m) => [`${m.job}#${m.step}`, m.count]));

describe("run log archive layouts", () => {
  it("plans per-step files when a job has them, else its job-level file; system.txt is not searched", () => {
    expect(jobEntry("3_Test (20).txt")).toEqual({ path: "3_Test (20).txt", job: "Test (20)", order: 3 });
    expect(jobEntry("system.txt")).toBeNull();
    expect(jobEntry("Test/1_Set up job.txt")).toBeNull();
    const plan = planArchive(["1_B.txt", "B/2_Run.txt", "B/1_Set up job.txt", "B/system.txt", "0_A.txt", "system.txt"]);
    expect(plan.map((e) => `${e.kind}:${e.path}`)).toEqual(["job:0_A.txt", "step:B/1_Set up job.txt", "step:B/2_Run.txt"]);
  });

  for (const q of ["run", "error", "npm"]) {
    it(`finds the same matches in both layouts, at the same step lines ("${q}")`, () => {
      const want = expected(q);
      expect(want.size).toBeGreaterThan(0);
      const perStep = searchArchive(zip(true), re(q), jobSteps);
      const jobLevel = searchArchive(zip(false), re(q), jobSteps);
      expect(counts(perStep)).toEqual(want);
      expect(counts(jobLevel)).toEqual(want);
      // same line numbers and excerpts; step names come from the jobs (unstripped) or the file names
      const strip = (r: typeof perStep) => r.map(({ stepName: _, ...rest }) => rest);
      expect(strip(jobLevel)).toEqual(strip(perStep));
      for (const m of jobLevel) {
        const s = jobs.find((j) => archiveName(j.job.name) === m.job)!;
        const line = shownText(stepTexts(s)[m.step - 1]!).split("\n")[m.samples[0]!.line - 1]!;
        expect(line.toLowerCase()).toContain(q);
        expect(m.stepName).toBe(s.job.steps[m.step - 1]!.name);
      }
    });
  }

  it("without the run's jobs, a job-level file's matches are counted under the job log", () => {
    const r = searchArchive(zip(false), re("run"), new Map());
    const total = [...expected("run").values()].reduce((a, b) => a + b, 0);
    expect(r.every((m) => m.step === 0)).toBe(true);
    expect(r.reduce((n, m) => n + m.count, 0)).toBe(total);
  });
});

describe("run search URL", () => {
  it("round-trips the query and its options", () => {
    for (const p of [
      { q: "ok", caseSensitive: false, regex: false },
      { q: "a&b=c ?#", caseSensitive: true, regex: true },
    ]) {
      expect(parseRunSearch(Object.fromEntries(new URLSearchParams(runSearchQuery(p))))).toEqual(p);
    }
    expect(runSearchQuery({ q: "ok", caseSensitive: false, regex: false })).toBe("q=ok");
    expect(parseRunSearch({ q: ["x", "y"], case: "yes" })).toEqual({ q: "x", caseSensitive: false, regex: false });
  });
});
