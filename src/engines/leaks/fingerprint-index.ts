import { WardenError } from "../../domain/errors.ts";
import { languageFromPath } from "./language.ts";
import {
  type Fingerprint,
  type FingerprintOptions,
  fingerprint,
  isCommentHash,
  isLiteralHash,
} from "./winnow.ts";

/** One stored fingerprint, as a database keeps it. */
export interface FingerprintRow {
  hash: number;
  sourceId: string;
  start: number;
  end: number;
}

/** A span of the suspect text that matches a span of the source (UTF-16 offsets, end exclusive). */
export interface MatchRegion {
  suspectStart: number;
  suspectEnd: number;
  sourceStart: number;
  sourceEnd: number;
}

export interface TraceMatch {
  source: string;
  /**
   * 0..1: how well this source explains the suspect, combining the share of the suspect's
   * code found in it ({@link suspectCoverage}) with the share of the source's comment lines
   * found verbatim in the suspect ({@link commentCoverage}).
   */
  score: number;
  /** Share of the suspect's (non-boilerplate) code fingerprints found in this source, weighted by rarity. */
  suspectCoverage: number;
  /** Share of the source's comment lines found word for word in the suspect, weighted by rarity. */
  commentCoverage: number;
  /** Share of the source's fingerprints found in the suspect. */
  sourceCoverage: number;
  /** Distinct fingerprints shared with this source. */
  matchedFingerprints: number;
  regions: MatchRegion[];
  /**
   * Documents only: the share of the longest aligned region's own fingerprints found in this
   * source, when that region is at least {@link MIN_EXCERPT_CHARS} long (an excerpt pasted
   * inside other text); 0 otherwise. The score is at least this.
   */
  excerptCoverage?: number;
}

/** Counts over a whole source, for an index that holds only some of its fingerprints. */
export interface SourceTotals {
  distinctHashes?: number;
  /** Distinct comment-line fingerprints ({@link isCommentHash}). */
  commentLines?: number;
}

export interface TraceOptions extends FingerprintOptions {
  /** Matches scoring below this are dropped (default {@link DEFAULT_MIN_SCORE}). */
  minScore?: number;
  /** Fewer shared fingerprints than this is never evidence (default 3). */
  minMatches?: number;
  /** At most this many matches, best first (default 10). */
  limit?: number;
}

/**
 * Default attribution threshold: the one that best separated copies from independent
 * solutions of the same exercise on the IR-Plag tuning half (bench/leaks), counting a false
 * attribution twice as costly as a missed copy. Lower it to search wider when a case already
 * names a suspect; every match still carries its score.
 */
export const DEFAULT_MIN_SCORE = 0.86;

/** Hashes found in more sources than this are boilerplate whatever the index size: skipping them bounds trace time. */
const MAX_POSTING_SOURCES = 1000;
/** A long string literal kept verbatim is stronger evidence than one k-gram of masked tokens. */
const LITERAL_WEIGHT = 10;
/** Matches closer than this (in characters) on both sides join into one region. */
const REGION_SLACK = 160;
/**
 * A document excerpt this long, matched densely, names its source however much other text
 * surrounds it: about 35 words in the same order do not recur by chance.
 */
export const MIN_EXCERPT_CHARS = 200;
/** Share of a region's own fingerprints that must match for it to count as an aligned excerpt. */
const MIN_EXCERPT_DENSITY = 0.8;

/**
 * An in-memory inverted index from fingerprint hash to the places it occurs, and the
 * tracer that ranks sources for a suspect text. It serialises to plain rows
 * ({@link FingerprintRow}) so that a database can hold it and rebuild it.
 *
 * Scores weight each fingerprint by its rarity (inverse document frequency), so code that
 * every solution of an exercise shares (boilerplate) is not taken as evidence; hashes in more
 * than half of the sources (or in more than 1000) are ignored altogether.
 *
 * @example
 * const index = new FingerprintIndex();
 * index.add("repo/src/Parser.java", parserSource);
 * const [best] = index.trace(suspectText);
 * // best: { source: "repo/src/Parser.java", score: 0.82, regions: [...] }
 */
export class FingerprintIndex {
  private readonly sourceIds: string[] = [];
  private readonly sourceNumbers = new Map<string, number>();
  private readonly distinctHashes: number[] = [];
  private readonly distinctComments: number[] = [];
  /** hash → flat triples (source number, start, end), grouped by source in insertion order. */
  private readonly postings = new Map<number, number[]>();

  /** Number of sources indexed. */
  get size(): number {
    return this.sourceIds.length;
  }

  get sources(): readonly string[] {
    return this.sourceIds;
  }

  /**
   * Fingerprints a text and indexes it under `sourceId`. The language defaults to the one
   * the id's extension names (when it is a path), else to a guess. Returns the number of
   * fingerprints.
   */
  add(sourceId: string, text: string, options: FingerprintOptions = {}): number {
    const language = options.language ?? languageFromPath(sourceId);
    const { hashes } = fingerprint(text, language ? { ...options, language } : options);
    this.addFingerprints(sourceId, hashes);
    return hashes.length;
  }

