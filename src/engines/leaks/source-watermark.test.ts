import { existsSync, readdirSync, readFileSync } from "node:fs";
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

/** What a formatter does to layout: trailing spaces stripped, indentation redone with tabs, blank runs collapsed. */
function reformat(code: string): string {
  return code
    .split("\n")
    .map((line) => {
      const trimmed = line.trimEnd();
      const indent = /^\s*/.exec(trimmed)![0].length;
      return "\t".repeat(Math.ceil(indent / 2)) + trimmed.trimStart();
    })
    .join("\n")
    .replace(/\n{3,}/g, "\n\n");
}

/** Up to `limit` .js/.ts files under a folder, in name order. */
function sourcesUnder(dir: string, limit: number): string[] {
  const found: string[] = [];
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      if (found.length >= limit) return;
      const path = join(at, entry.name);
      if (entry.isDirectory() && entry.name !== "node_modules") walk(path);
      else if (/\.(js|ts)$/.test(entry.name) && !entry.name.endsWith(".d.ts")) found.push(path);
    }
  };
  if (existsSync(dir)) walk(dir);
  return found;
}

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

  it("still names the recipient after a formatter strips trailing spaces and re-indents", () => {
    const forAlice = markSource(files, 0x12_3456_789a);
    const forBob = markSource(files, 0x0b_0b0b_0b0b);
    for (const [copy, payload] of [
      [forAlice, 0x12_3456_789a],
      [forBob, 0x0b_0b0b_0b0b],
    ] as const) {
      const reformatted = reformat(copy[0]!.content.split("\n").slice(1).join("\n"));
      expect(reformatted).not.toMatch(/[ \t]\n/);
      expect(findCanaries(reformatted)).toEqual([]);
      const decoded = decodeSourceWatermark(reformatted, "javascript");
      expect(decoded).toMatchObject({ verdict: "found", payload });
      expect(decoded.channels.map((c) => c.channel)).toEqual(["comment-stop"]);
    }
  });

  it("changes nothing in comments but full stops, and leaves tool directives alone", () => {
    const code = [
      "// eslint-disable-next-line no-console because the tool prints",
      "// SPDX-License-Identifier: MIT",
      "/* istanbul ignore next the branch is platform specific */",
      "// Returns the sum of the two numbers given",
      "const add = (a, b) => a + b; // Adds them without checking the types.",
      "",
    ].join("\n");
    const variants = new Set<string>();
    for (const payload of [0, 1, 2, 3, 0xff_ffff_ffff]) {
      const marked = markSource([{ path: "add.js", content: code }], payload)[0]!.content;
      variants.add(marked.split("\n").slice(1).join("\n").replace(/ +$/gm, ""));
      const lines = marked
        .split("\n")
        .slice(1)
        .map((l) => l.trimEnd());
      expect(lines.slice(0, 3)).toEqual(code.split("\n").slice(0, 3));
      expect(lines.join("\n").replace(/\.(?=\n|$)/g, "")).toBe(code.replace(/\.(?=\n|$)/g, ""));
    }
    // The two prose comments carry bits: copies differ in their full stops alone.
    expect(variants.size).toBeGreaterThan(1);
  });

  it("finds no layout mark in unmarked code, reformatted or not", () => {
    for (const file of files) {
      expect(decodeSourceWatermark(file.content, "javascript").verdict).toBe("none");
      expect(decodeSourceWatermark(reformat(file.content), "javascript").verdict).toBe("none");
    }
    // Every JavaScript and TypeScript file of a few well-commented packages: nobody is named.
    let decoded = 0;
    for (const pkg of ["commander", "zod", "kysely", "hono", "pino", "pg-boss"]) {
      for (const path of sourcesUnder(join(process.cwd(), "node_modules", pkg), 60)) {
        const language = path.endsWith(".ts") ? "typescript" : "javascript";
        const result = decodeSourceWatermark(readFileSync(path, "utf8"), language);
        if (result.verdict === "found") decoded++;
      }
    }
    expect(decoded).toBe(0);
  });

  it("re-marking replaces the earlier canary and layout", () => {
    const twice = markSource(markSource(files, 1)!, 2);
    expect(findCanaries(twice[1]!.content).map((h) => h.payload)).toEqual([2]);
    expect(decodeSourceWatermark(twice[0]!.content, "javascript")).toMatchObject({ payload: 2 });
  });
});
