/**
 * Model comparison, on the training contracts only (the validation split is
 * never touched): the shipped linear model against a one-hidden-layer network
 * over the same features (trained with every CUAD category as an extra output),
 * and the average of the two. Each is trained on three folds and judged on the
 * fourth with the whole detection pipeline, four times; per type, the decision
 * threshold with the best pooled F1 is reported for each model, as the training
 * script chooses it. It answers one question: does a non-linear model lift the
 * types where the linear one falls short?
 *
 *   npx tsx bench/contracts/compare-models.ts
 *   HIDDEN=128 EPOCHS=12 npx tsx bench/contracts/compare-models.ts
 */
import { clauseFeatures } from "../../src/engines/contracts/clause-features.ts";
import {
  buildClauseModel,
  type ClauseModel,
  loadShippedClauseModel,
} from "../../src/engines/contracts/clause-model.ts";
import type { ClauseType } from "../../src/engines/contracts/clause-types.ts";
import { labelledClauses } from "../../src/engines/contracts/fixtures/labelled-clauses.ts";
import {
  type CuadContract,
  loadCuadContracts,
  seededRandom,
  shuffled,
} from "../../src/engines/contracts/training/cuad-split.ts";
import {
  CUAD_TYPES,
  type DetectionCounts,
  detectionScores,
  evaluateDetection,
  poolCounts,
} from "../../src/engines/contracts/training/evaluate-detection.ts";
import { examplesOf, fitClauseModelFile } from "../../src/engines/contracts/training/train-clause-model.ts";

const HIDDEN = Number(process.env.HIDDEN ?? 64);
const EPOCHS = Number(process.env.EPOCHS ?? 8);
const LEARNING_RATE = 0.05;
const MAX_FEATURES = 8000;
const POSITIVE_WEIGHT = 2;
const L2 = 1e-5;
const THRESHOLDS = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7];

type Scorer = (text: string) => Map<ClauseType, number>;

const training = loadCuadContracts().filter((c) => c.split === "train");
const categories = [...new Set(training.flatMap((c) => c.clauses.flatMap((cl) => cl.categories)))].sort();
const features = new Map<string, Map<string, number>>();
const featuresOf = (text: string) => {
  let f = features.get(text);
  if (!f) {
    f = clauseFeatures(text);
    features.set(text, f);
  }
  return f;
};

/** A network with one ReLU layer, sigmoid outputs for the Warden types and (as extra tasks) every CUAD category. */
function trainNetwork(contracts: CuadContract[]): Scorer {
  const examples = [
    ...contracts.flatMap((c) =>
      c.clauses.map((cl) => ({ text: cl.text, types: cl.types, cats: cl.categories })),
    ),
    ...labelledClauses.map((l) => ({ text: l.text, types: l.types, cats: null })),
  ];
  const df = new Map<string, number>();
  for (const e of examples) for (const f of featuresOf(e.text).keys()) df.set(f, (df.get(f) ?? 0) + 1);
  const vocabulary = [...df]
    .filter(([, n]) => n >= 2)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_FEATURES)
    .map(([f]) => f);
  const index = new Map(vocabulary.map((f, i) => [f, i]));
  const outputs = CUAD_TYPES.length + categories.length;
  const random = seededRandom(1);
  const w1 = new Float64Array(vocabulary.length * HIDDEN).map(() => (random() - 0.5) * 0.2);
  const b1 = new Float64Array(HIDDEN);
  const w2 = new Float64Array(HIDDEN * outputs).map(() => (random() - 0.5) * 0.2);
  const b2 = new Float64Array(outputs);
  const g1 = new Float64Array(w1.length).fill(1e-8);
  const gb1 = new Float64Array(HIDDEN).fill(1e-8);
  const g2 = new Float64Array(w2.length).fill(1e-8);
  const gb2 = new Float64Array(outputs).fill(1e-8);
  const sparse = (text: string) => {
    const idx: number[] = [];
    const val: number[] = [];
    for (const [f, v] of featuresOf(text)) {
      const i = index.get(f);
      if (i !== undefined) {
        idx.push(i);
        val.push(v);
      }
    }
    return { idx, val };
  };
  const z = new Float64Array(HIDDEN);
  const h = new Float64Array(HIDDEN);
  const forward = (idx: number[], val: number[]) => {
    z.set(b1);
    for (let a = 0; a < idx.length; a++) {
      const base = idx[a]! * HIDDEN;
      for (let j = 0; j < HIDDEN; j++) z[j]! += w1[base + j]! * val[a]!;
    }
    for (let j = 0; j < HIDDEN; j++) h[j] = Math.max(0, z[j]!);
  };
  const output = (k: number) => {
    let s = b2[k]!;
    for (let j = 0; j < HIDDEN; j++) s += w2[j * outputs + k]! * h[j]!;
    return 1 / (1 + Math.exp(-s));
  };
  const vectors = examples.map((e) => {
    const labels = new Uint8Array(outputs);
    CUAD_TYPES.forEach((t, k) => {
      labels[k] = e.types.includes(t) ? 1 : 0;
    });
    categories.forEach((c, k) => {
      labels[CUAD_TYPES.length + k] = e.cats?.includes(c) ? 1 : 0;
    });
    return { ...sparse(e.text), labels, knowsCategories: e.cats !== null };
  });
  const dh = new Float64Array(HIDDEN);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (const i of shuffled(
      vectors.map((_, n) => n),
      random,
    )) {
      const ex = vectors[i]!;
      forward(ex.idx, ex.val);
      dh.fill(0);
      const last = ex.knowsCategories ? outputs : CUAD_TYPES.length;
      for (let k = 0; k < last; k++) {
        const y = ex.labels[k]!;
        const err = (output(k) - y) * (y ? POSITIVE_WEIGHT : 1);
        for (let j = 0; j < HIDDEN; j++) {
          const at = j * outputs + k;
          dh[j]! += err * w2[at]!;
          const g = err * h[j]! + L2 * w2[at]!;
          g2[at]! += g * g;
          w2[at]! -= (LEARNING_RATE * g) / Math.sqrt(g2[at]!);
        }
        gb2[k]! += err * err;
        b2[k]! -= (LEARNING_RATE * err) / Math.sqrt(gb2[k]!);
      }
      for (let j = 0; j < HIDDEN; j++) {
        if (z[j]! <= 0) dh[j] = 0;
        gb1[j]! += dh[j]! * dh[j]!;
        b1[j]! -= (LEARNING_RATE * dh[j]!) / Math.sqrt(gb1[j]!);
      }
      for (let a = 0; a < ex.idx.length; a++) {
        const base = ex.idx[a]! * HIDDEN;
        for (let j = 0; j < HIDDEN; j++) {
          if (dh[j] === 0) continue;
          const g = dh[j]! * ex.val[a]! + L2 * w1[base + j]!;
          g1[base + j]! += g * g;
          w1[base + j]! -= (LEARNING_RATE * g) / Math.sqrt(g1[base + j]!);
        }
      }
    }
  }
  return (text) => {
    const { idx, val } = sparse(text);
    forward(idx, val);
    return new Map(CUAD_TYPES.map((t, k) => [t, output(k)]));
  };
}

