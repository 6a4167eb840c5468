import { hash32 } from "./hash32.ts";

/**
 * The error-correcting code behind every watermark channel: a rateless random linear code
 * over GF(2). Each carrier, named by its context, holds the parity of a pseudo-random subset
 * of the payload bits (XOR a pseudo-random mask). Any ~50 carriers from anywhere in a
 * document determine the payload; every further carrier checks it, so a decode from an
 * unmarked or damaged text fails the check instead of naming the wrong person.
 */
export const PAYLOAD_BITS = 40;
export const MAX_PAYLOAD = 2 ** PAYLOAD_BITS - 1;
/** Decodes whose chance of arising from unmarked text exceeds this are refused. */
export const MAX_FALSE_POSITIVE = 1e-6;

const TRIALS = 48;
const MAX_ROWS = 20_000;
const HI_MASK = (1 << (PAYLOAD_BITS - 32)) - 1;

/** One parity check: bits of the payload it covers (lo: 0..31, hi: 32..39) and the mask bit. */
export interface Equation {
  lo: number;
  hi: number;
  mask: number;
}

export interface Observation extends Equation {
  bit: number;
  group: string;
}

export interface Solution {
  payload: number;
  equations: number;
  agreeing: number;
  /** Probability that this many checks would agree on unmarked text. */
  falsePositive: number;
}

/** The equation a carrier context stands for, under a secret key. */
export function equationFor(context: string, key: string): Equation {
  const seed = hash32(key, 0x9e3779b9);
  return {
    lo: hash32(context, seed) >>> 0,
    hi: hash32(context, seed ^ 0x51ed27) & HI_MASK,
    mask: hash32(context, seed ^ 0x2545f491) & 1,
  };
}

function parity32(value: number): number {
  let v = value >>> 0;
  v ^= v >>> 16;
  v ^= v >>> 8;
  v ^= v >>> 4;
  v ^= v >>> 2;
  v ^= v >>> 1;
  return v & 1;
}

const split = (payload: number) => ({ lo: payload >>> 0, hi: Math.floor(payload / 2 ** 32) & HI_MASK });

/** The bit a carrier must hold for `payload`. */
export function bitFor(equation: Equation, payload: number): number {
  const { lo, hi } = split(payload);
  return parity32(equation.lo & lo) ^ parity32(equation.hi & hi) ^ equation.mask;
}

/** A small deterministic generator, so that decoding is reproducible. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

/** ln P[Binomial(n, 1/2) ≥ k]. */
function logTail(n: number, k: number): number {
  if (k <= 0) return 0;
  if (k > n) return Number.NEGATIVE_INFINITY;
  let logChoose = 0;
  for (let i = 0; i < k; i++) logChoose += Math.log(n - i) - Math.log(i + 1);
  let term = logChoose;
  let sum = term;
  for (let i = k; i < n; i++) {
    term += Math.log(n - i) - Math.log(i + 1);
    sum = Math.max(sum, term) + Math.log1p(Math.exp(-Math.abs(sum - term)));
  }
  return sum - n * Math.LN2;
}

type Row = { lo: number; hi: number; rhs: number };

/** One row per carrier: repeated observations of the same carrier vote, ties are dropped. */
function voteRows(observations: readonly Observation[]): Row[] {
  const groups = new Map<string, { eq: Observation; ones: number; zeros: number }>();
  for (const o of observations) {
    const g = groups.get(o.group);
    if (g) {
      if (o.bit) g.ones++;
      else g.zeros++;
    } else groups.set(o.group, { eq: o, ones: o.bit ? 1 : 0, zeros: o.bit ? 0 : 1 });
  }
  const rows: Row[] = [];
  for (const { eq, ones, zeros } of groups.values()) {
    if (ones === zeros || (eq.lo === 0 && eq.hi === 0)) continue;
    rows.push({ lo: eq.lo, hi: eq.hi, rhs: (ones > zeros ? 1 : 0) ^ eq.mask });
  }
  return rows;
}

const agreement = (rows: readonly Row[], payload: number) => {
  const { lo, hi } = split(payload);
  let agreeing = 0;
  for (const r of rows) if ((parity32(r.lo & lo) ^ parity32(r.hi & hi)) === r.rhs) agreeing++;
  return agreeing;
};

