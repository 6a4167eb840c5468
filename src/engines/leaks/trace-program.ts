import type { FingerprintIndex, MatchRegion } from "./fingerprint-index.ts";
import { guessLanguage, languageFromPath, type SourceLanguage } from "./language.ts";
import { fingerprint } from "./winnow.ts";

/** One file of a suspect program (a folder, an archive, a clone). */
export interface ProgramFile {
  name: string;
  text: string;
  language?: SourceLanguage;
}

/** A suspect file paired with the indexed file it matches best, each used once per program. */
export interface FilePair {
  suspect: string;
  source: string;
  /** The file-level score of the pair (0..1). */
  score: number;
  matchedFingerprints: number;
  regions: MatchRegion[];
}

/** How well one indexed program (a delivery, a distribution, a folder of originals) explains the suspect. */
export interface ProgramMatch {
  program: string;
  /** Share of the suspect's fingerprints explained by its paired files, weighted by each pair's score. */
  coverage: number;
  /** Suspect files whose pair scores at least {@link PAIR_EVIDENCE}. */
  evidentPairs: number;
  /** Suspect files large enough to count. */
  suspectFiles: number;
  /**
   * Chance that an unrelated program shows this many evident pairs against some indexed
   * program: a binomial tail at the background rate of unrelated files, times the programs tried.
   */
  chance: number;
  pairs: FilePair[];
}

export interface ProgramVerdict {
  /** The program the suspect was taken from, when the evidence clears the defaults. */
  program?: string;
  /** 1 − chance of the named program; 0 when none is named. */
  confidence: number;
  /** Programs with any paired file, best first. */
  matches: ProgramMatch[];
}

export interface TraceProgramOptions {
  /** The program an indexed source belongs to (default: the first segment of its path). */
  programOf?: (source: string) => string;
  /** Highest chance accepted for a verdict (default {@link MAX_PROGRAM_CHANCE}). */
  maxChance?: number;
  /** Lowest coverage accepted for a verdict (default {@link MIN_PROGRAM_COVERAGE}). */
  minCoverage?: number;
}

/**
 * A pair scoring this much is evidence of copying for one file. Chosen with
 * {@link BACKGROUND_PAIR_RATE} on the calibration half of the unrelated programs
 * (bench/leaks/programs.ts).
 */
export const PAIR_EVIDENCE = 0.3;
/**
 * How often a file of an unrelated program pairs at {@link PAIR_EVIDENCE} or more with a file of
 * an indexed program: on the calibration half of the unrelated programs (bench/leaks/programs.ts)
 * none of 244 files did, whose 95 % upper bound (3/244 = 0.0123) is rounded up here so that
 * the chance estimate errs towards doubt.
 */
export const BACKGROUND_PAIR_RATE = 0.02;
/** A verdict needs a chance below this: one in a million suspect programs named wrongly. */
export const MAX_PROGRAM_CHANCE = 1e-6;
/** And the paired files must explain at least this share of the suspect. */
export const MIN_PROGRAM_COVERAGE = 0.2;
/** Files with fewer fingerprints than this say too little to count either way. */
const MIN_FILE_FINGERPRINTS = 8;

const firstSegment = (source: string) => source.split(/[\\/]/)[0] ?? source;

/**
 * Program-level attribution: each suspect file is traced on its own (every score, however
 * low), files are paired one-to-one with the indexed files of each program (best pairs
 * first), and the program is judged on the whole: how much of the suspect its pairs explain
 * and how unlikely so many evident pairs are for unrelated code. A disguised copy whose files
 * each score too low to name a source alone is named by the agreement of many files.
 *
 * @example
 * const verdict = traceProgram(files, index, { programOf: (id) => deliveryOf.get(id)! });
 * // { program: "delivery 7", confidence: 0.99999…, matches: [{ pairs: [{ suspect: "a/X.java", source: "p/Billing.java", … }] }] }
 */
export function traceProgram(
  files: readonly ProgramFile[],
  index: FingerprintIndex,
  options: TraceProgramOptions = {},
): ProgramVerdict {
  const programOf = options.programOf ?? firstSegment;
  const candidates: (FilePair & { program: string; weight: number })[] = [];
  const weights = new Map<string, number>();
  for (const file of files) {
    const language = file.language ?? languageFromPath(file.name) ?? guessLanguage(file.text);
    const { hashes } = fingerprint(file.text, { language });
    const weight = new Set(hashes.map((h) => h.hash)).size;
    if (weight < MIN_FILE_FINGERPRINTS) continue;
    weights.set(file.name, weight);
    for (const m of index.traceFingerprints(hashes, { language, minScore: 0, limit: 50 })) {
      candidates.push({
        suspect: file.name,
        source: m.source,
        score: m.score,
        matchedFingerprints: m.matchedFingerprints,
        regions: m.regions,
        program: programOf(m.source),
        weight,
      });
    }
  }
  const totalWeight = [...weights.values()].reduce((a, b) => a + b, 0);
  const byProgram = new Map<string, typeof candidates>();
  for (const c of candidates) {
    const list = byProgram.get(c.program) ?? [];
    list.push(c);
    byProgram.set(c.program, list);
  }
  const programs = Math.max(1, byProgram.size);
  const matches: ProgramMatch[] = [];
  for (const [program, list] of byProgram) {
    const pairs = pairOneToOne(list);
    const explained = pairs.reduce((sum, p) => sum + p.score * p.weight, 0);
    const evidentPairs = pairs.filter((p) => p.score >= PAIR_EVIDENCE).length;
    const chance = Math.min(1, programs * binomialTail(weights.size, evidentPairs, BACKGROUND_PAIR_RATE));
    matches.push({
      program,
      coverage: round(totalWeight ? explained / totalWeight : 0),
      evidentPairs,
      suspectFiles: weights.size,
      chance,
      pairs: pairs.map(({ program: _p, weight: _w, ...pair }) => pair),
    });
  }
  matches.sort((a, b) => a.chance - b.chance || b.coverage - a.coverage);
  const best = matches[0];
  const maxChance = options.maxChance ?? MAX_PROGRAM_CHANCE;
  const minCoverage = options.minCoverage ?? MIN_PROGRAM_COVERAGE;
  if (best && best.chance <= maxChance && best.coverage >= minCoverage) {
    return { program: best.program, confidence: round(1 - best.chance, 1e9), matches };
  }
  return { confidence: 0, matches };
}

/** Greedy maximum-score matching: each suspect file and each indexed file in at most one pair. */
function pairOneToOne<T extends FilePair>(list: readonly T[]): T[] {
  const sorted = [...list].sort((a, b) => b.score - a.score || b.matchedFingerprints - a.matchedFingerprints);
  const usedSuspects = new Set<string>();
  const usedSources = new Set<string>();
  const pairs: T[] = [];
  for (const c of sorted) {
    if (usedSuspects.has(c.suspect) || usedSources.has(c.source)) continue;
    usedSuspects.add(c.suspect);
    usedSources.add(c.source);
    pairs.push(c);
  }
  return pairs;
}

/** P[Binomial(n, p) ≥ k]. */
export function binomialTail(n: number, k: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  let term = (1 - p) ** n;
  let below = 0;
  for (let i = 0; i < k; i++) {
    below += term;
    term *= ((n - i) / (i + 1)) * (p / (1 - p));
  }
  return Math.max(0, 1 - below);
}

const round = (value: number, scale = 1e4) => Math.floor(value * scale) / scale;
