import { seededRandom, shuffled } from "./cuad-split.ts";

export interface SparseExample {
  indices: Int32Array;
  values: Float64Array;
  /** One 0/1 label per output. */
  labels: Uint8Array;
}

export interface LogisticOptions {
  outputs: number;
  features: number;
  epochs: number;
  learningRate: number;
  l2: number;
  /** Weight of positive examples relative to negatives, per output. */
  positiveWeight: number[];
  seed: number;
}

export interface LogisticWeights {
  weights: Float64Array[];
  bias: Float64Array;
}

/**
 * One-vs-rest logistic regression trained by AdaGrad on sparse inputs, all
 * outputs in the same pass. Deterministic for a given seed.
 */
export function trainLogistic(examples: SparseExample[], o: LogisticOptions): LogisticWeights {
  const weights = Array.from({ length: o.outputs }, () => new Float64Array(o.features));
  const grads = Array.from({ length: o.outputs }, () => new Float64Array(o.features).fill(1e-8));
  const bias = new Float64Array(o.outputs);
  const biasGrad = new Float64Array(o.outputs).fill(1e-8);
  const random = seededRandom(o.seed);
  const order = examples.map((_, i) => i);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (const i of shuffled(order, random)) {
      const ex = examples[i] as SparseExample;
      for (let k = 0; k < o.outputs; k++) {
        const w = weights[k] as Float64Array;
        const g2 = grads[k] as Float64Array;
        let z = bias[k] as number;
        for (let j = 0; j < ex.indices.length; j++)
          z += (w[ex.indices[j] as number] as number) * (ex.values[j] as number);
        const p = 1 / (1 + Math.exp(-z));
        const y = ex.labels[k] as number;
        const scale = y === 1 ? (o.positiveWeight[k] ?? 1) : 1;
        const err = (p - y) * scale;
        for (let j = 0; j < ex.indices.length; j++) {
          const f = ex.indices[j] as number;
          const g = err * (ex.values[j] as number) + o.l2 * (w[f] as number);
          g2[f] = (g2[f] as number) + g * g;
          w[f] = (w[f] as number) - (o.learningRate * g) / Math.sqrt(g2[f] as number);
        }
        biasGrad[k] = (biasGrad[k] as number) + err * err;
        bias[k] = (bias[k] as number) - (o.learningRate * err) / Math.sqrt(biasGrad[k] as number);
      }
    }
  }
  return { weights, bias };
}

export function predictLogistic(model: LogisticWeights, ex: SparseExample, k: number): number {
  const w = model.weights[k] as Float64Array;
  let z = model.bias[k] as number;
  for (let j = 0; j < ex.indices.length; j++)
    z += (w[ex.indices[j] as number] as number) * (ex.values[j] as number);
  return 1 / (1 + Math.exp(-z));
}
