import { type Kysely, sql } from "kysely";
import { addDays, toIsoDate } from "../../domain/dates.ts";
import { deepFreeze } from "../../domain/deep-freeze.ts";
import { STAGES } from "../../domain/stages.ts";
import type { Database, RiskLevel, Stage } from "../../store/schema.ts";
import type { ServiceContext } from "../context.ts";
import { requireInternal } from "../context.ts";
import { refreshEvaluations } from "../playbook/refresh-evaluations.ts";

export interface Dashboard {
  engagementsByStage: Record<Stage, number>;
  /** Vendors × stage: the worst engagement risk in each cell, riskiest vendors first. */
  heatMap: {
    vendorId: string;
    vendorName: string;
    cells: Record<Stage, { score: number; level: RiskLevel; engagements: number } | null>;
  }[];
  expiring: {
    kind: string;
    subject: string;
    dueOn: string;
    vendorId: string | null;
    engagementId: string | null;
  }[];
  blocked: { engagementId: string; name: string; stage: Stage; blockers: string[] }[];
  /** Engagements with a blocking control of a stage already left that no longer holds. */
  regressed: { engagementId: string; name: string; stage: Stage; controls: string[] }[];
  totals: { vendors: number; engagements: number; people: number };
  /** When the oldest evaluation shown was made (a job refreshes them after writes and every 10 minutes). */
  evaluatedAt: string | null;
}

const HEATMAP_VENDORS = 25;

/**
 * The security team's overview: engagements by stage, a vendors × stage risk
 * heat map, what expires within 30 days, blocked gates. Read from the stored
 * snapshot that the evaluation refresh keeps current. Internal staff only.
 */
export async function getDashboard(ctx: ServiceContext): Promise<Dashboard> {
  requireInternal(ctx);
  const db = ctx.runtime.db;
  // The row's version (xmin changes with every update, whoever wrote it) says
  // whether the copy this process already parsed is still the stored one.
  const stored = await db
    .selectFrom("settings")
    .select(sql<string>`xmin::text`.as("version"))
    .where("key", "=", DASHBOARD_KEY)
    .executeTakeFirst();
  if (!stored) return refreshDashboard(db, ctx.runtime.now());
  const cached = parsed.get(db);
  if (cached?.version === stored.version) return cached.dashboard;
  const row = await db
    .selectFrom("settings")
    .select(["value", sql<string>`xmin::text`.as("version")])
    .where("key", "=", DASHBOARD_KEY)
    .executeTakeFirst();
  if (!row) return refreshDashboard(db, ctx.runtime.now());
  const dashboard = deepFreeze(row.value as Dashboard);
  parsed.set(db, { version: row.version, dashboard });
  return dashboard;
}

/** The stored dashboard as last read by this process, per database. */
const parsed = new WeakMap<object, { version: string; dashboard: Dashboard }>();

const DASHBOARD_KEY = "dashboard.snapshot";

/**
 * Computes the dashboard and keeps it as one row, so that reading it costs one
 * primary-key lookup however large the portfolio. The evaluation refresh and
 * the reminders job call this when they finish.
 */
export async function refreshDashboard(db: Kysely<Database>, now: Date): Promise<Dashboard> {
  const dashboard = await computeDashboard(db, now);
  const value = JSON.stringify(dashboard);
  await db
    .insertInto("settings")
    .values({ key: DASHBOARD_KEY, value, updated_at: now })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value, updated_at: now }))
    .execute();
  return dashboard;
}

