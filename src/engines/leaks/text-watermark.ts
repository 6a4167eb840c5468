import { WardenError } from "../../domain/errors.ts";
import { cyrillicToLatin } from "./confusables.ts";
import {
  bitFor,
  equationFor,
  MAX_FALSE_POSITIVE,
  MAX_PAYLOAD,
  matchPayload,
  type Observation,
  solvePayload,
} from "./payload-code.ts";
import {
  type Carrier,
  findCarriers,
  MARK_SPACE,
  PUNCTUATION_MARKS,
  typographicForm,
  type WatermarkChannel,
  ZERO_WIDTH_BITS,
} from "./text-carriers.ts";

export interface WatermarkOptions {
  /** Secret that scrambles where bits go; decoding needs the same key. */
  key?: string;
  /**
   * Payloads recorded for the document the text is known to come from (an aligned excerpt):
   * with them a short excerpt decodes from fewer marks than a blind decode needs.
   */
  candidates?: readonly number[];
}

export interface ChannelReport {
  channel: WatermarkChannel | "trailing-space" | "comment-stop" | "word-spacing";
  /** Marked places found in the text. */
  carriers: number;
  /** Of those, how many agree with the decoded payload. */
  agreeing: number;
}

/** What a decode found: a payload with its confidence, or `none`. */
export type WatermarkDecode =
  | { verdict: "found"; payload: number; confidence: number; channels: ChannelReport[] }
  | { verdict: "none"; confidence: number; channels: ChannelReport[]; reason: string };

const DEFAULT_KEY = "warden-leak-watch";

/** Removes earlier marks so that re-marking a marked copy does not mix two payloads. */
export function stripTextWatermark(text: string): string {
  const carriers = findCarriers(text);
  const units = text.split("");
  for (const c of carriers) {
    if (c.channel === "confusable" && c.bit === 1)
      units[c.at] = cyrillicToLatin.get(units[c.at]!) ?? units[c.at]!;
    if (c.channel === "space" && c.bit === 1) units[c.at] = " ";
    // Only marks where a mark can be: a zero-width non-joiner elsewhere may be the author's.
    if (c.channel === "zero-width" && c.bit !== undefined) units[c.at] = "";
    if (c.channel === "punctuation" && c.bit === 1) units[c.at] = PUNCTUATION_MARKS[units[c.at]!]!;
  }
  return units.join("");
}

function checkPayload(payload: number): void {
  if (!Number.isSafeInteger(payload) || payload < 0 || payload > MAX_PAYLOAD) {
    throw new WardenError(
      "invalid_input",
      `Watermark payload must be an integer from 0 to ${MAX_PAYLOAD} (40 bits): got ${payload}.`,
    );
  }
}

/**
 * Marks a text with a 40-bit payload through three independent channels that never change a
 * letter of a word (a recipient's search for any word finds it): U+2005 spaces between words
 * (survive zero-width stripping, DOCX and PDF), zero-width characters after some words
 * (survive NFKC and whitespace collapsing) and punctuation forms, straight or curly quotes and
 * apostrophes and a spaced hyphen or en dash (survive all of those). Every carrier holds a
 * check on the whole payload, so any excerpt of a few hundred characters decodes. Code
 * blocks, URLs, paths, addresses and numbers are left untouched; the author's own curly
 * quotes and dashes are carriers like any other.
 *
 * @example
 * const copy = embedTextWatermark(report, 0x2a_0000_0007);
 * decodeTextWatermark(copy.slice(1000, 3000)); // { verdict: "found", payload: 0x2a00000007, … }
 */
export function embedTextWatermark(text: string, payload: number, options: WatermarkOptions = {}): string {
  checkPayload(payload);
  const key = options.key ?? DEFAULT_KEY;
  const clean = stripTextWatermark(text);
  const units = clean.split("");
  const insertions: { at: number; mark: string }[] = [];
  for (const carrier of findCarriers(clean)) {
    const equation = equationFor(carrier.context, key);
    const bit = bitFor(equation, payload);
    // Look-alike letters are read from old copies, never written: they changed words.
    if (carrier.channel === "confusable") continue;
    if (carrier.channel === "punctuation") {
      if (bit) units[carrier.at] = typographicForm(clean, carrier.at);
    } else if (carrier.channel === "space") {
      if (bit) units[carrier.at] = MARK_SPACE;
    } else {
      // Every word: after NFKC and whitespace collapsing this channel alone must carry 600 characters.
      insertions.push({ at: carrier.at, mark: ZERO_WIDTH_BITS[bit]! });
    }
  }
  for (const { at, mark } of insertions.sort((a, b) => b.at - a.at)) {
    units[at - 1] = units[at - 1]! + mark;
  }
  return units.join("");
}

/**
 * Reads a payload back from a marked text or any excerpt of it. Channels that carry no mark
 * at all (stripped, normalised away, or never marked) are ignored; the rest are solved
 * together. Below the confidence threshold the answer is `none`: an unmarked text never
 * names anyone.
 */
