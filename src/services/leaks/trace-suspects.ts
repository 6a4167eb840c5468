import type { Kysely } from "kysely";
import { fingerprint, guessLanguage, languageFromPath, traceLeak } from "../../engines/leaks/index.ts";
import type { Database } from "../../store/schema.ts";
import { loadCandidateIndex, type StoredSource } from "./fingerprint-store.ts";
import { DELIVERY_SOURCE_KIND } from "./index-delivery.ts";
import type { SuspectText } from "./read-suspect.ts";
import type { RecipientRef, SourceMatch, SuspectTrace, TraceReport } from "./trace-report.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Suspect text kept in a report for highlighting; regions past it are still reported. */
const DISPLAY_CHARS = 200_000;

/**
 * Traces suspect texts against everything stored: fingerprints (only the postings of the
 * suspect's hashes are loaded), the text and code watermarks and canaries read with the
 * installation's key, and the copies their payloads name. The best source and the best
 * recipient are chosen across all suspect files.
 */
export async function traceSuspects(
  db: Kysely<Database>,
  key: string,
  suspects: readonly SuspectText[],
  skipped: { name: string; reason: string }[] = [],
  options: { minScore?: number } = {},
): Promise<TraceReport> {
  const traced: {
    suspect: SuspectText;
    trace: ReturnType<typeof traceLeak>;
    sources: Map<string, StoredSource>;
  }[] = [];
  for (const suspect of suspects) {
    const language = languageFromPath(suspect.name) ?? guessLanguage(suspect.text);
    const { hashes } = fingerprint(suspect.text, { language });
    const { index, sources } = await loadCandidateIndex(db, hashes);
    const copiesOf = await loadCopyPayloads(db, [...sources.values()]);
    const trace = traceLeak(
      { text: suspect.text, metadata: suspect.metadata, name: suspect.name, language },
      {
        index,
        key,
        payloadsOf: (sourceId) => copiesOf.get(sources.get(sourceId)?.ref ?? "") ?? [],
        ...(options.minScore !== undefined ? { minScore: options.minScore } : {}),
      },
    );
    traced.push({ suspect, trace, sources });
  }

  const payloads = new Set<number>();
  for (const { trace } of traced) {
    if (trace.payload !== undefined) payloads.add(trace.payload);
    for (const p of trace.conflictingPayloads) payloads.add(p);
  }
  const copies = await loadCopies(db, [...payloads]);
  const titles = await loadSourceTitles(
    db,
    traced.flatMap(({ sources }) => [...sources.values()]),
  );

  const results: SuspectTrace[] = traced.map(({ suspect, trace, sources }) => {
    const matches: SourceMatch[] = [];
    for (const m of trace.matches) {
      const source = sources.get(m.source);
      if (!source) continue;
      const title = titles.get(source.ref);
      matches.push({
        sourceId: source.id,
        kind: source.kind,
        ref: source.ref,
        path: source.path,
        engagementId: source.engagementId,
        ...(title ? { title } : {}),
        score: m.score,
        suspectCoverage: m.suspectCoverage,
        commentCoverage: m.commentCoverage,
        // The candidate index holds only shared hashes: coverage of the source needs its stored size.
        sourceCoverage: Math.min(1, m.matchedFingerprints / Math.max(1, source.distinctHashes)),
        matchedFingerprints: m.matchedFingerprints,
        regions: m.regions,
      });
    }
    const recipient = trace.payload !== undefined ? copies.get(trace.payload) : undefined;
    const result: SuspectTrace = {
      name: suspect.name,
      text: suspect.text.slice(0, DISPLAY_CHARS),
      truncated: suspect.text.length > DISPLAY_CHARS,
      matches,
      sourceConfidence: trace.sourceConfidence,
      recipientConfidence: recipient ? trace.recipientConfidence : 0,
      conflictingPayloads: trace.conflictingPayloads,
      // The engine names sources by their stored id: name them as a person would.
      evidence: trace.evidence.map((e) => ({ ...e, detail: nameSources(e.detail, sources, titles) })),
    };
    if (trace.payload !== undefined) result.payload = trace.payload;
    if (recipient) result.recipient = recipient;
    return result;
  });
  return summarise(results, skipped);
}

/**
 * What a person calls each source's record: a shared document's distribution title, or an
 * accepted delivery's milestone, repository, ref and commit.
 */
