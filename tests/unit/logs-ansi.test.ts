import { describe, expect, it } from "vitest";
import { ANSI_RE, color256, parseAnsi, safeHref, stripAnsi } from "@/lib/logs/ansi";
import { shownText, splitLine, timestampMs, timeFormatter } from "@/lib/logs/line";

const E = "\u001b";

describe("parseAnsi", () => {
  it("16 colours, bold, italic, underline and resets", () => {
    expect(parseAnsi(`${E}[31mred${E}[0m plain ${E}[1;3;4mall${E}[22mno-bold`)).toEqual([
      { text: "red", fg: "#ff7b72" },
      { text: " plain " },
      { text: "all", bold: true, italic: true, underline: true },
      { text: "no-bold", italic: true, underline: true, bold: undefined, dim: undefined },
    ]);
    expect(parseAnsi(`${E}[92;44mx`)).toEqual([{ text: "x", fg: "#56d364", bg: "#58a6ff" }]);
    expect(parseAnsi(`${E}[36;1mnpm${E}[39m!`)[1]).toMatchObject({ text: "!", bold: true, fg: undefined });
  });

  it("256 and 24-bit colours", () => {
    expect(parseAnsi(`${E}[38;5;208mx`)[0]?.fg).toBe(color256(208));
    expect(color256(208)).toBe("#ff8700");
    expect(color256(244)).toBe("#808080");
    expect(color256(16)).toBe("#000000");
    expect(parseAnsi(`${E}[38;2;255;135;0mx${E}[48;2;1;2;3my`)).toEqual([
      { text: "x", fg: "#ff8700" },
      { text: "y", fg: "#ff8700", bg: "#010203" },
    ]);
  });

  it("the colon form of 256 and 24-bit colours (with and without a colour space), underline styles and colour", () => {
    expect(parseAnsi(`${E}[38:2::255:135:0mx`)[0]?.fg).toBe("#ff8700");
    expect(parseAnsi(`${E}[38:2:0:255:135:0mx`)[0]?.fg).toBe("#ff8700");
    expect(parseAnsi(`${E}[38:2:255:135:0mx`)[0]?.fg).toBe("#ff8700");
    expect(parseAnsi(`${E}[1;48:5:208mx`)[0]).toMatchObject({ bold: true, bg: color256(208) });
    expect(parseAnsi(`${E}[4:3mx${E}[4:0my`)).toEqual([{ text: "x", underline: true }, { text: "y", underline: undefined }]);
    // an underline colour is read past, in either form, and does not turn into dim, bold or colours
    expect(parseAnsi(`${E}[58;2;255;0;0mx`)).toEqual([{ text: "x" }]);
    expect(parseAnsi(`${E}[58:2::255:0:0;31mx`)).toEqual([{ text: "x", fg: "#ff7b72" }]);
  });

  it("OSC 8 links only for http(s); the text is always kept", () => {
    const ok = parseAnsi(`${E}]8;;https://example.com/a?b=1${E}\\docs${E}]8;;${E}\\ after`);
    expect(ok).toEqual([{ text: "docs", href: "https://example.com/a?b=1" }, { text: " after" }]);
    for (const target of ["javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:x", "//evil.com", "file:///etc/passwd"]) {
      const spans = parseAnsi(`${E}]8;;${target}\u0007click${E}]8;;\u0007`);
      expect(spans).toEqual([{ text: "click" }]);
    }
    expect(safeHref("https://ok.example/")).toBe("https://ok.example/");
    expect(safeHref("http://[bad")).toBeUndefined();
  });

  it("malicious and malformed sequences: dropped, never interpreted, text kept as text", () => {
    // markup is just text
    expect(parseAnsi(`<img src=x onerror=alert(1)>`)).toEqual([{ text: "<img src=x onerror=alert(1)>" }]);
    // cursor movement, title setting, erase, unterminated sequences, C0 controls
    expect(stripAnsi(`a${E}[2Jb${E}[10;10Hc${E}]0;title\u0007d\r\u0008e${E}`)).toBe("abcde");
    expect(stripAnsi(`x${E}]8;;https://a.b`)).toBe("x");
    expect(stripAnsi(`x${E}[38;5`)).toBe("x");
    // absurd parameters: bounded, no exception, no colour
    const huge = parseAnsi(`${E}[38;5;99999999999999999999m${E}[38;2;999;0;0mz`);
    expect(huge).toEqual([{ text: "z" }]);
    const many = parseAnsi(`${E}[${"1;".repeat(100_000)}mq`);
    expect(many).toEqual([{ text: "q", bold: true }]);
    // an unknown colour mode stops the sequence
    expect(parseAnsi(`${E}[38;9;1mw`)).toEqual([{ text: "w" }]);
    // a lone ESC at the end
    expect(parseAnsi(`end${E}`)).toEqual([{ text: "end" }]);
  });

  it("ANSI_RE drops exactly what parseAnsi drops (also over many lines)", () => {
    const pieces = ["a", "é", "✓", "\t", `${E}[1m`, `${E}[38;5;`, `${E}]8;;http://x`, "\u0007", `${E}\\`, `${E}`, "\r", "[", "]", "8;", "m", "\u0000", `${E}[?25l`];
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) % pieces.length);
    const lines: string[] = [];
    for (let n = 0; n < 2000; n++) {
      let line = "";
      for (let k = 0; k < 12; k++) line += pieces[rnd()];
      lines.push(line);
      expect(line.replace(ANSI_RE, "")).toBe(parseAnsi(line).map((s) => s.text).join(""));
    }
    expect(lines.join("\n").replace(ANSI_RE, "").split("\n")).toEqual(lines.map((l) => parseAnsi(l).map((s) => s.text).join("")));
  });
});

describe("log lines", () => {
  it("splits the timestamp and the command", () => {
    expect(splitLine("\ufeff2026-11-20T17:42:40.1234567Z ##[group]Run npm test\r")).toEqual({
      timestamp: "2026-11-20T17:42:40.1234567Z",
      command: "group",
      body: "Run npm test",
    });
    expect(splitLine("no stamp ##[error]x")).toEqual({ timestamp: null, command: null, body: "no stamp ##[error]x" });
  });

  it("shownText over many lines equals the shown text of each line", () => {
    const lines = [
      "2026-11-20T17:42:40.1234567Z ##[error]bad",
      `2026-11-20T17:42:40.1234567Z ${E}[31mred${E}[0m`,
      "plain ##[warning]x",
      "2026-11-20T17:42:40Z ##[endgroup]",
    ];
    const perLine = lines.map((l) => stripAnsi(splitLine(l).body));
    expect(shownText(lines.join("\n")).split("\n")).toEqual(perLine);
    expect(perLine).toEqual(["bad", "red", "plain ##[warning]x", ""]);
  });

  it("timestamps in the viewer's time zone", () => {
    expect(timestampMs("2026-11-20T17:42:40.1234567Z")).toBe(Date.parse("2026-11-20T17:42:40.123Z"));
    expect(timeFormatter("UTC")("2026-11-20T17:42:40.1234567Z")).toBe("17:42:40.123");
    expect(timeFormatter("Asia/Tokyo")("2026-11-20T17:42:40.1234567Z")).toBe("02:42:40.123");
    expect(timeFormatter("UTC")("garbage")).toBe("garbage");
  });
});
