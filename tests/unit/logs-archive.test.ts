import { describe, expect, it } from "vitest";
import { archiveName, excerpt, stepEntry } from "@/lib/logs/run-archive";
import { contrast, readable, textOn, LOG_BACKGROUND } from "@/lib/logs/contrast";
import { safeName } from "../../simulator/logs/generate.js";

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
