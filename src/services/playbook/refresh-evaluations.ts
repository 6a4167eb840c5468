import type { Kysely } from "kysely";
import type { Database } from "../../store/schema.ts";
import { refreshDashboard } from "../dashboard/get-dashboard.ts";
import { type EngagementEvaluation, forEachEvaluatedBatch } from "./evaluate-engagements.ts";

/**
 * Re-evaluates engagements (all open ones by default) and stores each one's
 * stage, risk and gate for the portfolio views. Batched: a fixed number of
 * queries per 500 engagements, and one upsert per batch.
 */
export async function refreshEvaluations(
  db: Kysely<Database>,
  now: Date,
  engagementIds?: readonly string[],
  options: { dashboard?: boolean } = {},
): Promise<{ evaluated: number }> {
  const ids =
    engagementIds ??
    (await db.selectFrom("engagements").select("id").where("deleted_at", "is", null).execute()).map(
      (r) => r.id,
    );
  let evaluated = 0;
  await forEachEvaluatedBatch(db, ids, now, { batchSize: 500 }, async (evaluations) => {
    await storeEvaluations(db, evaluations, now);
    evaluated += evaluations.length;
  });
  if (options.dashboard !== false) await refreshDashboard(db, now);
  return { evaluated };
}

export async function storeEvaluations(
  db: Kysely<Database>,
  evaluations: readonly EngagementEvaluation[],
  now: Date,
): Promise<void> {
  if (evaluations.length === 0) return;
  const rows = evaluations.map((e) => {
    const counts: Record<string, number> = {};
    for (const r of e.results) counts[r.status] = (counts[r.status] ?? 0) + 1;
    return {
      engagement_id: e.engagementId,
      vendor_id: e.vendorId,
      stage: e.stage,
      risk_score: e.risk.score,
      risk_level: e.risk.level,
      gate_open: e.gate.open,
      blockers: JSON.stringify(e.gate.blockers.map((b) => b.id)),
      regressions: JSON.stringify(e.regressions.map((r) => r.id)),
      status_counts: JSON.stringify(counts),
      evaluated_at: now,
    };
  });
  await db
    .insertInto("engagement_evaluations")
    .values(rows)
    .onConflict((oc) =>
      oc.column("engagement_id").doUpdateSet((eb) => ({
        vendor_id: eb.ref("excluded.vendor_id"),
        stage: eb.ref("excluded.stage"),
        risk_score: eb.ref("excluded.risk_score"),
        risk_level: eb.ref("excluded.risk_level"),
        gate_open: eb.ref("excluded.gate_open"),
        blockers: eb.ref("excluded.blockers"),
        regressions: eb.ref("excluded.regressions"),
        status_counts: eb.ref("excluded.status_counts"),
        evaluated_at: eb.ref("excluded.evaluated_at"),
      })),
    )
    .execute();
}
