import type { Kysely } from "kysely";
import type { Database } from "../../store/schema.ts";
import type { Tx } from "../context.ts";
import { refreshDashboard } from "../dashboard/get-dashboard.ts";
import { recordEvent } from "../events/record-event.ts";
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

/**
 * Stores evaluations, and in the same transaction records an event for each gate that
 * opened or closed and each control whose status moved since the stored evaluation.
 */
export async function storeEvaluations(
  db: Kysely<Database>,
  evaluations: readonly EngagementEvaluation[],
  now: Date,
): Promise<void> {
  if (evaluations.length === 0) return;
  await db.transaction().execute(async (tx) => {
    await recordEvaluationChanges(tx, evaluations, now);
    await upsertEvaluations(tx, evaluations, now);
  });
}

async function recordEvaluationChanges(
  tx: Tx,
  evaluations: readonly EngagementEvaluation[],
  now: Date,
): Promise<void> {
  const previous = new Map(
    (
      await tx
        .selectFrom("engagement_evaluations")
        .select(["engagement_id", "gate_open", "control_statuses"])
        .where(
          "engagement_id",
          "in",
          evaluations.map((e) => e.engagementId),
        )
        .execute()
    ).map((row) => [row.engagement_id, row]),
  );
  for (const e of evaluations) {
    const before = previous.get(e.engagementId);
    if (!before) continue;
    const owner = { vendorId: e.vendorId, engagementId: e.engagementId, at: now };
    if (before.gate_open !== e.gate.open) {
      await recordEvent(tx, {
        kind: "gate.changed",
        ...owner,
        payload: {
          engagementId: e.engagementId,
          vendorId: e.vendorId,
          engagement: e.name,
          stage: e.stage,
          open: e.gate.open,
          blockers: e.gate.blockers.map((b) => b.id),
        },
      });
    }
    for (const r of e.results) {
      const was = before.control_statuses[r.id];
      if (was === undefined || was === r.status) continue;
      await recordEvent(tx, {
        kind: "control.changed",
        ...owner,
        payload: {
          engagementId: e.engagementId,
          vendorId: e.vendorId,
          engagement: e.name,
          controlId: r.id,
          title: r.title,
          from: was,
          to: r.status,
        },
      });
    }
  }
}

async function upsertEvaluations(
  tx: Tx,
  evaluations: readonly EngagementEvaluation[],
  now: Date,
): Promise<void> {
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
      control_statuses: JSON.stringify(Object.fromEntries(e.results.map((r) => [r.id, r.status]))),
      evaluated_at: now,
    };
  });
  await tx
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
        control_statuses: eb.ref("excluded.control_statuses"),
        evaluated_at: eb.ref("excluded.evaluated_at"),
      })),
    )
    .execute();
}
