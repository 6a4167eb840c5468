import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { z } from "zod";
import { WardenError } from "../../domain/errors.ts";
import { clauseFeatures } from "./clause-features.ts";
import type { RuleMatches } from "./clause-rules.ts";
import { type ClauseType, isClauseType } from "./clause-types.ts";

/**
 * The shipped linear clause model: one logistic regression per CUAD-labelled
 * clause type over shared sparse features (clause-features.ts), with a decision
 * threshold and a weight for the drafting patterns per type, both chosen by
 * cross-validation on the training contracts.
 */
export const clauseModelFileSchema = z.object({
  /** 2: word features plus clause cues, and a pattern weight per type. */
  format: z.literal(2),
  seed: z.number(),
  vocabulary: z.array(z.string()),
  types: z.array(
    z.object({
      type: z.string().refine(isClauseType, "unknown clause type"),
      bias: z.number(),
      threshold: z.number().min(0).max(1),
      /** How much a drafting pattern of this type counts next to the model (0..1). */
      ruleWeight: z.number().min(0).max(1),
      /** Pairs flattened: [featureIndex, weight, featureIndex, weight, …]. */
      weights: z.array(z.number()),
    }),
  ),
  trainedOn: z.record(z.string(), z.unknown()),
});
export type ClauseModelFile = z.infer<typeof clauseModelFileSchema>;

export interface ClauseModel {
  types: ClauseType[];
  threshold(type: ClauseType): number;
  ruleWeight(type: ClauseType): number;
  /** Probability, per model type, that the text is a clause of that type; `rules`: the text's pattern matches, when already known. */
  score(text: string, rules?: RuleMatches): Map<ClauseType, number>;
  /** What the model was trained on, and how it did in cross-validation there. */
  trainedOn: Record<string, unknown>;
}

export function buildClauseModel(file: ClauseModelFile): ClauseModel {
  const index = new Map(file.vocabulary.map((f, i) => [f, i]));
  const types = file.types.map((t) => t.type as ClauseType);
  // Feature-major weights: each feature lists the (type, weight) pairs it touches.
  const byFeature: Array<Array<[number, number]>> = file.vocabulary.map(() => []);
  file.types.forEach((t, ti) => {
    for (let i = 0; i + 1 < t.weights.length; i += 2)
      byFeature[t.weights[i] as number]?.push([ti, t.weights[i + 1] as number]);
  });
  const thresholds = new Map(file.types.map((t) => [t.type as ClauseType, t.threshold]));
  const ruleWeights = new Map(file.types.map((t) => [t.type as ClauseType, t.ruleWeight]));
  return {
    types,
    threshold: (type) => thresholds.get(type) ?? 0.5,
    ruleWeight: (type) => ruleWeights.get(type) ?? 0.8,
    trainedOn: file.trainedOn,
    score(text, rules) {
      const sums = file.types.map((t) => t.bias);
      for (const [feature, value] of clauseFeatures(text, rules)) {
        const i = index.get(feature);
        if (i === undefined) continue;
        for (const [ti, w] of byFeature[i] ?? []) sums[ti] = (sums[ti] ?? 0) + w * value;
      }
      return new Map(types.map((type, ti) => [type, 1 / (1 + Math.exp(-(sums[ti] ?? 0)))]));
    },
  };
}

let shipped: ClauseModel | undefined;

/** The model file shipped beside this code (model/clause-model.json.gz), loaded once. */
export function loadShippedClauseModel(): ClauseModel {
  if (shipped) return shipped;
  const path = new URL("./model/clause-model.json.gz", import.meta.url);
  let raw: unknown;
  try {
    raw = JSON.parse(gunzipSync(readFileSync(path)).toString("utf8"));
  } catch (error) {
    throw new WardenError(
      "unavailable",
      `The clause model file is missing or unreadable (${error instanceof Error ? error.message : String(error)}). Run "npx tsx src/engines/contracts/training/train-clause-model.ts" to rebuild it.`,
    );
  }
  shipped = buildClauseModel(clauseModelFileSchema.parse(raw));
  return shipped;
}