async function computeDashboard(db: Kysely<Database>, now: Date): Promise<Dashboard> {
  const today = toIsoDate(now);
  const missing = await db
    .selectFrom("engagements")
    .leftJoin("engagement_evaluations as ev", "ev.engagement_id", "engagements.id")
    .select("engagements.id")
    .where("engagements.deleted_at", "is", null)
    .where("ev.engagement_id", "is", null)
    .limit(500)
    .execute();
  if (missing.length)
    await refreshEvaluations(
      db,
      now,
      missing.map((m) => m.id),
    );

  const [byStage, vendors, people, engagements, topVendors, blocked, regressed, reminders, oldest] =
    await Promise.all([
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
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("deleted_at", "is", null)
        .executeTakeFirstOrThrow(),
      db
        .selectFrom("engagement_evaluations as ev")
        .innerJoin("vendors", "vendors.id", "ev.vendor_id")
        .select(["ev.vendor_id", "vendors.legal_name", (eb) => eb.fn.max("ev.risk_score").as("worst")])
        .where("vendors.deleted_at", "is", null)
        .groupBy(["ev.vendor_id", "vendors.legal_name"])
        .orderBy("worst", "desc")
        .limit(HEATMAP_VENDORS)
        .execute(),
      db
        .selectFrom("engagement_evaluations as ev")
        .innerJoin("engagements", "engagements.id", "ev.engagement_id")
        .select(["ev.engagement_id", "engagements.name", "ev.stage", "ev.blockers"])
        .where("ev.gate_open", "=", false)
        .where("engagements.deleted_at", "is", null)
        .orderBy("ev.risk_score", "desc")
        .limit(50)
        .execute(),
      db
        .selectFrom("engagement_evaluations as ev")
        .innerJoin("engagements", "engagements.id", "ev.engagement_id")
        .select(["ev.engagement_id", "engagements.name", "ev.stage", "ev.regressions"])
        .where(sql<boolean>`jsonb_array_length(ev.regressions) > 0`)
        .where("engagements.deleted_at", "is", null)
        .orderBy("ev.risk_score", "desc")
        .limit(50)
        .execute(),
      db
        .selectFrom("reminders")
        .selectAll()
        .where("due_on", "<=", addDays(today, 30))
        .orderBy("due_on")
        .limit(100)
        .execute(),
      db
        .selectFrom("engagement_evaluations")
        .select((eb) => eb.fn.min("evaluated_at").as("at"))
        .executeTakeFirst(),
    ]);
  const cells = topVendors.length
    ? await db
        .selectFrom("engagement_evaluations")
        .select([
          "vendor_id",
          "stage",
          "risk_level",
          (eb) => eb.fn.max("risk_score").as("score"),
          (eb) => eb.fn.countAll<number>().as("n"),
        ])
        .where(
          "vendor_id",
          "in",
          topVendors.map((v) => v.vendor_id),
        )
        .groupBy(["vendor_id", "stage", "risk_level"])
        .execute()
    : [];
  const heatMap = topVendors.map((v) => {
    const row: Dashboard["heatMap"][number] = {
      vendorId: v.vendor_id,
      vendorName: v.legal_name,
      cells: Object.fromEntries(STAGES.map((s) => [s, null])) as Dashboard["heatMap"][number]["cells"],
    };
    for (const c of cells.filter((x) => x.vendor_id === v.vendor_id)) {
      const score = Number(c.score);
      const cell = row.cells[c.stage];
      if (!cell) row.cells[c.stage] = { score, level: c.risk_level, engagements: Number(c.n) };
      else {
        cell.engagements += Number(c.n);
        if (score > cell.score) Object.assign(cell, { score, level: c.risk_level });
      }
    }
    return row;
  });
  return {
    engagementsByStage: Object.fromEntries(
      STAGES.map((s) => [s, Number(byStage.find((b) => b.stage === s)?.n ?? 0)]),
    ) as Dashboard["engagementsByStage"],
    heatMap,
    expiring: reminders.map((r) => ({
      kind: r.kind,
      subject: r.subject,
      dueOn: r.due_on,
      vendorId: r.vendor_id,
      engagementId: r.engagement_id,
    })),
    blocked: blocked.map((b) => ({
      engagementId: b.engagement_id,
      name: b.name,
      stage: b.stage,
      blockers: b.blockers,
    })),
    regressed: regressed.map((r) => ({
      engagementId: r.engagement_id,
      name: r.name,
      stage: r.stage,
      controls: r.regressions,
    })),
    totals: { vendors: Number(vendors.n), engagements: Number(engagements.n), people: Number(people.n) },
    evaluatedAt: oldest?.at ? new Date(oldest.at).toISOString() : null,
  };
}