/**
 * The recorded payload that the observations agree with best, when the copy a text came from
 * is already known (an excerpt aligned to a shared document): a few dozen carriers then
 * suffice, where solving blind needs 40 before the first check. The chance of a false match is
 * counted over every candidate.
 */
export function matchPayload(
  observations: readonly Observation[],
  candidates: readonly number[],
): Solution | undefined {
  const rows = voteRows(observations);
  if (rows.length === 0 || candidates.length === 0) return undefined;
  let best: { payload: number; agreeing: number } | undefined;
  for (const payload of new Set(candidates)) {
    const agreeing = agreement(rows, payload);
    if (!best || agreeing > best.agreeing) best = { payload, agreeing };
  }
  if (!best) return undefined;
  const log = Math.log(new Set(candidates).size) + logTail(rows.length, best.agreeing);
  return { ...best, equations: rows.length, falsePositive: Math.min(1, Math.exp(log)) };
}

/**
 * Finds the payload agreeing with the most observations: votes within a group (the same
 * carrier repeated) are merged, then random sets of independent equations are solved and
 * the solution checked against all others. Returns undefined when the equations cannot
 * determine the payload.
 */
export function solvePayload(observations: readonly Observation[]): Solution | undefined {
  const rows = voteRows(observations);
  if (rows.length < PAYLOAD_BITS) return undefined;
  if (rows.length > MAX_ROWS) {
    // A long document holds far more checks than needed: an even sample keeps decoding fast.
    const step = rows.length / MAX_ROWS;
    const sample = Array.from({ length: MAX_ROWS }, (_, i) => rows[Math.floor(i * step)]!);
    rows.length = 0;
    rows.push(...sample);
  }

  const next = random(rows.length * 2654435761);
  let best: { payload: number; agreeing: number } | undefined;
  let trials = 0;
  for (; trials < TRIALS; trials++) {
    const order = rows.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const payload = solveBasis(rows, order);
    if (payload === undefined) return best && { ...best, ...bound(rows.length, best.agreeing, trials) };
    const agreeing = agreement(rows, payload);
    if (!best || agreeing > best.agreeing) best = { payload, agreeing };
    if (agreeing === rows.length) {
      trials++;
      break;
    }
  }
  return best && { ...best, ...bound(rows.length, best.agreeing, trials) };
}

function bound(equations: number, agreeing: number, trials: number) {
  // The 40 equations of the basis agree by construction; the rest agree by chance with
  // probability 1/2 each when the text is not marked. One chance per trial.
  const log = Math.log(Math.max(1, trials)) + logTail(equations - PAYLOAD_BITS, agreeing - PAYLOAD_BITS);
  return { equations, agreeing, falsePositive: Math.min(1, Math.exp(log)) };
}

/** Gaussian elimination over GF(2) on rows taken in `order` until the payload is determined. */
function solveBasis(rows: Row[], order: number[]): number | undefined {
  const basis: ({ lo: number; hi: number; rhs: number } | undefined)[] = new Array(PAYLOAD_BITS);
  let rank = 0;
  for (const index of order) {
    let { lo, hi, rhs } = rows[index]!;
    for (let bit = PAYLOAD_BITS - 1; bit >= 0; bit--) {
      const set = bit >= 32 ? (hi >>> (bit - 32)) & 1 : (lo >>> bit) & 1;
      if (!set) continue;
      const pivot = basis[bit];
      if (pivot) {
        lo = (lo ^ pivot.lo) >>> 0;
        hi ^= pivot.hi;
        rhs ^= pivot.rhs;
      } else {
        basis[bit] = { lo, hi, rhs };
        rank++;
        break;
      }
    }
    if (rank === PAYLOAD_BITS) break;
  }
  if (rank < PAYLOAD_BITS) return undefined;
  let xLo = 0;
  let xHi = 0;
  for (let bit = 0; bit < PAYLOAD_BITS; bit++) {
    const row = basis[bit]!;
    const value = (parity32(row.lo & xLo) ^ parity32(row.hi & xHi) ^ row.rhs) & 1;
    if (value) {
      if (bit >= 32) xHi |= 1 << (bit - 32);
      else xLo = (xLo | (1 << bit)) >>> 0;
    }
  }
  return xHi * 2 ** 32 + (xLo >>> 0);
}
