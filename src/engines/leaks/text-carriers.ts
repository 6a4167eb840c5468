import { canonicalText, cyrillicToLatin, latinToCyrillic } from "./confusables.ts";

/** The independent places a text watermark hides bits in. */
export type WatermarkChannel = "confusable" | "space" | "zero-width";

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

const canon = (text: string) => canonicalText(text).toLowerCase();

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