  /**
   * Indexes fingerprints computed elsewhere (or loaded from rows). `totals` gives the whole
   * source's counts when `hashes` are only part of it (a database loads only the postings a
   * suspect shares), so that coverage of the source stays right.
   */
  addFingerprints(sourceId: string, hashes: readonly Fingerprint[], totals?: SourceTotals): void {
    if (this.sourceNumbers.has(sourceId)) {
      throw new WardenError(
        "conflict",
        `Source "${sourceId}" is already indexed. Give each source a unique id.`,
      );
    }
    const number = this.sourceIds.length;
    this.sourceIds.push(sourceId);
    this.sourceNumbers.set(sourceId, number);
    const distinct = new Set<number>();
    for (const { hash, start, end } of hashes) {
      distinct.add(hash);
      let list = this.postings.get(hash);
      if (!list) {
        list = [];
        this.postings.set(hash, list);
      }
      list.push(number, start, end);
    }
    let comments = 0;
    for (const hash of distinct) if (isCommentHash(hash)) comments++;
    this.distinctHashes.push(totals?.distinctHashes ?? distinct.size);
    this.distinctComments.push(totals?.commentLines ?? comments);
  }

  /** Number of stored postings (rows {@link toRows} would return). */
  toRowsCount(): number {
    let count = 0;
    for (const list of this.postings.values()) count += list.length / 3;
    return count;
  }

  /** Every posting as a plain row, for storage. */
  toRows(): FingerprintRow[] {
    const rows: FingerprintRow[] = [];
    for (const [hash, list] of this.postings) {
      for (let i = 0; i < list.length; i += 3) {
        rows.push({ hash, sourceId: this.sourceIds[list[i]!]!, start: list[i + 1]!, end: list[i + 2]! });
      }
    }
    return rows;
  }

  /** Rebuilds an index from stored rows (with each source's {@link SourceTotals} when the rows are partial). */
  static fromRows(
    rows: Iterable<FingerprintRow>,
    totals?: ReadonlyMap<string, SourceTotals>,
  ): FingerprintIndex {
    const bySource = new Map<string, Fingerprint[]>();
    for (const row of rows) {
      let list = bySource.get(row.sourceId);
      if (!list) {
        list = [];
        bySource.set(row.sourceId, list);
      }
      list.push({ hash: row.hash, start: row.start, end: row.end });
    }
    const index = new FingerprintIndex();
    for (const [sourceId, hashes] of bySource) index.addFingerprints(sourceId, hashes, totals?.get(sourceId));
    return index;
  }

  /**
   * Ranks the indexed sources that a suspect text was taken from, best first, with the
   * matching regions on both sides.
   */
  trace(text: string, options: TraceOptions = {}): TraceMatch[] {
    return this.traceFingerprints(fingerprint(text, options).hashes, options);
  }

