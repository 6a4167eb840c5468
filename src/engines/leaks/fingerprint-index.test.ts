import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FingerprintIndex } from "./fingerprint-index.ts";
import { embedTextWatermark } from "./text-watermark.ts";
import { tokenizeSource } from "./tokenize-source.ts";
import { fingerprint, isCommentHash, winnow } from "./winnow.ts";

const lib = join(process.cwd(), "node_modules/commander/lib");
const sources = ["argument.js", "command.js", "error.js", "help.js", "option.js", "suggestSimilar.js"].map(
  (name) => ({ id: `commander/lib/${name}`, text: readFileSync(join(lib, name), "utf8") }),
);
const report = readFileSync(new URL("./fixtures/assessment-report.md", import.meta.url), "utf8");

const jsKeywords = new Set(
  "const let var if return undefined typeof true false null new this function for of in while else".split(
    " ",
  ),
);

/** Renames every identifier and reformats: no comments, one statement per line, other spacing. */
function renameAndReformat(code: string): string {
  const names = new Map<string, string>();
  const rename = (part: string) =>
    part
      .replace(/\b[A-Za-z_]\w*\b/g, (word) => {
        if (jsKeywords.has(word)) return word;
        if (!names.has(word)) names.set(word, `v${names.size}_${word.length}`);
        return names.get(word)!;
      })
      .replace(/\s+/g, " ")
      .replace(/([;{}])\s*/g, "$1\n\t\t");
  // Strings stay as they were (leakers rarely edit messages); everything else is renamed.
  return code
    .replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, "")
    .split(/(`[^`]*`|'[^'\n]*'|"[^"\n]*")/)
    .map((part, i) => (i % 2 === 1 ? part : rename(part)))
    .join("");
}

function functionFrom(text: string, header: string, next: string): string {
  const start = text.indexOf(header);
  const end = text.indexOf(next, start + header.length);
  expect(start).toBeGreaterThan(0);
  return text.slice(start, end);
}

describe("fingerprinting", () => {
  it("gives the same tokens to code that differs only in names, comments and layout", () => {
    const a = tokenizeSource("int total = count + 1; // add one\n", "java").map((t) => t.text);
    const b = tokenizeSource("int   s=\n  n+42 ; /* other */", "java").map((t) => t.text);
    expect(a).toEqual(b);
    expect(a).toEqual(["int", "$id", "=", "$id", "+", "$num", ";"]);
  });

  it("reads a fragment that starts inside a block comment as comment up to its close, not as code", () => {
    const full =
      "/**\n * Parses the option value.\n * Returns the parsed number.\n */\nfunction parse(v) { return Number(v); }\n";
    const fragment = full.slice(full.indexOf("value."));
    const code = (text: string) => tokenizeSource(text, "javascript").map((t) => t.text);
    expect(code(fragment)).toEqual(code(full));
    // Code that merely contains the closing marker in a string is still code.
    expect(code('const glob = "src/**/*.ts";')).toEqual(["const", "$id", "=", "$str"]);
  });

  it("traces a verbatim fragment cut inside a doc comment to its file", () => {
    const index = new FingerprintIndex();
    for (const s of sources) index.add(s.id, s.text, { language: "javascript" });
    const option = sources.find((s) => s.id.endsWith("option.js"))?.text ?? "";
    for (const at of [0, 2000, 4000]) {
      const from = option.indexOf("/**", at) + 10;
      const [best] = index.trace(option.slice(from, from + 4000), { language: "javascript" });
      expect(best?.source).toBe("commander/lib/option.js");
    }
  });

  it("selects at least one fingerprint in every window of k-gram hashes", () => {
    const hashes = Array.from({ length: 200 }, (_, i) => (i * 2654435761) % 1000);
    const picked = winnow(hashes, 5);
    for (let start = 0; start + 5 <= hashes.length; start++) {
      expect(picked.some((p) => p >= start && p < start + 5)).toBe(true);
    }
  });

  it("attributes a renamed and reformatted function to its source file", () => {
    const index = new FingerprintIndex();
    for (const s of sources) index.add(s.id, s.text, { language: "javascript" });
    const help = sources.find((s) => s.id.endsWith("help.js"))!.text;
    const original = functionFrom(help, "  optionDescription(option) {", "  /**");
    const suspect = renameAndReformat(original);
    expect(suspect).not.toContain("const extraInfo");

    const [best, second] = index.trace(suspect, { language: "javascript" });
    expect(best?.source).toBe("commander/lib/help.js");
    expect(best!.score).toBeGreaterThan(0.6);
    expect(second === undefined || second.score < best!.score / 2).toBe(true);
    const region = best!.regions[0]!;
    const functionStart = help.indexOf("  optionDescription(option) {");
    expect(region.sourceStart).toBeGreaterThanOrEqual(functionStart);
    expect(region.sourceEnd).toBeLessThanOrEqual(functionStart + original.length);
  });

  it("attributes a renamed Java method among other classes", () => {
    const index = new FingerprintIndex();
    index.add(
      "Stats.java",
      `class Stats {\n  static double mean(int[] values) {\n    double sum = 0;\n    for (int i = 0; i < values.length; i++) {\n      sum += values[i];\n    }\n    return values.length == 0 ? 0 : sum / values.length;\n  }\n}\n`,
    );
    index.add(
      "Greeter.java",
      `class Greeter {\n  String greet(String name) {\n    if (name == null || name.isEmpty()) {\n      return "Hello, stranger";\n    }\n    return "Hello, " + name + "!";\n  }\n}\n`,
    );
    const suspect = `public class A{static double avg(int[] xs){double t=0;for(int k=0;k<xs.length;k++){t+=xs[k];}return xs.length==0?0:t/xs.length;}}`;
    const [best] = index.trace(suspect, { language: "java" });
    expect(best?.source).toBe("Stats.java");
  });

  it("traces a renamed Python function and a reformatted Go function to their files", () => {
    const index = new FingerprintIndex();
    index.add(
      "billing/invoice.py",
      `def total_due(lines, tax_rate):\n    subtotal = 0\n    for line in lines:\n        if line.quantity > 0:\n            subtotal += line.quantity * line.unit_price\n    return round(subtotal * (1 + tax_rate), 2)\n`,
    );
    index.add(
      "billing/retry.go",
      `package billing\n\nfunc Backoff(attempt int, base int) int {\n\tdelay := base\n\tfor i := 0; i < attempt; i++ {\n\t\tdelay = delay * 2\n\t\tif delay > 30000 {\n\t\t\treturn 30000\n\t\t}\n\t}\n\treturn delay\n}\n`,
    );
    index.add("notes.md", report, { language: "prose" });
    const python = `def f(xs, r):\n  s = 0\n  for x in xs:\n    if x.q > 0:\n      s += x.q * x.p\n  return round(s * (1 + r), 2)\n`;
    expect(index.trace(python, { language: "python" })[0]?.source).toBe("billing/invoice.py");
    const go = `package x\nfunc B(a int, b int) int { d := b; for j := 0; j < a; j++ { d = d * 2; if d > 30000 { return 30000 } }; return d }`;
    expect(index.trace(go, { language: "go" })[0]?.source).toBe("billing/retry.go");
  });

  it("does not take boilerplate shared by every source as evidence", () => {
    const boilerplate = sources[3]!.text.slice(0, 3000);
    const index = new FingerprintIndex();
    for (let i = 0; i < 8; i++) {
      index.add(`copy-${i}.js`, `${boilerplate}\nfunction own${i}() { return ${i} * ${i + 1}; }\n`, {
        language: "javascript",
      });
    }
    expect(index.trace(boilerplate, { language: "javascript" })).toEqual([]);
  });

  it("finds nothing for unrelated code", () => {
    const index = new FingerprintIndex();
    for (const s of sources.filter((s) => !s.id.endsWith("help.js")))
      index.add(s.id, s.text, { language: "javascript" });
    const help = sources.find((s) => s.id.endsWith("help.js"))!.text;
    const unrelated = functionFrom(help, "  formatItemList(heading, items, helper) {", "  /**");
    expect(index.trace(unrelated, { language: "javascript" })).toEqual([]);
  });

  it("traces a watermarked, re-spaced excerpt of a document to the original", () => {
    const index = new FingerprintIndex();
    index.add("assessment-report.md", report, { language: "prose" });
    index.add("help.js", sources[3]!.text, { language: "javascript" });
    const excerpt = embedTextWatermark(report, 5).slice(1200, 2200).normalize("NFKC").replace(/\s+/g, " ");
    const [best] = index.trace(excerpt, { language: "prose" });
    expect(best?.source).toBe("assessment-report.md");
    expect(best!.suspectCoverage).toBeGreaterThan(0.8);
  });

  it("survives a round trip through plain rows", () => {
    const index = new FingerprintIndex();
    for (const s of sources) index.add(s.id, s.text, { language: "javascript" });
    const rows = index.toRows();
    expect(rows.length).toBeGreaterThan(100);
    expect(Object.keys(rows[0]!).sort()).toEqual(["end", "hash", "sourceId", "start"]);
    const restored = FingerprintIndex.fromRows(JSON.parse(JSON.stringify(rows)));
    const suspect = sources[4]!.text.slice(2000, 5000);
    expect(restored.trace(suspect, { language: "javascript" })).toEqual(
      index.trace(suspect, { language: "javascript" }),
    );
  });

  it("counts comment lines copied word for word as evidence, and an independent author's own comments as none", () => {
    const original = `public class Stock {
  // Reorder when the shelf falls below the safety margin of two weeks.
  public int reorder(int onHand, int dailySales) {
    int margin = dailySales * 14;
    // Never order more than one pallet at a time, the dock cannot take it.
    return onHand < margin ? Math.min(margin - onHand, 480) : 0;
  }
}`;
    const index = new FingerprintIndex();
    index.add("Stock.java", original, { language: "java" });
    index.add("help.js", sources[3]!.text, { language: "javascript" });
    // Rewritten code, but the comments came along.
    const copied = `class Inventory {
  // Reorder when the shelf falls below the safety margin of two weeks.
  int refill(int have, int perDay) {
    // never order MORE than one pallet at a time,   the dock cannot take it.
    if (have >= perDay * 14) return 0;
    int want = perDay * 14 - have;
    if (want > 480) want = 480;
    return want;
  }
}`;
    // The same code as the original, with the author's own comments.
    const independent = original
      .replace(
        "Reorder when the shelf falls below the safety margin of two weeks.",
        "Two weeks of sales is our minimum stock level.",
      )
      .replace(
        "Never order more than one pallet at a time, the dock cannot take it.",
        "Cap the order size at a full pallet.",
      );
    const fromCopy = index.trace(copied, { language: "java", minScore: 0, minMatches: 1 })[0];
    expect(fromCopy?.source).toBe("Stock.java");
    expect(fromCopy?.commentCoverage).toBe(1);
    expect(fromCopy!.score).toBeGreaterThan(fromCopy!.suspectCoverage);
    const fromIndependent = index.trace(independent, { language: "java", minScore: 0 })[0];
    expect(fromIndependent?.commentCoverage).toBe(0);
    expect(fromIndependent?.score).toBe(fromIndependent?.suspectCoverage);
  });

  it("scores partial rows like the whole index when given each source's totals", () => {
    const index = new FingerprintIndex();
    for (const s of sources) index.add(s.id, s.text, { language: "javascript" });
    const suspect = sources[4]!.text.slice(2000, 6000);
    const { hashes } = fingerprint(suspect, { language: "javascript" });
    const wanted = new Set(hashes.map((h) => h.hash));
    const rows = index.toRows();
    const totals = new Map(
      sources.map((s) => {
        const own = fingerprint(s.text, { language: "javascript" }).hashes.map((h) => h.hash);
        return [
          s.id,
          { distinctHashes: new Set(own).size, commentLines: new Set(own.filter(isCommentHash)).size },
        ];
      }),
    );
    const partial = FingerprintIndex.fromRows(
      rows.filter((r) => wanted.has(r.hash)),
      totals,
    );
    // Rarity weights need the number of sources: sources sharing nothing still count.
    for (const s of sources) if (!partial.sources.includes(s.id)) partial.addFingerprints(s.id, []);
    const whole = index.trace(suspect, { language: "javascript", minScore: 0 });
    expect(whole[0]!.commentCoverage).toBeGreaterThan(0);
    expect(whole[0]!.commentCoverage).toBeLessThan(1);
    expect(partial.trace(suspect, { language: "javascript", minScore: 0 })).toEqual(whole);
  });

  it("records fingerprint positions that point at the hashed text", () => {
    const text = sources[0]!.text;
    const { hashes } = fingerprint(text, { language: "javascript" });
    expect(hashes.length).toBeGreaterThan(10);
    for (const h of hashes) {
      expect(h.start).toBeGreaterThanOrEqual(0);
      expect(h.end).toBeLessThanOrEqual(text.length);
      expect(h.end).toBeGreaterThan(h.start);
    }
  });
});
