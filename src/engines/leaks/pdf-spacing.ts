import { canonicalText } from "./confusables.ts";
import { bitFor, equationFor, type Observation } from "./payload-code.ts";
import { decodeChannels, type WatermarkDecode } from "./text-watermark.ts";

/**
 * Word spacing as a watermark channel for PDFs we lay out: each gap between two words on a
 * line is either a normal space (0) or a wider one (1). It survives any font, including the
 * standard ones that cannot show the look-alike letters, and text clean-up of the
 * extracted words; it does not survive re-typing.
 */
export const WIDE_GAP = 1.4;

/** One gap between two words on a line, as read back from a PDF. */
export interface WordGap {
  before: string;
  after: string;
  /** Gap width divided by the font size. */
  ratio: number;
}

const DEFAULT_KEY = "warden-leak-watch";
const contextOf = (before: string, after: string) =>
  `w|${canonicalText(before).toLowerCase()}|${canonicalText(after).toLowerCase()}`;

/** Whether the gap between two words should be wide for this payload. */
export function wideGap(before: string, after: string, payload: number, key = DEFAULT_KEY): boolean {
  return bitFor(equationFor(contextOf(before, after), key), payload) === 1;
}

/**
 * Decodes word-spacing marks. Normal gaps are the narrow cluster of the document's own gaps,
 * so the decoder needs no knowledge of the font.
 */
export function decodeWordSpacing(gaps: readonly WordGap[], key = DEFAULT_KEY): WatermarkDecode {
  const ratios = gaps
    .map((g) => g.ratio)
    .filter((r) => r > 0)
    .sort((a, b) => a - b);
  const normal = ratios[Math.floor(ratios.length * 0.2)] ?? 0;
  const wide = normal * (1 + (WIDE_GAP - 1) / 2);
  const read = gaps.filter((g) => g.ratio > 0 && g.ratio < normal * WIDE_GAP * 1.5);
  const live = read.some((g) => g.ratio > wide);
  const observations: Observation[] = read.map((g) => {
    const context = contextOf(g.before, g.after);
    return { ...equationFor(context, key), bit: g.ratio > wide ? 1 : 0, group: context };
  });
  return decodeChannels(live ? [{ channel: "word-spacing", observations }] : [], {
    noMarks: "no spacing marks",
    tooFew: "too few gaps",
  });
}
