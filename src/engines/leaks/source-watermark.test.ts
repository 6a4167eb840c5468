import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { canaryToken, findCanaries } from "./canary.ts";
import { decodeSourceWatermark, markSource } from "./source-watermark.ts";
import { tokenizeSource } from "./tokenize-source.ts";

const lib = join(process.cwd(), "node_modules/commander/lib");
const files = ["command.js", "help.js", "option.js"].map((name) => ({
  path: `lib/${name}`,
  content: readFileSync(join(lib, name), "utf8"),
}));
const python = {
  path: "tool/report.py",
  content:
    '#!/usr/bin/env python3\n"""Summarise a log."""\nimport sys\n\nTEMPLATE = """\nline one\nline two\n"""\n\n\ndef main():\n    total = 0\n    for line in sys.stdin:\n        total += len(line)\n    print(TEMPLATE, total)\n',
};

describe("source watermark", () => {
  it("keeps the code's tokens, strings included, exactly as they were", () => {
    const marked = markSource([...files, python], 77);
    for (const [i, file] of [...files, python].entries()) {
      const language = file.path.endsWith(".py") ? "python" : "javascript";
      const before = tokenizeSource(file.content, language).map((t) => [t.text, t.literal]);
      const after = tokenizeSource(marked[i]!.content, language).map((t) => [t.text, t.literal]);
      expect(after).toEqual(before);
    }
    expect(marked[3]!.content.startsWith("#!/usr/bin/env python3\n# build cache key: AKIA")).toBe(true);
    expect(marked[3]!.content).toContain('TEMPLATE = """\nline one\nline two\n"""');
  });

  it("plants a canary unique to each copy that names the copy wherever it appears", () => {
    const forAlice = markSource(files, 1001);
    const forBob = markSource(files, 1002);
    const pasted = `some forum post\n${forAlice[1]!.content.split("\n").slice(0, 3).join("\n")}\n`;
    expect(findCanaries(pasted).map((h) => h.payload)).toEqual([1001]);
    expect(findCanaries(forBob[2]!.content).map((h) => h.payload)).toEqual([1002]);
  });

  it("ignores look-alike keys whose check does not match", () => {
    const real = canaryToken(5);
    const forged = `${real.slice(0, -1)}${real.endsWith("A") ? "B" : "A"}`;
    expect(findCanaries(`key=${forged} other=AKIAIOSFODNN7EXAMPLE`)).toEqual([]);
  });

  it("decodes the recipient from the layout even when the canary is removed", () => {
    const [marked] = markSource([files[0]!], 0x00_dead_beef);
    const withoutCanary = marked!.content.split("\n").slice(1).join("\n");
    expect(findCanaries(withoutCanary)).toEqual([]);
    expect(decodeSourceWatermark(withoutCanary.slice(20_000, 60_000), "javascript")).toMatchObject({
      verdict: "found",
      payload: 0xdead_beef,
    });
  });

  it("finds no layout mark in unmarked code", () => {
    for (const file of files) expect(decodeSourceWatermark(file.content, "javascript").verdict).toBe("none");
  });

  it("re-marking replaces the earlier canary and layout", () => {
    const twice = markSource(markSource(files, 1)!, 2);
    expect(findCanaries(twice[1]!.content).map((h) => h.payload)).toEqual([2]);
    expect(decodeSourceWatermark(twice[0]!.content, "javascript")).toMatchObject({ payload: 2 });
  });
});
