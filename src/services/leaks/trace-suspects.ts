import type { Kysely } from "kysely";
import {
  type Fingerprint,
  fingerprint,
  guessLanguage,
  languageFromPath,
  traceLeak,
  traceProgram,
} from "../../engines/leaks/index.ts";
import type { Database } from "../../store/schema.ts";
import { loadCandidateIndex, type StoredSource } from "./fingerprint-store.ts";
import { DELIVERY_SOURCE_KIND } from "./index-delivery.ts";
import type { SuspectText } from "./read-suspect.ts";
import type { ProgramFinding, RecipientRef, SourceMatch, SuspectTrace, TraceReport } from "./trace-report.ts";

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
  const allHashes: Fingerprint[] = [];
  for (const suspect of suspects) {
    const language = languageFromPath(suspect.name) ?? guessLanguage(suspect.text);
    const { hashes } = fingerprint(suspect.text, { language });
    allHashes.push(...hashes);
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
  const program = suspects.length > 1 ? await traceStoredProgram(db, suspects, allHashes) : undefined;
  return summarise(results, skipped, program);
}

/**
 * A suspect of several files judged as one program against every stored delivery and
 * distribution (a program is one stored record: its kind and ref).
 */
async function traceStoredProgram(
  db: Kysely<Database>,
  suspects: readonly SuspectText[],
  hashes: readonly Fingerprint[],
): Promise<ProgramFinding | undefined> {
  const { index, sources } = await loadCandidateIndex(db, hashes);
  const programKey = (id: string) => {
    const source = sources.get(id);
    return source ? `${source.kind}\u0000${source.ref}` : id;
  };
  const verdict = traceProgram(suspects, index, { programOf: programKey });
  const best = verdict.matches[0];
  if (!best) return undefined;
  const [kind = "", ref = ""] = best.program.split("\u0000");
  const members = [...sources.values()].filter((s) => s.kind === kind && s.ref === ref);
  const title = (await loadSourceTitles(db, members)).get(ref);
  return {
    kind,
    ref,
    ...(title ? { title } : {}),
    engagementId: members[0]?.engagementId ?? null,
    named: verdict.program !== undefined,
    confidence: verdict.confidence,
    coverage: best.coverage,
    evidentPairs: best.evidentPairs,
    suspectFiles: best.suspectFiles,
    chance: best.chance,
    pairs: best.pairs.map((p) => ({
      suspect: p.suspect,
      sourceId: p.source,
      path: sources.get(p.source)?.path ?? p.source,
      score: p.score,
      regions: p.regions,
    })),
  };
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

function summarise(
  suspects: SuspectTrace[],
  skipped: { name: string; reason: string }[],
  program: ProgramFinding | undefined,
): TraceReport {
  const bestSource = suspects
    .flatMap((s) => (s.matches[0] ? [{ match: s.matches[0], confidence: s.sourceConfidence }] : []))
    .sort((a, b) => b.confidence - a.confidence)[0];
  const bestRecipient = suspects
    .filter((s) => s.recipient)
    .sort((a, b) => b.recipientConfidence - a.recipientConfidence)[0];
  const named = program?.named ? program : undefined;
  const report: TraceReport = {
    verdict: bestRecipient ? "recipient" : bestSource || named ? "source" : "none",
    summary: "",
    sourceConfidence: Math.max(bestSource?.confidence ?? 0, named?.confidence ?? 0),
    recipientConfidence: bestRecipient?.recipientConfidence ?? 0,
    engagementId:
      bestRecipient?.recipient?.engagementId ?? named?.engagementId ?? bestSource?.match.engagementId ?? null,
    suspects,
    skipped,
  };
  if (program) report.program = program;
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
  if (named) {
    parts.push(
      `The files as one program come from ${named.title ? `"${named.title}"` : `${named.kind} ${named.ref}`}: ${named.evidentPairs} of ${named.suspectFiles} files pair with its files (confidence ${named.confidence.toFixed(6)}).`,
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