async function loadSourceTitles(
  db: Kysely<Database>,
  sources: readonly StoredSource[],
): Promise<Map<string, string>> {
  const refsOf = (kind: string) => [...new Set(sources.filter((s) => s.kind === kind).map((s) => s.ref))];
  const distributionIds = refsOf("distribution");
  // Deliveries indexed by hand (indexSource) may name their record any way: only verifications are looked up.
  const deliveryIds = refsOf(DELIVERY_SOURCE_KIND).filter((ref) => UUID.test(ref));
  const [distributions, deliveries] = await Promise.all([
    distributionIds.length
      ? db
          .selectFrom("leak_distributions")
          .select(["id", "title"])
          .where("id", "in", distributionIds)
          .execute()
      : [],
    deliveryIds.length
      ? db
          .selectFrom("custody_verifications as v")
          .innerJoin("milestones as m", "m.id", "v.milestone_id")
          .innerJoin("custody_repositories as r", "r.id", "v.repository_id")
          .select(["v.id", "v.ref", "v.commit_oid", "m.title as milestone", "r.name as repository"])
          .where("v.id", "in", deliveryIds)
          .execute()
      : [],
  ]);
  const titles = new Map<string, string>(distributions.map((d) => [d.id, d.title]));
  for (const d of deliveries) {
    const commit = d.commit_oid ? ` at ${d.commit_oid.slice(0, 12)}` : "";
    titles.set(d.id, `Delivery for milestone ${d.milestone}: ${d.repository} ${d.ref}${commit}`);
  }
  return titles;
}

/** The payloads of every recorded copy of the shared documents among `sources`, by distribution. */
async function loadCopyPayloads(
  db: Kysely<Database>,
  sources: readonly StoredSource[],
): Promise<Map<string, number[]>> {
  const ids = [...new Set(sources.filter((s) => s.kind === "distribution").map((s) => s.ref))];
  const byDistribution = new Map<string, number[]>();
  if (ids.length === 0) return byDistribution;
  const rows = await db
    .selectFrom("leak_copies")
    .select(["distribution_id", "payload"])
    .where("distribution_id", "in", ids)
    .execute();
  for (const row of rows) {
    const list = byDistribution.get(row.distribution_id) ?? [];
    list.push(Number(row.payload));
    byDistribution.set(row.distribution_id, list);
  }
  return byDistribution;
}

async function loadCopies(db: Kysely<Database>, payloads: number[]): Promise<Map<number, RecipientRef>> {
  if (payloads.length === 0) return new Map();
  const rows = await db
    .selectFrom("leak_copies as c")
    .innerJoin("leak_distributions as d", "d.id", "c.distribution_id")
    .select([
      "c.payload",
      "c.person_id",
      "c.recipient_label",
      "d.id as distribution_id",
      "d.title",
      "d.engagement_id",
    ])
    .where("c.payload", "in", payloads)
    .execute();
  return new Map(
    rows.map((r) => [
      Number(r.payload),
      {
        payload: Number(r.payload),
        personId: r.person_id,
        label: r.recipient_label,
        distributionId: r.distribution_id,
        distributionTitle: r.title,
        engagementId: r.engagement_id,
      },
    ]),
  );
}

function summarise(suspects: SuspectTrace[], skipped: { name: string; reason: string }[]): TraceReport {
  const bestSource = suspects
    .flatMap((s) => (s.matches[0] ? [{ match: s.matches[0], confidence: s.sourceConfidence }] : []))
    .sort((a, b) => b.confidence - a.confidence)[0];
  const bestRecipient = suspects
    .filter((s) => s.recipient)
    .sort((a, b) => b.recipientConfidence - a.recipientConfidence)[0];
  const report: TraceReport = {
    verdict: bestRecipient ? "recipient" : bestSource ? "source" : "none",
    summary: "",
    sourceConfidence: bestSource?.confidence ?? 0,
    recipientConfidence: bestRecipient?.recipientConfidence ?? 0,
    engagementId: bestRecipient?.recipient?.engagementId ?? bestSource?.match.engagementId ?? null,
    suspects,
    skipped,
  };
  if (bestSource) report.source = bestSource.match;
  if (bestRecipient?.recipient) report.recipient = bestRecipient.recipient;
  const parts: string[] = [];
  if (report.recipient) {
    parts.push(
      `The copy of "${report.recipient.distributionTitle}" shared with ${report.recipient.label} (confidence ${report.recipientConfidence.toFixed(6)}).`,
    );
  }
  if (report.source) {
    const what = report.source.title
      ? `"${report.source.title}" (${report.source.path})`
      : report.source.path;
    parts.push(
      `Most likely source: ${what}${report.source.kind === "distribution" ? "" : `, ${report.source.kind} ${report.source.ref}`} (confidence ${report.sourceConfidence.toFixed(2)}).`,
    );
  }
  const unknown = suspects.find((s) => s.payload !== undefined && !s.recipient);
  if (unknown && !report.recipient)
    parts.push(`Mark found, payload ${unknown.payload}, not recorded in this Warden.`);
  report.summary = parts.length ? parts.join(" ") : "Nothing recorded matches: no source and no mark found.";
  return report;
}

function nameSources(
  detail: string,
  sources: Map<string, StoredSource>,
  titles: Map<string, string>,
): string {
  return detail.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => {
    const source = sources.get(id);
    if (!source) return id;
    const title = titles.get(source.ref);
    return title ? `"${title}" (${source.path})` : `${source.path} (${source.kind} ${source.ref})`;
  });
}