  /** {@link trace} for fingerprints computed elsewhere. */
  traceFingerprints(suspect: readonly Fingerprint[], options: TraceOptions = {}): TraceMatch[] {
    const minScore = options.minScore ?? DEFAULT_MIN_SCORE;
    const minMatches = options.minMatches ?? 3;
    const limit = options.limit ?? 10;
    const total = this.sourceIds.length;
    if (total === 0) return [];
    const boilerplate = Math.min(MAX_POSTING_SOURCES, total >= 4 ? total / 2 : total);
    const logTotal = Math.log(total + 1);

    interface Candidate {
      /** Rarity-weighted k-gram fingerprints shared with the suspect. */
      weight: number;
      /** Rarity-weighted comment lines shared with the suspect. */
      comments: number;
      hashes: Set<number>;
      pairs: number[];
    }
    const candidates = new Map<number, Candidate>();
    const suspectSeen = new Set<number>();
    let suspectWeight = 0;
    for (const { hash, start, end } of suspect) {
      const list = this.postings.get(hash);
      const firstTime = !suspectSeen.has(hash);
      suspectSeen.add(hash);
      // Comments are scored against the source (below), not against the suspect: a copy may
      // add comments of its own, and an independent solution's comments are simply unmatched.
      const comment = isCommentHash(hash);
      const scale = isLiteralHash(hash) ? LITERAL_WEIGHT : 1;
      if (!list) {
        if (firstTime && !comment) suspectWeight += scale;
        continue;
      }
      if (list.length / 3 > MAX_POSTING_SOURCES * 4) continue;
      let sourcesWithHash = 0;
      let last = -1;
      for (let i = 0; i < list.length; i += 3) {
        if (list[i] !== last) {
          sourcesWithHash++;
          last = list[i]!;
        }
      }
      if (sourcesWithHash > boilerplate) continue;
      const weight = (Math.log((total + 1) / sourcesWithHash) / logTotal) * scale;
      if (firstTime && !comment) suspectWeight += weight;
      for (let i = 0; i < list.length; i += 3) {
        const source = list[i]!;
        let candidate = candidates.get(source);
        if (!candidate) {
          candidate = { weight: 0, comments: 0, hashes: new Set(), pairs: [] };
          candidates.set(source, candidate);
        }
        if (!candidate.hashes.has(hash)) {
          candidate.hashes.add(hash);
          if (comment) candidate.comments += weight;
          else candidate.weight += weight;
        }
        candidate.pairs.push(start, end, list[i + 1]!, list[i + 2]!);
      }
    }

    const matches: TraceMatch[] = [];
    for (const [source, candidate] of candidates) {
      if (candidate.hashes.size < minMatches) continue;
      const structural = suspectWeight > 0 ? Math.min(1, candidate.weight / suspectWeight) : 0;
      const comments = Math.min(1, candidate.comments / Math.max(1, this.distinctComments[source]!));
      // Either kind of evidence alone can explain a copy: the chance that neither does is
      // the product of what each leaves unexplained.
      const regions = mergeRegions(candidate.pairs);
      const excerpt =
        options.language === "prose" ? excerptCoverage(suspect, regions[0], candidate.hashes) : 0;
      const score = Math.max(1 - (1 - structural) * (1 - comments), excerpt);
      const sourceCoverage = candidate.hashes.size / Math.max(1, this.distinctHashes[source]!);
      if (score < minScore) continue;
      matches.push({
        source: this.sourceIds[source]!,
        score: round(score),
        suspectCoverage: round(structural),
        commentCoverage: round(comments),
        sourceCoverage: round(sourceCoverage),
        matchedFingerprints: candidate.hashes.size,
        regions,
        ...(excerpt > 0 ? { excerptCoverage: round(excerpt) } : {}),
      });
    }
    matches.sort((a, b) => b.score - a.score || b.matchedFingerprints - a.matchedFingerprints);
    return matches.slice(0, limit);
  }
}

const round = (value: number) => Math.round(value * 1e4) / 1e4;

/**
 * Local alignment for documents: the share of the suspect's fingerprints inside `region`
 * that the source shares, when the region is long enough to be an excerpt on its own and
 * dense enough to be one; else 0. Coverage of the whole suspect would drown a quoted
 * paragraph in the post around it.
 */
function excerptCoverage(
  suspect: readonly Fingerprint[],
  region: MatchRegion | undefined,
  shared: ReadonlySet<number>,
): number {
  if (!region || region.suspectEnd - region.suspectStart < MIN_EXCERPT_CHARS) return 0;
  let inside = 0;
  let matched = 0;
  const seen = new Set<number>();
  for (const { hash, start, end } of suspect) {
    if (start < region.suspectStart || end > region.suspectEnd || seen.has(hash)) continue;
    seen.add(hash);
    inside++;
    if (shared.has(hash)) matched++;
  }
  const density = inside ? matched / inside : 0;
  return density >= MIN_EXCERPT_DENSITY ? density : 0;
}

/** Chains matched fingerprint pairs that lie close together on both sides into regions. */
function mergeRegions(pairs: number[]): MatchRegion[] {
  const items: MatchRegion[] = [];
  for (let i = 0; i < pairs.length; i += 4) {
    items.push({
      suspectStart: pairs[i]!,
      suspectEnd: pairs[i + 1]!,
      sourceStart: pairs[i + 2]!,
      sourceEnd: pairs[i + 3]!,
    });
  }
  items.sort((a, b) => a.suspectStart - b.suspectStart || a.sourceStart - b.sourceStart);
  const regions: MatchRegion[] = [];
  for (const item of items) {
    // Only recent regions can still join: items arrive in suspect order.
    const joined = regions
      .slice(-16)
      .find(
        (r) =>
          item.suspectStart <= r.suspectEnd + REGION_SLACK &&
          item.sourceStart <= r.sourceEnd + REGION_SLACK &&
          item.sourceEnd >= r.sourceStart - REGION_SLACK,
      );
    if (joined) {
      joined.suspectEnd = Math.max(joined.suspectEnd, item.suspectEnd);
      joined.sourceStart = Math.min(joined.sourceStart, item.sourceStart);
      joined.sourceEnd = Math.max(joined.sourceEnd, item.sourceEnd);
    } else {
      regions.push({ ...item });
    }
  }
  // Repeated code makes one suspect span match several places; keep the longest explanation.
  regions.sort((a, b) => b.suspectEnd - b.suspectStart - (a.suspectEnd - a.suspectStart));
  const kept: MatchRegion[] = [];
  for (const r of regions) {
    if (!kept.some((k) => r.suspectStart >= k.suspectStart && r.suspectEnd <= k.suspectEnd)) kept.push(r);
  }
  return kept;
}
