import { type CanaryHit, findCanaries } from "./canary.ts";
import type { FingerprintIndex, TraceMatch } from "./fingerprint-index.ts";
import { guessLanguage, languageFromPath, type SourceLanguage } from "./language.ts";
import { decodeSourceWatermark } from "./source-watermark.ts";
import { decodeTextWatermark, type WatermarkDecode, type WatermarkOptions } from "./text-watermark.ts";

export interface Suspect {
  text: string;
  /** File name or label; its extension picks the tokenizer. */
  name?: string;
  language?: SourceLanguage;
  /** Document metadata (DOCX properties, PDF information) searched for canary tokens. */
  metadata?: string;
}

export interface TraceLeakOptions extends WatermarkOptions {
  /** Fingerprints of everything shared or delivered; without it only marks are read. */
  index?: FingerprintIndex;
  /** Read watermarks and canaries (default true). */
  decode?: boolean;
  /** Names the recipient of a payload (the distribution records live elsewhere). */
  recipientOf?: (payload: number) => string | undefined;
  /**
   * The payloads of the copies recorded for a source: an excerpt aligned to that source is
   * decoded among them, which needs far fewer marks than a blind decode.
   */
  payloadsOf?: (source: string) => readonly number[];
  minScore?: number;
  limit?: number;
}

/** One piece of evidence, in words a security officer can put in a case file. */
export interface Evidence {
  kind: "fingerprint" | "watermark" | "canary";
  detail: string;
  confidence: number;
}

export interface LeakReport {
  /** The most likely source file or document, if fingerprints found one. */
  source?: string;
  sourceConfidence: number;
  /** The payload naming the recipient's copy, if a mark was found. */
  payload?: number;
  recipient?: string;
  recipientConfidence: number;
  /** When marks disagree (two copies mixed, or a copy re-shared), every payload seen. */
  conflictingPayloads: number[];
  matches: TraceMatch[];
  watermark?: WatermarkDecode;
  canaries: CanaryHit[];
  evidence: Evidence[];
}

/** Probability that a canary's 40-bit MAC matches by chance. */
const CANARY_CONFIDENCE = 1 - 2 ** -40;

/**
 * Traces a suspect text: fingerprint matches against the index say where it came from;
 * the text or code watermark and canary tokens say whose copy it was. Returns the most
 * likely source and recipient, each with a confidence, and the evidence behind them.
 *
 * @example
 * const report = traceLeak({ text: pasted, name: "snippet.java" }, { index, recipientOf: (p) => rows.get(p) });
 * // { source: "svc/Billing.java", sourceConfidence: 0.91, recipient: "acme:j.doe", recipientConfidence: 0.99…, evidence: [...] }
 */
