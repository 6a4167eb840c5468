import { cyrillicToLatin } from "./confusables.ts";
import type { Token } from "./tokenize-source.ts";

const WORD = /(?:[\p{L}\p{N}]|\u200b|\u200c|\u200d|\u2060|\ufeff)+/gu;

/**
 * Splits a document into canonical words (lower case, NFKC, Cyrillic look-alikes folded,
 * zero-width characters removed) with their places in the original text. Punctuation,
 * whitespace and watermarks therefore do not change the word stream.
 */
export function tokenizeProse(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    let word = "";
    for (const ch of match[0]) {
      const code = ch.charCodeAt(0);
      if (code === 0x200b || code === 0x200c || code === 0x200d || code === 0x2060 || code === 0xfeff)
        continue;
      word += cyrillicToLatin.get(ch) ?? ch;
    }
    if (!word) continue;
    const start = match.index;
    tokens.push({ text: word.normalize("NFKC").toLowerCase(), start, end: start + match[0].length });
  }
  return tokens;
}
