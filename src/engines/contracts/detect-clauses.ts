import type { ClauseModel } from "./clause-model.ts";
import { hasAnchor, matchRules, ruleScores } from "./clause-rules.ts";
import { CLAUSE_TYPE_IDS, type ClauseType, type ContractControl, controlForType } from "./clause-types.ts";
import type { Segment } from "./segment-clauses.ts";

/** One detected clause: a span of the extracted text and what it is. */
export interface DetectedClause {
  type: ClauseType;
  control: ContractControl | null;
  /** Offsets into the extracted text. */
  start: number;
  end: number;
  text: string;
  /** Confidence 0..1; 0.5 is the detection threshold. */
  score: number;
  /** Section number of the first segment, when the text has one. */
  section?: string;
  /** Heading of the clause or of its enclosing section. */
  heading?: string;
}

export interface DetectionOptions {
  /** How much a pattern match counts next to the model for model-backed types (0..1); by default the model's own weight for each type. */
  ruleWeight?: number;
  /** Minimum pattern evidence for pattern-only types. */
  ruleThreshold?: number;
  /** Score a model-backed type needs when no drafting pattern supports it. */
  modelOnlyMinimum?: number;
}

const DEFAULT_RULE_THRESHOLD = 0.6;
const DEFAULT_MODEL_ONLY_MINIMUM = 0.5;

/**
 * Scores every body segment for every clause type, keeps those at or above
 * 0.5, and joins runs of neighbouring segments of the same type into one
 * clause. Model-backed types (CUAD categories) combine the model's calibrated
 * probability with pattern evidence; the others rely on patterns alone.
 */
export function detectClauses(
  source: string,
  segments: Segment[],
  model: ClauseModel,
  options: DetectionOptions = {},
): DetectedClause[] {
  const ruleThreshold = options.ruleThreshold ?? DEFAULT_RULE_THRESHOLD;
  const modelOnlyMinimum = options.modelOnlyMinimum ?? DEFAULT_MODEL_ONLY_MINIMUM;
  const modelTypes = new Set(model.types);
  const perSegment = segments.map((segment) => {
    const found = new Map<ClauseType, number>();
    if (segment.kind !== "body") return found;
    const headings = [...segment.context, segment.heading ?? ""].join(" \n ");
    // The model reads the clause's own text, as it was trained on clause texts alone; headings
    // count through the drafting patterns, which they strengthen. A party's name is no evidence:
    // "sent to Acme Insurance Inc." says nothing about insurance.
    const text = withoutOrganisationNames(segment.text);
    const matches = matchRules(text);
    const probabilities = model.score(text, matches);
    const rules = ruleScores(matches, headings);
    for (const type of CLAUSE_TYPE_IDS) {
      if (!hasAnchor(type, text)) continue;
      const rho = rules.get(type) ?? 0;
      let score: number;
      if (modelTypes.has(type)) {
        const m = calibrate(probabilities.get(type) ?? 0, model.threshold(type));
        score = 1 - (1 - m) * (1 - (options.ruleWeight ?? model.ruleWeight(type)) * rho);
        if (rho === 0 && score < modelOnlyMinimum) continue;
      } else {
        score =
          rho >= ruleThreshold
            ? 0.5 + (0.5 * (rho - ruleThreshold)) / (1 - ruleThreshold)
            : (0.5 * rho) / ruleThreshold;
      }
      if (score >= 0.5) found.set(type, score);
    }
    return found;
  });

  const clauses: DetectedClause[] = [];
  const open = new Map<ClauseType, DetectedClause>();
  segments.forEach((segment, i) => {
    const found = perSegment[i] ?? new Map<ClauseType, number>();
    // Headings neither open nor close a run; nor do particulars laid out as a heading line
    // ("ACME CORP.", "Name:"). Other particulars (an address, a signature line) close it.
    if (segment.kind === "heading" || segment.headingLine) return;
    for (const [type, run] of open) {
      if (!found.has(type)) {
        clauses.push(run);
        open.delete(type);
      }
    }
    for (const [type, score] of found) {
      const run = open.get(type);
      if (run) {
        run.end = segment.end;
        run.score = Math.max(run.score, score);
      } else {
        const heading = segment.heading ?? segment.context.at(-1);
        open.set(type, {
          type,
          control: controlForType(type),
          start: segment.start,
          end: segment.end,
          text: "",
          score,
          ...(segment.number ? { section: segment.number } : {}),
          ...(heading ? { heading } : {}),
        });
      }
    }
  });
  clauses.push(...open.values());
  for (const c of clauses) {
    c.text = source.slice(c.start, c.end);
    c.score = Math.round(c.score * 1000) / 1000;
  }
  const order = new Map(CLAUSE_TYPE_IDS.map((t, i) => [t, i]));
  return clauses.sort((a, b) => a.start - b.start || (order.get(a.type) ?? 0) - (order.get(b.type) ?? 0));
}

const NAME_WORD = "\\p{Lu}[\\p{L}\\d&'’-]*";
const LEGAL_FORMS =
  "Inc|Incorporated|LLC|L\\.L\\.C|Ltd|Limited|Corp|Corporation|plc|PLC|LLP|L\\.L\\.P|L\\.P|GmbH|AG|S\\.A|B\\.V|N\\.V|Pvt\\.?\\s+Ltd|Pte\\.?\\s+Ltd|INC|LTD|CORP";
/**
 * An organisation's name with its legal form: "Acme Insurance Inc.", "Bank of
 * America Corporation", "ACME CORP.". Not "Limited Warranty" (a capitalised
 * word follows) nor "SHALL BE LIMITED" (capitals spell out the full word).
 */
const ORGANISATION = new RegExp(
  `(?<![\\p{L}\\d])${NAME_WORD}(?:\\s+(?:(?:of|and|&|the|de|du)\\s+)?${NAME_WORD}){0,6}?,?\\s+(?:${LEGAL_FORMS})(?:\\.|(?![\\p{L}\\d])(?!\\s+\\p{Lu}))`,
  "gu",
);

/** The text with organisations' names blanked out (same length, so offsets and distances hold). */
export function withoutOrganisationNames(text: string): string {
  return text.replace(ORGANISATION, (name) => " ".repeat(name.length));
}

/** Maps a probability onto 0..1 so that the type's own threshold lands on 0.5. */
function calibrate(p: number, threshold: number): number {
  return p >= threshold ? 0.5 + (0.5 * (p - threshold)) / (1 - threshold) : (0.5 * p) / threshold;
}
