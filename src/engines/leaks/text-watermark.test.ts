import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { latinToCyrillic } from "./confusables.ts";
import { decodeTextWatermark, embedTextWatermark, stripTextWatermark } from "./text-watermark.ts";

const report = readFileSync(new URL("./fixtures/assessment-report.md", import.meta.url), "utf8");
const alice = 0x12_3456_789a;
const bob = 0x00_0000_0042;

const stripZeroWidth = (text: string) => text.replace(/[\u200b-\u200d\u2060\ufeff]/g, "");

/** Ordinary text from installed packages: prose (READMEs, licences) and code. */
function unmarkedCorpus(limit: number): string[] {
  const root = join(process.cwd(), "node_modules");
  const texts: string[] = [];
  for (const name of readdirSync(root).sort()) {
    for (const file of ["README.md", "readme.md", "LICENSE", "index.js"]) {
      const path = join(root, name, file);
      if (existsSync(path) && texts.length < limit) texts.push(readFileSync(path, "utf8").slice(0, 200_000));
    }
  }
  return texts;
}

describe("text watermark", () => {
  it("decodes a copy-paste of 20 % of a marked document to its recipient", () => {
    const marked = embedTextWatermark(report, alice);
    const length = Math.floor(marked.length * 0.2);
    for (const start of [0, 700, 1500, 2600, marked.length - length]) {
      const result = decodeTextWatermark(marked.slice(start, start + length));
      expect(result).toMatchObject({ verdict: "found", payload: alice });
    }
  });

  it("decodes 600 characters after NFKC, after zero-width stripping and after whitespace collapsing", () => {
    const marked = embedTextWatermark(report, alice);
    const transforms = {
      nfkc: (t: string) => t.normalize("NFKC"),
      stripZeroWidth,
      collapse: (t: string) => t.replace(/\s+/gu, " "),
      "nfkc and collapse": (t: string) => t.normalize("NFKC").replace(/\s+/gu, " "),
    };
    for (const [name, transform] of Object.entries(transforms)) {
      for (const start of [100, 900, 1800, 2500, 3300]) {
        const result = decodeTextWatermark(transform(marked.slice(start, start + 600)));
        expect({ name, start, ...result }).toMatchObject({ name, start, verdict: "found", payload: alice });
        if (result.verdict === "found") expect(result.confidence).toBeGreaterThan(0.999999);
      }
    }
  });

  it("never changes a letter: every word of the original is found in a marked copy by a plain search", () => {
    const text = `${report}\nThe vendor's "clean room" - as agreed - isn't shared; it's the ledger's copy.\n`;
    const marked = embedTextWatermark(text, alice);
    const words = (t: string) => t.match(/[\p{L}\p{N}]+/gu) ?? [];
    expect(words(marked)).toEqual(words(text));
    for (const word of new Set(words(text))) expect(marked.includes(word)).toBe(true);
    expect(marked).not.toMatch(/[\u0400-\u04ff]/u);
  });

  it("writes curly quotes, apostrophes and en dashes as marks that survive NFKC, zero-width stripping and collapsing", () => {
    // Quotes, apostrophes and spaced hyphens among the report's own words, so that every place differs.
    const words = [...new Set(report.match(/\p{L}{4,}/gu))];
    const w = (i: number) => words[i % words.length]!;
    const sentence = (i: number) =>
      `The ${w(4 * i)}'s ${w(4 * i + 1)} said "${w(4 * i + 2)}" - ${w(4 * i + 3)} agreed.`;
    const text = Array.from({ length: 30 }, (_, i) => sentence(i)).join("\n");
    const marked = embedTextWatermark(text, bob);
    expect(marked).toMatch(/[\u2019\u201c\u201d\u2013]/u);
    const battered = stripZeroWidth(marked.normalize("NFKC")).replace(/\s+/gu, " ");
    const result = decodeTextWatermark(battered);
    expect(result).toMatchObject({ verdict: "found", payload: bob });
    if (result.verdict === "found")
      expect(result.channels.filter((c) => c.carriers > 0).map((c) => c.channel)).toEqual(["punctuation"]);
  });

  it("decodes a 250-character excerpt among the recorded payloads of its document, not blind", () => {
    const marked = embedTextWatermark(report, alice);
    const excerpt = marked.slice(1200, 1450);
    expect(decodeTextWatermark(excerpt).verdict).toBe("none");
    const result = decodeTextWatermark(excerpt, { candidates: [bob, alice, 77] });
    expect(result).toMatchObject({ verdict: "found", payload: alice });
    expect(decodeTextWatermark(report.slice(1200, 1450), { candidates: [bob, alice, 77] }).verdict).toBe(
      "none",
    );
  });

  it("decodes a marked paragraph pasted inside unmarked text", () => {
    const marked = embedTextWatermark(report, bob);
    const post = `${report.slice(0, 700).replace(/\s+/gu, " ")} As my contact put it: ${marked.slice(1500, 2300)} Anyway, thoughts? ${report.slice(3000, 3600)}`;
    expect(decodeTextWatermark(post)).toMatchObject({ verdict: "found", payload: bob });
  });

  it("gives two recipients' copies that decode to different recipients", () => {
    const forAlice = embedTextWatermark(report, alice);
    const forBob = embedTextWatermark(report, bob);
    expect(forAlice).not.toBe(forBob);
    expect(decodeTextWatermark(forAlice.slice(1000, 2000))).toMatchObject({ payload: alice });
    expect(decodeTextWatermark(forBob.slice(1000, 2000))).toMatchObject({ payload: bob });
  });

  it("looks the same as the original once the marks are folded away", () => {
    const marked = embedTextWatermark(report, alice);
    expect(marked).not.toBe(report);
    expect(stripTextWatermark(marked)).toBe(report);
    expect(stripZeroWidth(marked).length).toBe(report.length);
  });

  it("keeps zero-width characters that are part of the author's text", () => {
    const persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645";
    const text = `${report.slice(0, 1200)}\n${persian}\n`;
    expect(embedTextWatermark(text, alice)).toContain(persian);
    expect(stripTextWatermark(embedTextWatermark(text, alice))).toBe(text);
  });

  it("re-marking a marked copy replaces the earlier payload", () => {
    const twice = embedTextWatermark(embedTextWatermark(report, alice), bob);
    expect(decodeTextWatermark(twice)).toMatchObject({ verdict: "found", payload: bob });
  });

  it("leaves code blocks, URLs, paths and numbers untouched", () => {
    const text = `${report.slice(0, 1500)}\n\n\`\`\`js\nconst total = price * count; // compute the sum\n\`\`\`\n\nSee https://example.com/docs/page.html or mail ops@example.com about release 2.4.1 in src/app/main.ts.\n`;
    const marked = embedTextWatermark(text, alice);
    for (const kept of [
      "const total = price * count; // compute the sum",
      "https://example.com/docs/page.html",
      "ops@example.com",
      "2.4.1",
      "src/app/main.ts.",
    ]) {
      expect(marked).toContain(kept);
    }
  });

  it("leaves Markdown front matter untouched", () => {
    const page = `---\ntitle: Vendor access review\nlayout: page\n---\n${report}`;
    const marked = embedTextWatermark(page, alice);
    expect(marked.startsWith("---\ntitle: Vendor access review\nlayout: page\n---\n")).toBe(true);
    expect(decodeTextWatermark(marked)).toMatchObject({ verdict: "found", payload: alice });
  });

  it("finds no recipient in many unmarked documents and source files", () => {
    const corpus = [report, ...unmarkedCorpus(400)];
    expect(corpus.length).toBeGreaterThan(100);
    for (const text of corpus) expect(decodeTextWatermark(text).verdict).toBe("none");
  });

  it("refuses to name anyone when look-alikes and odd spaces are random noise", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 20; round++) {
      const noisy = [...report]
        .map((ch) => {
          const twin = latinToCyrillic.get(ch);
          if (twin && random() < 0.5) return twin;
          if (ch === " " && random() < 0.3) return "\u2005";
          return ch;
        })
        .join("");
      expect(decodeTextWatermark(noisy).verdict).toBe("none");
    }
  });

  it("rejects a payload that does not fit in 40 bits", () => {
    expect(() => embedTextWatermark(report, 2 ** 40)).toThrow(/40 bits/);
    expect(() => embedTextWatermark(report, -1)).toThrow(/40 bits/);
  });
});
