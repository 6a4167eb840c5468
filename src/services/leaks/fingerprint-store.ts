import { type Kysely, sql } from "kysely";
import {
  type Fingerprint,
  FingerprintIndex,
  fingerprint,
  isCommentHash,
  languageFromPath,
  type SourceLanguage,
  type SourceTotals,
} from "../../engines/leaks/index.ts";
import type { Database } from "../../store/schema.ts";
import type { Tx } from "../context.ts";

type Db = Kysely<Database> | Tx;

/** What a stored fingerprint source is: a shared document's original, a delivered file… */
export interface SourceKey {
  kind: string;
  ref: string;
  path: string;
}

export interface StoredSource extends SourceKey {
  id: string;
  engagementId: string | null;
  language: string;
  distinctHashes: number;
}

/** Postings of one hash beyond this are boilerplate (the engine ignores them too): never loaded. */
const MAX_POSTINGS_PER_HASH = 4000;
const INSERT_BATCH = 2000;
const LOOKUP_BATCH = 5000;

/** PostgreSQL integers are signed; the engine's hashes are unsigned 32-bit. */
const toStored = (hash: number) => hash | 0;
const fromStored = (hash: number) => hash >>> 0;

/**
 * Fingerprints a text and stores its postings under a source named by (kind, ref, path).
 * A source already stored is kept as it is (fingerprints of the same text never change).
 * Returns the source id.
 */
export async function storeSourceFingerprints(
  tx: Tx,
  input: SourceKey & { engagementId: string | null; text: string; language?: SourceLanguage | undefined },
): Promise<{ id: string; fingerprints: number; created: boolean }> {
  const existing = await tx
    .selectFrom("leak_sources")
    .select("id")
    .where("kind", "=", input.kind)
    .where("ref", "=", input.ref)
    .where("path", "=", input.path)
    .executeTakeFirst();
  if (existing) return { id: existing.id, fingerprints: 0, created: false };
  const known = input.language ?? languageFromPath(input.path);
  const { language, hashes } = fingerprint(input.text, known ? { language: known } : {});
  const source = await tx
    .insertInto("leak_sources")
    .values({
      engagement_id: input.engagementId,
      kind: input.kind,
      ref: input.ref,
      path: input.path,
      language,
      distinct_hashes: new Set(hashes.map((h) => h.hash)).size,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (let i = 0; i < hashes.length; i += INSERT_BATCH) {
    await tx
      .insertInto("leak_fingerprints")
      .values(
        hashes.slice(i, i + INSERT_BATCH).map((h) => ({
          hash: toStored(h.hash),
          source_id: source.id,
          start_at: h.start,
          end_at: h.end,
        })),
      )
      .execute();
  }
  return { id: source.id, fingerprints: hashes.length, created: true };
}

/**
 * Rarity weights need the number of sources; past this many, the index is treated as this
 * big. The boilerplate cut-off (a hash in more than 1,000 sources) is the same either way and
 * the weights move by a few percent, while the trace stays independent of the index size.
 */
const COUNTED_SOURCES = 4096;

/**
 * Whole-source counts for the candidates: stored distinct hashes, and comment lines for the
 * sources that share a comment line with the suspect (only there does the count change a
 * score, which keeps this to a few sources however large the index).
 */
async function loadSourceTotals(
  db: Db,
  sources: ReadonlyMap<string, StoredSource>,
  rows: readonly { hash: number; source_id: string }[],
): Promise<Map<string, SourceTotals>> {
  const totals = new Map<string, SourceTotals>();
  for (const s of sources.values()) totals.set(s.id, { distinctHashes: s.distinctHashes });
  const withComments = [
    ...new Set(rows.filter((r) => isCommentHash(fromStored(r.hash))).map((r) => r.source_id)),
  ];
  for (let i = 0; i < withComments.length; i += LOOKUP_BATCH) {
    const batch = withComments.slice(i, i + LOOKUP_BATCH);
    const counted = await sql<{ source_id: string; n: number }>`
      select source_id, count(distinct hash)::integer as n from leak_fingerprints
      where source_id = any(${`{${batch.join(",")}}`}::uuid[]) and (hash & 3) = 3
      group by source_id
    `.execute(db);
    for (const row of counted.rows) {
      const entry = totals.get(row.source_id);
      if (entry) entry.commentLines = row.n;
    }
  }
  return totals;
}

/**
 * An in-memory index holding only the postings of the suspect's own hashes, loaded by the
 * hash index (one query per 5,000 distinct hashes): trace cost follows the suspect's size
 * and how common its hashes are, not the size of everything stored. The sources that share
 * no hash are stood in for by empty entries (up to {@link COUNTED_SOURCES}) so that rarity
 * weights see the number of sources.
 */
export async function loadCandidateIndex(
  db: Db,
  suspect: readonly Fingerprint[],
): Promise<{ index: FingerprintIndex; sources: Map<string, StoredSource> }> {
  const distinct = [...new Set(suspect.map((h) => toStored(h.hash)))];
  const rows: { hash: number; source_id: string; start_at: number; end_at: number }[] = [];
  for (let i = 0; i < distinct.length; i += LOOKUP_BATCH) {
    const batch = distinct.slice(i, i + LOOKUP_BATCH);
    const result = await sql<{ hash: number; source_id: string; start_at: number; end_at: number }>`
      select hash, source_id, start_at, end_at from (
        select f.hash, f.source_id, f.start_at, f.end_at, count(*) over (partition by f.hash) as postings
        from leak_fingerprints f
        where f.hash = any(${`{${batch.join(",")}}`}::integer[])
      ) candidates
      where postings <= ${MAX_POSTINGS_PER_HASH}
    `.execute(db);
    rows.push(...result.rows);
  }
  const sourceIds = [...new Set(rows.map((r) => r.source_id))];
  const [sourceRows, total] = await Promise.all([
    sourceIds.length
      ? db.selectFrom("leak_sources").selectAll().where("id", "in", sourceIds).execute()
      : Promise.resolve([]),
    sql<{
      n: number;
    }>`select count(*)::integer as n from (select 1 from leak_sources limit ${COUNTED_SOURCES}) counted`
      .execute(db)
      .then((r) => r.rows[0] ?? { n: 0 }),
  ]);
  const sources = new Map<string, StoredSource>(
    sourceRows.map((s) => [
      s.id,
      {
        id: s.id,
        kind: s.kind,
        ref: s.ref,
        path: s.path,
        engagementId: s.engagement_id,
        language: s.language,
        distinctHashes: s.distinct_hashes,
      },
    ]),
  );
  const index = FingerprintIndex.fromRows(
    rows.map((r) => ({ hash: fromStored(r.hash), sourceId: r.source_id, start: r.start_at, end: r.end_at })),
    await loadSourceTotals(db, sources, rows),
  );
  for (let pad = index.size; pad < Number(total.n); pad++) index.addFingerprints(`\0unmatched:${pad}`, []);
  return { index, sources };
}
