/**
 * Latin letters with a Cyrillic twin that renders identically in common fonts (i and s
 * through their Ukrainian and Macedonian forms). Only lower-case letters are used:
 * upper-case look-alikes differ in more fonts.
 */
export const latinToCyrillic: ReadonlyMap<string, string> = new Map([
  ["a", "\u0430"],
  ["c", "\u0441"],
  ["e", "\u0435"],
  ["o", "\u043e"],
  ["p", "\u0440"],
  ["x", "\u0445"],
  ["y", "\u0443"],
  ["i", "\u0456"],
  ["s", "\u0455"],
]);

export const cyrillicToLatin: ReadonlyMap<string, string> = new Map(
  [...latinToCyrillic].map(([latin, cyrillic]) => [cyrillic, latin]),
);

/** Zero-width characters that carry marks or are commonly inserted by editors. */
export const ZERO_WIDTH = /\u200b|\u200c|\u200d|\u2060|\ufeff/g;

/**
 * Folds Cyrillic look-alikes back to Latin, removes zero-width characters and applies
 * NFKC, so that a marked copy and its original compare equal.
 */
export function canonicalText(text: string): string {
  let out = "";
  for (const ch of text.replace(ZERO_WIDTH, "")) out += cyrillicToLatin.get(ch) ?? ch;
  return out.normalize("NFKC");
}
