import { fmix32, hash32 } from "./hash32.ts";
import { guessLanguage, type SourceLanguage } from "./language.ts";
import { tokenizeProse } from "./tokenize-prose.ts";
import { type SourceComment, type Token, tokenizeSource } from "./tokenize-source.ts";

/** One selected fingerprint: a hash of k consecutive tokens and the text span they cover. */
export interface Fingerprint {
  hash: number;
  start: number;
  end: number;
}

export interface FingerprintOptions {
  /** Language of the text; guessed (code or prose) when absent. */
  language?: SourceLanguage;
  /** Tokens per k-gram (default 10 for code, 6 for prose). */
  k?: number;
  /** Winnowing window in k-grams (default 6 for code, 4 for prose). */
  window?: number;
}

export interface FingerprintResult {
  language: SourceLanguage;
  tokens: number;
  hashes: Fingerprint[];
}

/** String literals shorter than this are too common ("", "\n", "%d") to be evidence. */
const MIN_LITERAL = 12;
const LITERAL_SEED = 0x5eed;
const COMMENT_SEED = 0xc0de;

/**
 * Verbatim fingerprints (a string literal's or a comment line's text) have the lowest bit
 * set and k-gram fingerprints clear, so that a stored row still says which kind it is.
 */
export const isLiteralHash = (hash: number): boolean => (hash & 3) === 1;
/** Comment-line fingerprints: verbatim, with the second bit set too. */
export const isCommentHash = (hash: number): boolean => (hash & 3) === 3;
const BASE = 0x01000193;

/**
 * A comment line's words, lower case, without decoration (`*`, `/`, `#`, `-`, `=`), spacing
 * or a closing full stop (a marked copy may add or drop that full stop).
 */
export const commentWords = (line: string): string =>
  line
    .replace(/[*/#=\-\s]+/g, " ")
    .trim()
    .replace(/\.$/, "")
    .toLowerCase();

/**
 * Winnowing (Schleimer, Wilkerson, Aiken 2003): of every `window` consecutive k-gram hashes
 * keep the minimum (rightmost on ties), each selected position once. Any shared run of at
 * least `window + k - 1` tokens is guaranteed to share a fingerprint.
 */
export function winnow(hashes: ArrayLike<number>, window: number): number[] {
  const selected: number[] = [];
  const n = hashes.length;
  if (n === 0) return selected;
  if (n <= window) {
    let best = 0;
    for (let i = 1; i < n; i++) if (hashes[i]! <= hashes[best]!) best = i;
    selected.push(best);
    return selected;
  }
  let min = -1;
  for (let end = window - 1; end < n; end++) {
    const begin = end - window + 1;
    if (min < begin) {
      min = begin;
      for (let i = begin + 1; i <= end; i++) if (hashes[i]! <= hashes[min]!) min = i;
      selected.push(min);
    } else if (hashes[end]! <= hashes[min]!) {
      min = end;
      selected.push(min);
    }
  }
  return selected;
}

/** Tokens of a text in the tokenizer its language calls for; code comments go to `comments`. */
export function tokenize(text: string, language: SourceLanguage, comments?: SourceComment[]): Token[] {
  return language === "prose" ? tokenizeProse(text) : tokenizeSource(text, language, comments);
}

/**
 * Fingerprints a text for tracing: tokens (identifiers and literals masked for code,
 * canonical words for prose) → rolling k-gram hashes → winnowing. Long string literals and
 * comment lines add one fingerprint each, because leaked code usually keeps its messages and
 * its comments verbatim, while an independent solution of the same task words them its own
 * way even where its code is the same.
 *
 * @example
 * const { hashes } = fingerprint(javaSource, { language: "java" });
 * // hashes: [{ hash: 2882343476, start: 120, end: 188 }, …]
 */
export function fingerprint(text: string, options: FingerprintOptions = {}): FingerprintResult {
  const language = options.language ?? guessLanguage(text);
  const prose = language === "prose";
  const k = options.k ?? (prose ? 6 : 10);
  const window = options.window ?? (prose ? 4 : 6);
  const comments: SourceComment[] = [];
  const tokens = tokenize(text, language, comments);
  const hashes: Fingerprint[] = [];
  if (tokens.length >= k) {
    const ids = tokens.map((t) => hash32(t.text));
    let power = 1;
    for (let i = 1; i < k; i++) power = Math.imul(power, BASE);
    const grams = new Uint32Array(tokens.length - k + 1);
    let rolling = 0;
    for (let i = 0; i < tokens.length; i++) {
      if (i >= k) rolling = (rolling - Math.imul(ids[i - k]!, power)) | 0;
      rolling = (Math.imul(rolling, BASE) + ids[i]!) | 0;
      if (i >= k - 1) grams[i - k + 1] = fmix32(rolling);
    }
    for (const at of winnow(grams, window)) {
      hashes.push({ hash: (grams[at]! & ~1) >>> 0, start: tokens[at]!.start, end: tokens[at + k - 1]!.end });
    }
  }
  const seen = new Set<string>();
  for (const token of tokens) {
    const literal = token.literal?.toLowerCase();
    if (!literal || literal.length < MIN_LITERAL || seen.has(literal)) continue;
    seen.add(literal);
    hashes.push({
      hash: ((hash32(literal, LITERAL_SEED) & ~3) | 1) >>> 0,
      start: token.start,
      end: token.end,
    });
  }
  for (const comment of comments) {
    let at = comment.bodyStart;
    for (const line of comment.body.split("\n")) {
      const words = commentWords(line);
      const start = at;
      at += line.length + 1;
      if (words.length < MIN_LITERAL || seen.has(words)) continue;
      seen.add(words);
      hashes.push({ hash: (hash32(words, COMMENT_SEED) | 3) >>> 0, start, end: start + line.length });
    }
  }
  return { language, tokens: tokens.length, hashes };
}