export function decodeTextWatermark(text: string, options: WatermarkOptions = {}): WatermarkDecode {
  const key = options.key ?? DEFAULT_KEY;
  const candidates = options.candidates ?? [];
  const carriers = findCarriers(text);
  const outside = decodeCarriers(carriers, key, trustedSpan(text), candidates);
  if (outside.verdict === "found") return outside;
  // A marked excerpt pasted inside unmarked text: the unmarked words around it would read as
  // errors, so read only the stretch between the first and the last mark.
  const span = markedSpan(carriers);
  const within = span ? decodeCarriers(carriers, key, span, candidates) : outside;
  if (within.verdict === "found" || !/^\s{0,3}(```|~~~)/m.test(text)) return within;
  // The excerpt may start inside a fenced code block: read it the other way too.
  const inside = decodeCarriers(
    findCarriers(text, { startsInCodeBlock: true }),
    key,
    trustedSpan(text),
    candidates,
  );
  return inside.verdict === "found" || inside.confidence > outside.confidence ? inside : outside;
}

/** From the first to the last carrier holding a mark, when that leaves out some carriers. */
function markedSpan(carriers: readonly Carrier[]): [number, number] | undefined {
  let from = Number.POSITIVE_INFINITY;
  let to = -1;
  for (const c of carriers) {
    const marked = c.bit === 1 || (c.channel === "zero-width" && c.bit === 0);
    if (!marked) continue;
    from = Math.min(from, c.at);
    to = Math.max(to, c.at + 1);
  }
  if (to < 0) return undefined;
  const inside = carriers.filter((c) => c.at >= from && c.at < to).length;
  return inside < carriers.length ? [from, to] : undefined;
}

/**
 * An excerpt may cut its first and last words: carriers whose context reaches into them
 * would read as errors, so only those between the first whole word and the last whitespace
 * count.
 */
function trustedSpan(text: string): [number, number] {
  const firstSpace = text.search(/\s/u);
  if (firstSpace < 0) return [0, 0];
  const word = /[\p{L}\p{N}]+/gu;
  word.lastIndex = firstSpace;
  const firstWhole = word.exec(text);
  let lastSpace = text.length - 1;
  while (lastSpace > 0 && !/\s/u.test(text[lastSpace]!)) lastSpace--;
  return [firstWhole ? firstWhole.index + firstWhole[0].length : text.length, lastSpace];
}

function decodeCarriers(
  found: readonly Carrier[],
  key: string,
  [from, to]: [number, number],
  candidates: readonly number[],
): WatermarkDecode {
  const carriers = found.filter((c) => c.at >= from && c.at < to);
  const live = new Set<WatermarkChannel>();
  for (const c of carriers)
    if (c.bit === 1 || (c.channel === "zero-width" && c.bit === 0)) live.add(c.channel);
  const used = carriers.filter((c) => live.has(c.channel) && c.bit !== undefined);
  const observations: (Observation & { carrier: Carrier })[] = used.map((carrier) => ({
    ...equationFor(carrier.context, key),
    bit: carrier.bit!,
    group: carrier.context,
    carrier,
  }));
  return decodeChannels(
    [...live].map((channel) => ({
      channel,
      observations: observations.filter((o) => o.carrier.channel === channel),
    })),
    { noMarks: "no watermark channel present", tooFew: "too few marked places to decode" },
    candidates,
  );
}

/**
 * The payload the marks of every channel agree on, with each channel's count of marks and of
 * those agreeing; `none`, with its reason, when there are no marks, too few, or they disagree
 * beyond chance (a false attribution costs more than a missed one).
 */
export function decodeChannels(
  channels: readonly { channel: ChannelReport["channel"]; observations: readonly Observation[] }[],
  reasons: { noMarks: string; tooFew: string },
  candidates: readonly number[] = [],
): WatermarkDecode {
  const observations = channels.flatMap((c) => c.observations);
  const report = (payload?: number): ChannelReport[] =>
    channels.map((c) => ({
      channel: c.channel,
      carriers: c.observations.length,
      agreeing: payload === undefined ? 0 : c.observations.filter((o) => bitFor(o, payload) === o.bit).length,
    }));
  let solution = observations.length ? solvePayload(observations) : undefined;
  if ((!solution || solution.falsePositive > MAX_FALSE_POSITIVE) && candidates.length) {
    const matched = matchPayload(observations, candidates);
    if (matched && (!solution || matched.falsePositive < solution.falsePositive)) solution = matched;
  }
  if (!solution) {
    const reason = observations.length ? reasons.tooFew : reasons.noMarks;
    return { verdict: "none", confidence: 0, channels: report(), reason };
  }
  const confidence = 1 - solution.falsePositive;
  if (solution.falsePositive > MAX_FALSE_POSITIVE) {
    return {
      verdict: "none",
      confidence,
      channels: report(),
      reason: `checks disagree (${solution.agreeing} of ${solution.equations} agree)`,
    };
  }
  return { verdict: "found", payload: solution.payload, confidence, channels: report(solution.payload) };
}
