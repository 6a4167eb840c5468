import { canonicalText, cyrillicToLatin, latinToCyrillic } from "./confusables.ts";

/**
 * The independent places a text watermark hides bits in. `punctuation` (straight or curly
 * apostrophes and double quotes, a spaced hyphen or an en dash) survives NFKC, zero-width
 * stripping, whitespace collapsing and DOCX and PDF round trips; `space` (U+2005 or a plain
 * space) and `zero-width` are far denser but each dies under one of those. `confusable`
 * (Cyrillic look-alike letters) is only read, from copies marked before it was retired: it
 * changed the letters of words, so a recipient's search could not find them.
 */
export type WatermarkChannel = "confusable" | "space" | "zero-width" | "punctuation";

/**
 * One place in a text that carries one bit. `context` is made of the surrounding words in
 * canonical form, so the same carrier is found again in any excerpt, after NFKC, after
 * zero-width stripping and after whitespace collapsing.
 */
export interface Carrier {
  channel: WatermarkChannel;
  /** UTF-16 offset of the carrying character (for zero-width: where it sits or would be inserted). */
  at: number;
  context: string;
  /** The bit read there now; undefined for a zero-width place that holds no mark. */
  bit: 0 | 1 | undefined;
}

export const MARK_SPACE = "\u2005";
export const ZERO_WIDTH_BITS = ["\u200b", "\u200c"] as const;

const WHITESPACE = /\s/u;
const WORD = /[\p{L}\p{N}]+/gu;
/** Chunks that look like code, URLs, paths, mail addresses or numbers are never marked. */
const CODE_LIKE = /[/@_\\`{}<>=;#$%^&*|~[\]]|\.\p{L}|\d/u;
const FENCE = /^\s{0,3}(```|~~~)/;
const ASCII_LETTER = /^[A-Za-z]$/;

/** Typographic forms the punctuation channel writes for a 1, with the plain form it writes for a 0. */
export const PUNCTUATION_MARKS: Readonly<Record<string, string>> = {
  "\u2019": "'",
  "\u201c": '"',
  "\u201d": '"',
  "\u2013": "-",
};
const TYPOGRAPHIC = /[\u2019\u201c\u201d\u2013]/gu;

/** A chunk's canonical form: the same in every copy whatever the marks (look-alikes, zero-width, punctuation forms). */
const canon = (text: string) =>
  canonicalText(text)
    .toLowerCase()
    .replace(TYPOGRAPHIC, (ch) => PUNCTUATION_MARKS[ch]!);

/**
 * A word can carry look-alike marks when it is Latin and keeps at least one letter that has
 * no Cyrillic twin: marking never changes that letter, so marked and unmarked copies agree
 * on which words qualify, and Cyrillic words never do.
 */
function isMarkableWord(word: string): boolean {
  let anchor = false;
  for (const ch of word) {
    if (cyrillicToLatin.has(ch)) continue;
    if (!ASCII_LETTER.test(ch)) return false;
    if (!latinToCyrillic.has(ch)) anchor = true;
  }
  return anchor;
}

const isZeroWidthMark = (ch: string | undefined) => ch === ZERO_WIDTH_BITS[0] || ch === ZERO_WIDTH_BITS[1];

/**
 * Finds every carrier of a text, marked or not. Lines inside fenced code blocks and chunks
 * that look like code or addresses are left alone so that marking never breaks them. An
 * excerpt may begin inside a code block, which only the caller can guess.
 */
export function findCarriers(text: string, options: { startsInCodeBlock?: boolean } = {}): Carrier[] {
  const carriers: Carrier[] = [];
  let inFence = options.startsInCodeBlock ?? false;
  let previousWord = "";
  let lineStart = 0;
  // YAML front matter (Markdown) is data, not prose: its keys must stay byte for byte.
  const frontMatter = /^---\r?\n[\s\S]*?\n---\r?\n/.exec(text);
  if (frontMatter) lineStart = frontMatter[0].length;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    if (FENCE.test(line)) {
      inFence = !inFence;
      // A word before a code block is not part of the context after it: an excerpt may hold only one side.
      previousWord = "";
    } else if (!inFence) previousWord = scanLine(line, lineStart, previousWord, carriers);
    lineStart = lineEnd + 1;
  }
  return carriers;
}

