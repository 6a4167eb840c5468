import { type ClauseModel, loadShippedClauseModel } from "./clause-model.ts";
import { type DetectedClause, type DetectionOptions, detectClauses } from "./detect-clauses.ts";
import { type ContractTerms, extractTerms } from "./extract-terms.ts";
import { type Segment, segmentClauses } from "./segment-clauses.ts";

export interface ContractAnalysis {
  clauses: DetectedClause[];
  terms: ContractTerms;
  segments: Segment[];
}

export interface AnalyzeOptions extends DetectionOptions {
  /** A clause model other than the shipped one (tests, experiments). */
  model?: ClauseModel;
}

/**
 * Segments contract text into clauses, detects the clause types Warden knows
 * and reads their key terms. Offsets in the result index into `text`.
 *
 * @example
 * const { clauses, terms } = analyzeContract("12. Governing Law. This Agreement is governed by the laws of England.");
 * // clauses[0].type === "governing-law"; terms.governingLaw?.country === "GB"
 */
export function analyzeContract(text: string, options: AnalyzeOptions = {}): ContractAnalysis {
  const segments = segmentClauses(text);
  const clauses = detectClauses(text, segments, options.model ?? loadShippedClauseModel(), options);
  return { clauses, terms: extractTerms(clauses, text), segments };
}