const shipped = loadShippedClauseModel();
const MODELS = ["linear", "network", "average"] as const;
const pooled = new Map<string, DetectionCounts>();

for (let fold = 0; fold < 4; fold++) {
  const started = Date.now();
  const train = training.filter((c) => c.fold !== fold);
  const held = training.filter((c) => c.fold === fold);
  const linear = buildClauseModel(
    fitClauseModelFile(
      examplesOf(train),
      CUAD_TYPES.map(() => 0.5),
      CUAD_TYPES.map((t) => shipped.ruleWeight(t)),
    ),
  );
  const network = trainNetwork(train);
  const scorers: Record<(typeof MODELS)[number], Scorer> = {
    linear: (text) => linear.score(text),
    network,
    average: (text) => {
      const a = linear.score(text);
      return new Map([...network(text)].map(([t, p]) => [t, (p + (a.get(t) ?? 0)) / 2]));
    },
  };
  for (const name of MODELS) {
    const seen = new Map<string, Map<ClauseType, number>>();
    for (const threshold of THRESHOLDS) {
      const model: ClauseModel = {
        types: CUAD_TYPES,
        threshold: () => threshold,
        ruleWeight: (t) => shipped.ruleWeight(t),
        trainedOn: {},
        score(text) {
          let s = seen.get(text);
          if (!s) {
            s = scorers[name](text);
            seen.set(text, s);
          }
          return s;
        },
      };
      for (const m of evaluateDetection(held, model).perType)
        poolCounts(pooled, `${name}|${m.type}|${threshold}`, m);
    }
  }
  console.error(`fold ${fold + 1}/4 in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const bestF1 = (name: string, type: ClauseType) => {
  let best = 0;
  for (const threshold of THRESHOLDS) {
    const s = pooled.get(`${name}|${type}|${threshold}`);
    if (!s) continue;
    best = Math.max(best, detectionScores(s).f1);
  }
  return best;
};
console.log(`cross-validated F1, best threshold per type (hidden ${HIDDEN}, epochs ${EPOCHS})`);
console.log(`${"type".padEnd(30)} ${MODELS.map((m) => m.padStart(8)).join(" ")}`);
const macro = MODELS.map(() => 0);
for (const type of CUAD_TYPES) {
  const row = MODELS.map((m, i) => {
    const f1 = bestF1(m, type);
    macro[i]! += f1 / CUAD_TYPES.length;
    return f1.toFixed(3).padStart(8);
  });
  console.log(`${type.padEnd(30)} ${row.join(" ")}`);
}
console.log(`${"macro".padEnd(30)} ${macro.map((f) => f.toFixed(3).padStart(8)).join(" ")}`);
