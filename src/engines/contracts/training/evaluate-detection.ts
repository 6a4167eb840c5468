import { createHash } from "node:crypto";
import type { ClauseModel } from "../clause-model.ts";
import { CLAUSE_TYPES, type ClauseType } from "../clause-types.ts";
import { type DetectionOptions, detectClauses } from "../detect-clauses.ts";
import { segmentClauses } from "../segment-clauses.ts";
import { type CuadContract, seededRandom, shuffled } from "./cuad-split.ts";

export const CUAD_TYPES: ClauseType[] = CLAUSE_TYPES.filter((t) => t.cuad !== null).map((t) => t.type);
const SHUFFLE_SEED = 7;

interface GoldSpan {
  start: number;
  end: number;
  types: ClauseType[];
}

/**
 * One evaluation document per contract: every labelled clause text of the
 * contract (each distinct text once, with all its labels), in an order shuffled
 * with a fixed seed, separated by blank lines. Clauses of the other 24 CUAD
 * categories stay in as negatives.
 */
export function buildEvaluationDocument(contract: CuadContract): { text: string; gold: GoldSpan[] } {
  const seed = createHash("sha256").update(`${SHUFFLE_SEED}:${contract.name}`).digest().readUInt32BE(0);
  let text = "";
  const gold: GoldSpan[] = [];
  for (const clause of shuffled(contract.clauses, seededRandom(seed))) {
    if (text) text += "\n\n";
    gold.push({ start: text.length, end: text.length + clause.text.length, types: clause.types });
    text += clause.text;
  }
  return { text, gold };
}

/** Gold clauses, those found, detections, and those correct: what precision, recall and F1 come from. */
export interface DetectionCounts {
  gold: number;
  found: number;
  detected: number;
  correct: number;
}

/** Precision, recall and F1 of counts (a type never labelled nor detected scores 1). */
export function detectionScores(c: DetectionCounts): { precision: number; recall: number; f1: number } {
  const precision = c.detected === 0 ? (c.gold === 0 ? 1 : 0) : c.correct / c.detected;
  const recall = c.gold === 0 ? 1 : c.found / c.gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** Adds counts into `totals` under `key`: pools the folds of a cross-validation. */
export function poolCounts(totals: Map<string, DetectionCounts>, key: string, c: DetectionCounts): void {
  const sum = totals.get(key) ?? { gold: 0, found: 0, detected: 0, correct: 0 };
  sum.gold += c.gold;
  sum.found += c.found;
  sum.detected += c.detected;
  sum.correct += c.correct;
  totals.set(key, sum);
}

export interface TypeMetrics extends DetectionCounts {
  type: ClauseType;
  precision: number;
  recall: number;
  f1: number;
  presenceAccuracy: number;
}

const overlap = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));

/**
 * Precision, recall and F1 per CUAD-labelled type. A gold clause is found when a
 * detection of its type covers at least half of it; a detection is correct when
 * it covers at least half of a gold clause of its type or lies at least half
 * inside one. Presence accuracy: per contract, "type present" predicted right.
 */
export function evaluateDetection(
  contracts: CuadContract[],
  model: ClauseModel,
  options: DetectionOptions = {},
): { perType: TypeMetrics[]; macroF1: number; documents: number; characters: number } {
  const totals = new Map(
    CUAD_TYPES.map((t) => [t, { gold: 0, found: 0, detected: 0, correct: 0, presenceRight: 0 }]),
  );
  let characters = 0;
  for (const contract of contracts) {
    const { text, gold } = buildEvaluationDocument(contract);
    characters += text.length;
    const detected = detectClauses(text, segmentClauses(text), model, options);
    for (const type of CUAD_TYPES) {
      const t = totals.get(type)!;
      const goldOfType = gold.filter((g) => g.types.includes(type));
      const detOfType = detected.filter((d) => d.type === type);
      t.gold += goldOfType.length;
      t.found += goldOfType.filter((g) => detOfType.some((d) => overlap(d, g) * 2 >= g.end - g.start)).length;
      t.detected += detOfType.length;
      t.correct += detOfType.filter((d) =>
        goldOfType.some((g) => overlap(d, g) * 2 >= Math.min(g.end - g.start, d.end - d.start)),
      ).length;
      if (goldOfType.length > 0 === detOfType.length > 0) t.presenceRight++;
    }
  }
  const perType = CUAD_TYPES.map((type) => {
    const t = totals.get(type)!;
    return {
      type,
      gold: t.gold,
      found: t.found,
      detected: t.detected,
      correct: t.correct,
      ...detectionScores(t),
      presenceAccuracy: t.presenceRight / Math.max(1, contracts.length),
    };
  });
  const macroF1 = perType.reduce((s, m) => s + m.f1, 0) / perType.length;
  return { perType, macroF1, documents: contracts.length, characters };
}
