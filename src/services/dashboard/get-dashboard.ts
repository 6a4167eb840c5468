import { addDays, toIsoDate } from "../../domain/dates.ts";
import { STAGES } from "../../domain/stages.ts";
import type { ServiceContext } from "../context.ts";
import { requireInternal } from "../context.ts";
import { evaluateEngagements } from "../playbook/evaluate-engagements.ts";

export interface Dashboard {
  engagementsByStage: Record<string, number>;
  /** Vendors × stage: the worst engagement risk in each cell. */
  heatMap: {
    vendorId: string;
    vendorName: string;
    cells: Record<string, { score: number; level: string; engagements: number } | null>;
  }[];
  expiring: {
    kind: string;
    subject: string;
    dueOn: string;
    vendorId: string | null;
    engagementId: string | null;
  }[];
  blocked: { engagementId: string; name: string; stage: string; blockers: string[] }[];
  totals: { vendors: number; engagements: number; people: number };
}

const HEATMAP_VENDORS = 25;

/**
 * The security team's overview: engagements by stage, a vendors × stage risk
 * heat map (the riskiest vendors first), what expires or falls due within 30
 * days, and the gates that block. Internal staff only.
 */
export async function getDashboard(ctx: ServiceContext): Promise<Dashboard> {
  requireInternal(ctx);
  const db = ctx.runtime.db;
  const now = ctx.runtime.now();
  const today = toIsoDate(now);
  const [byStage, vendors, people, engagements, reminders] = await Promise.all([
    db
      .selectFrom("engagements")
      .select(["stage", (eb) => eb.fn.countAll<number>().as("n")])
      .where("deleted_at", "is", null)
      .groupBy("stage")
      .execute(),
    db
      .selectFrom("vendors")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("deleted_at", "is", null)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("people")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("deleted_at", "is", null)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("engagements")
      .innerJoin("vendors", "vendors.id", "engagements.vendor_id")
      .select(["engagements.id", "vendors.id as vendor_id", "vendors.legal_name"])
      .where("engagements.deleted_at", "is", null)
      .where("engagements.stage", "!=", "closed")
      .execute(),
    db
      .selectFrom("reminders")
      .selectAll()
      .where("due_on", "<=", addDays(today, 30))
      .orderBy("due_on")
      .limit(100)
      .execute(),
  ]);
  const evaluations = await evaluateEngagements(
    db,
    engagements.map((e) => e.id),
    now,
  );
  const names = new Map(engagements.map((e) => [e.vendor_id, e.legal_name]));
  const rows = new Map<string, Dashboard["heatMap"][number]>();
  for (const ev of evaluations) {
    let row = rows.get(ev.vendorId);
    if (!row) {
      row = {
        vendorId: ev.vendorId,
        vendorName: names.get(ev.vendorId) ?? "",
        cells: Object.fromEntries(STAGES.map((s) => [s, null])),
      };
      rows.set(ev.vendorId, row);
    }
    const cell = row.cells[ev.stage];
    if (!cell) row.cells[ev.stage] = { score: ev.risk.score, level: ev.risk.level, engagements: 1 };
    else {
      cell.engagements += 1;
      if (ev.risk.score > cell.score) Object.assign(cell, { score: ev.risk.score, level: ev.risk.level });
    }
  }
  const worst = (r: Dashboard["heatMap"][number]) =>
    Math.max(0, ...Object.values(r.cells).map((c) => c?.score ?? 0));
  return {
    engagementsByStage: Object.fromEntries(
      STAGES.map((s) => [s, Number(byStage.find((b) => b.stage === s)?.n ?? 0)]),
    ),
    heatMap: [...rows.values()].sort((a, b) => worst(b) - worst(a)).slice(0, HEATMAP_VENDORS),
    expiring: reminders.map((r) => ({
      kind: r.kind,
      subject: r.subject,
      dueOn: r.due_on,
      vendorId: r.vendor_id,
      engagementId: r.engagement_id,
    })),
    blocked: evaluations
      .filter((e) => !e.gate.open)
      .slice(0, 50)
      .map((e) => ({
        engagementId: e.engagementId,
        name: e.name,
        stage: e.stage,
        blockers: e.gate.blockers.map((b) => b.id),
      })),
    totals: { vendors: Number(vendors.n), engagements: engagements.length, people: Number(people.n) },
  };
}