export function traceLeak(suspect: Suspect, options: TraceLeakOptions = {}): LeakReport {
  const language =
    suspect.language ??
    (suspect.name ? languageFromPath(suspect.name) : undefined) ??
    guessLanguage(suspect.text);
  const evidence: Evidence[] = [];
  const matches = options.index
    ? options.index.trace(suspect.text, { language, minScore: options.minScore, limit: options.limit })
    : [];
  const best = matches[0];
  let sourceConfidence = 0;
  if (best) {
    // Sources matching exactly as well are copies of the same content (several recipients'
    // copies, a vendored file): they do not make the source doubtful. A close but lower
    // second does.
    const equal = matches.filter(
      (m) => m.score === best.score && m.matchedFingerprints === best.matchedFingerprints,
    );
    const runnerUp = matches.find((m) => m.score < best.score);
    const margin = runnerUp ? 1 - runnerUp.score / best.score : 1;
    sourceConfidence = round(best.score * (0.5 + 0.5 * margin));
    const comments =
      best.commentCoverage > 0
        ? `, ${Math.round(best.commentCoverage * 100)} % of its comment lines word for word`
        : "";
    const also = equal.length > 1 ? `; matches ${equal.length - 1} other source(s) equally well` : "";
    evidence.push({
      kind: "fingerprint",
      detail: `${best.matchedFingerprints} fingerprints in ${best.regions.length} region(s) match ${best.source}; ${Math.round(best.suspectCoverage * 100)} % of the suspect, ${Math.round(best.sourceCoverage * 100)} % of the source${comments}${also}`,
      confidence: sourceConfidence,
    });
  }

  const payloads = new Map<number, number>();
  let watermark: WatermarkDecode | undefined;
  let canaries: CanaryHit[] = [];
  if (options.decode !== false) {
    watermark = decodeTextWatermark(suspect.text, options);
    const aligned = best?.regions[0];
    if (watermark.verdict === "none" && best && aligned) {
      // The excerpt the index aligned, read on its own among the copies of its source.
      const region = suspect.text.slice(aligned.suspectStart, aligned.suspectEnd);
      // The same document shared twice matches every distribution equally: read among all their copies.
      const candidates = [...new Set(matches.flatMap((m) => options.payloadsOf?.(m.source) ?? []))];
      const local = decodeTextWatermark(region, { ...options, candidates });
      if (local.verdict === "found") {
        watermark = local;
        payloads.set(local.payload, local.confidence);
        evidence.push({
          kind: "watermark",
          detail: `characters ${aligned.suspectStart}–${aligned.suspectEnd}, aligned with ${best.source}, decode to payload ${local.payload}${candidates.length ? ` among its ${candidates.length} recorded copies` : ""}`,
          confidence: local.confidence,
        });
      }
    }
    if (watermark.verdict === "none" && language !== "prose") {
      const fromLayout = decodeSourceWatermark(suspect.text, language, options);
      if (fromLayout.verdict === "found") watermark = fromLayout;
    }
    for (const part of decodeParts(suspect.text, options)) {
      if (payloads.has(part.payload)) continue;
      payloads.set(part.payload, part.confidence);
      evidence.push({
        kind: "watermark",
        detail: `characters ${part.start}–${part.end} decode to payload ${part.payload}`,
        confidence: part.confidence,
      });
    }
    if (watermark.verdict === "found" && !payloads.has(watermark.payload)) {
      payloads.set(watermark.payload, watermark.confidence);
      const channels = watermark.channels.map((c) => `${c.channel} ${c.agreeing}/${c.carriers}`).join(", ");
      evidence.push({
        kind: "watermark",
        detail: `watermark decodes to payload ${watermark.payload} (${channels})`,
        confidence: watermark.confidence,
      });
    }
    canaries = findCanaries(`${suspect.metadata ?? ""}\n${suspect.text}`, options);
    for (const hit of canaries) {
      payloads.set(hit.payload, Math.max(payloads.get(hit.payload) ?? 0, CANARY_CONFIDENCE));
      evidence.push({
        kind: "canary",
        detail: `canary ${hit.token} names payload ${hit.payload}`,
        confidence: CANARY_CONFIDENCE,
      });
    }
  }

  const ranked = [...payloads].sort((a, b) => b[1] - a[1]);
  const [top] = ranked;
  const report: LeakReport = {
    sourceConfidence,
    recipientConfidence: 0,
    conflictingPayloads: ranked.length > 1 ? ranked.map(([p]) => p) : [],
    matches,
    canaries,
    evidence,
  };
  if (best) report.source = best.source;
  if (watermark) report.watermark = watermark;
  if (top) {
    report.payload = top[0];
    // Two different copies' marks in one suspect: still evidence, but of more than one person.
    report.recipientConfidence = round(ranked.length > 1 ? top[1] / ranked.length : top[1]);
    const recipient = options.recipientOf?.(top[0]);
    if (recipient !== undefined) report.recipient = recipient;
  }
  return report;
}

/** Window for finding several copies' marks in one suspect. */
const PART_LENGTH = 1500;

/**
 * Decodes parts of a long suspect on their own: a paste that joins two recipients' copies
 * does not decode as a whole, but each part names its copy.
 */
function decodeParts(
  text: string,
  options: WatermarkOptions,
): { payload: number; confidence: number; start: number; end: number }[] {
  if (text.length < 2 * PART_LENGTH) return [];
  const size = Math.max(PART_LENGTH, Math.ceil(text.length / 8));
  const found: { payload: number; confidence: number; start: number; end: number }[] = [];
  for (let start = 0; start < text.length; start += size) {
    const end = Math.min(text.length, start + size);
    const result = decodeTextWatermark(text.slice(start, end), options);
    if (result.verdict === "found")
      found.push({ payload: result.payload, confidence: result.confidence, start, end });
  }
  return found;
}

const round = (value: number) => Math.floor(value * 1e6) / 1e6;
