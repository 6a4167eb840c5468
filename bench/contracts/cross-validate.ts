/**
 * Tuning aid, on the training contracts only: trains on three folds, evaluates
 * the whole detection pipeline on the fourth, four times. The validation split
 * is never touched here.
 *
 *   npx tsx bench/contracts/cross-validate.ts
 *   RULE_WEIGHT=0.6 MODEL_ONLY=0.55 npx tsx bench/contracts/cross-validate.ts   (try other settings)
 */
import { buildClauseModel, loadShippedClauseModel } from "../../src/engines/contracts/clause-model.ts";
import { loadCuadContracts } from "../../src/engines/contracts/training/cuad-split.ts";
import {
  CUAD_TYPES,
  type DetectionCounts,
  detectionScores,
  evaluateDetection,
  poolCounts,
} from "../../src/engines/contracts/training/evaluate-detection.ts";
import { examplesOf, fitClauseModelFile } from "../../src/engines/contracts/training/train-clause-model.ts";

const training = loadCuadContracts().filter((c) => c.split === "train");
const shipped = loadShippedClauseModel();
const thresholds = CUAD_TYPES.map((t) => shipped.threshold(t));
const ruleWeights = CUAD_TYPES.map((t) => shipped.ruleWeight(t));
// Without RULE_WEIGHT, each type keeps the pattern weight the shipped model chose.
const ruleWeight = process.env.RULE_WEIGHT === undefined ? undefined : Number(process.env.RULE_WEIGHT);
const sums = new Map<string, DetectionCounts>();
for (let fold = 0; fold < 4; fold++) {
  const file = fitClauseModelFile(
    examplesOf(training.filter((c) => c.fold !== fold)),
    thresholds,
    ruleWeights,
  );
  const result = evaluateDetection(
    training.filter((c) => c.fold === fold),
    buildClauseModel(file),
    {
      ...(ruleWeight === undefined ? {} : { ruleWeight }),
      modelOnlyMinimum: Number(process.env.MODEL_ONLY ?? 0.5),
    },
  );
  for (const m of result.perType) poolCounts(sums, m.type, m);
}
let macro = 0;
for (const type of CUAD_TYPES) {
  const { precision, recall, f1 } = detectionScores(sums.get(type)!);
  macro += f1;
  console.log(`${type.padEnd(30)} P ${precision.toFixed(3)} R ${recall.toFixed(3)} F1 ${f1.toFixed(3)}`);
}
console.log(
  `macro F1 ${(macro / CUAD_TYPES.length).toFixed(3)} (pattern weight ${ruleWeight ?? "per type, as shipped"})`,
);