function scanLine(line: string, offset: number, previousWord: string, carriers: Carrier[]): string {
  // Chunks: maximal runs of non-whitespace (zero-width marks are not whitespace).
  const chunks: { start: number; end: number; text: string; prose: boolean }[] = [];
  let i = 0;
  while (i < line.length) {
    if (WHITESPACE.test(line[i]!)) {
      i++;
      continue;
    }
    const start = i;
    while (i < line.length && !WHITESPACE.test(line[i]!)) i++;
    const chunk = line.slice(start, i);
    chunks.push({ start, end: i, text: chunk, prose: !CODE_LIKE.test(canonicalText(chunk)) });
  }
  let lastWord = previousWord;
  for (let c = 0; c < chunks.length; c++) {
    const chunk = chunks[c]!;
    const before = chunks[c - 1];
    if (before?.prose && chunk.prose && chunk.start - before.end === 1) {
      const gap = line[before.end]!;
      if (gap === " " || gap === MARK_SPACE) {
        carriers.push({
          channel: "space",
          at: offset + before.end,
          context: `s|${canon(before.text)}|${canon(chunk.text)}`,
          bit: gap === MARK_SPACE ? 1 : 0,
        });
      }
    }
    if (chunk.prose) punctuationCarriers(chunk, line, offset, lastWord, chunks[c + 1], carriers);
    for (const match of chunk.text.matchAll(WORD)) {
      const word = match[0];
      const canonical = canon(word);
      if (chunk.prose && isMarkableWord(word)) {
        const wordAt = offset + chunk.start + match.index;
        let position = 0;
        for (const ch of word) {
          const latin = cyrillicToLatin.get(ch) ?? ch;
          if (latinToCyrillic.has(latin)) {
            carriers.push({
              channel: "confusable",
              at: wordAt + position,
              context: `c|${lastWord}|${canonical}|${position}`,
              bit: cyrillicToLatin.has(ch) ? 1 : 0,
            });
          }
          position += ch.length;
        }
        const after = chunk.text[match.index + word.length];
        carriers.push({
          channel: "zero-width",
          at: wordAt + word.length,
          context: `z|${lastWord}|${canonical}`,
          bit: isZeroWidthMark(after) ? (after === ZERO_WIDTH_BITS[1] ? 1 : 0) : undefined,
        });
      }
      lastWord = canonical;
    }
  }
  return lastWord;
}

const LETTER = /\p{L}/u;
const CLOSING_TAIL = /^[.,;:!?)]*$/u;

/**
 * Punctuation carriers of one prose chunk: an apostrophe between two letters (' or ’), a
 * double quote at either end (" or “ ”), or the chunk being a lone dash between words (- or
 * –). Each is named by the canonical chunk, so marking one never moves another's context.
 */
function punctuationCarriers(
  chunk: { start: number; end: number; text: string },
  line: string,
  offset: number,
  lastWord: string,
  next: { text: string; prose: boolean } | undefined,
  carriers: Carrier[],
): void {
  const text = chunk.text;
  const canonical = canon(text);
  if (text === "-" || text === "\u2013") {
    const spaced = WHITESPACE.test(line[chunk.start - 1] ?? "") && WHITESPACE.test(line[chunk.end] ?? "");
    if (spaced && next?.prose && lastWord) {
      carriers.push({
        channel: "punctuation",
        at: offset + chunk.start,
        context: `d|${lastWord}|${canon(next.text)}`,
        bit: text === "-" ? 0 : 1,
      });
    }
    return;
  }
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "'" || ch === "\u2019") {
      if (!LETTER.test(text[i - 1] ?? "") || !LETTER.test(text[i + 1] ?? "")) continue;
      carriers.push({
        channel: "punctuation",
        at: offset + chunk.start + i,
        context: `a|${lastWord}|${canonical}|${i}`,
        bit: ch === "'" ? 0 : 1,
      });
    } else if (ch === '"' || ch === "\u201c" || ch === "\u201d") {
      // Only a quote that opens or closes the chunk (closing may be followed by punctuation).
      if (text.length < 2 || (i > 0 && !CLOSING_TAIL.test(text.slice(i + 1)))) continue;
      carriers.push({
        channel: "punctuation",
        at: offset + chunk.start + i,
        context: `q|${lastWord}|${canonical}|${i}`,
        bit: ch === '"' ? 0 : 1,
      });
    }
  }
}

/** The typographic form a punctuation carrier takes for a 1 (the plain form is its 0). */
export function typographicForm(text: string, at: number): string {
  const ch = text[at]!;
  if (ch === "-" || ch === "\u2013") return "\u2013";
  if (ch === "'" || ch === "\u2019") return "\u2019";
  // A quote that opens a chunk opens the quotation.
  return at === 0 || /\s/u.test(text[at - 1]!) || text[at - 1] === "(" ? "\u201c" : "\u201d";
}
