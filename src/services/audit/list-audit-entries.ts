import { type Kysely, sql } from "kysely";
import { z } from "zod";
import type { ChainVerdict } from "../../domain/audit-chain.ts";
import type { Database } from "../../store/schema.ts";
import { requirePermission, type ServiceContext } from "../context.ts";
import { likePattern, type Page } from "../pagination.ts";
import { parseInput } from "../parse-input.ts";
import { verifyAuditLog } from "./verify-audit-log.ts";

export interface AuditEntryView {
  seq: number;
  at: string;
  actor: string;
  action: string;
  targetType: string;
  targetId: string | null;
  /** The target's name (a vendor's legal name, an engagement's name…), when it can be resolved. */
  targetName: string | null;
  summary: Record<string, unknown>;
  hash: string;
}

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date like 2026-01-31");

/** The audit log's filters: the list and its export apply the same. */
export const auditFilterSchema = z.object({
  /** Part of the actor's name or email, any case. */
  actor: z.string().trim().max(200).optional(),
  /** An action or the start of one: `contract.review` matches `contract.review.override`. */
  action: z.string().trim().max(100).optional(),
  targetType: z.string().max(50).optional(),
  targetId: z.string().max(100).optional(),
  /** First day included (UTC). */
  from: isoDay.optional(),
  /** Last day included (UTC). */
  to: isoDay.optional(),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

const querySchema = auditFilterSchema.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

function filtered(db: Kysely<Database>, f: AuditFilter) {
  let q = db.selectFrom("audit_log");
  if (f.targetType) q = q.where("target_type", "=", f.targetType);
  if (f.targetId) q = q.where("target_id", "=", f.targetId);
  if (f.actor) q = q.where(sql<boolean>`lower(actor_label) like ${likePattern(f.actor.toLowerCase())}`);
  // The action's start: the search pattern without its leading wildcard.
  if (f.action) q = q.where("action", "like", likePattern(f.action).slice(1));
  if (f.from) q = q.where("at", ">=", new Date(`${f.from}T00:00:00.000Z`));
  if (f.to) q = q.where("at", "<", new Date(new Date(`${f.to}T00:00:00.000Z`).getTime() + 86_400_000));
  return q;
}

/** The audit log, newest first, filtered by actor, action, target and dates (security, admins, auditors). */
export async function listAuditEntries(
  ctx: ServiceContext,
  query: unknown = {},
): Promise<Page<AuditEntryView>> {
  requirePermission(ctx, "audit.read", "read the audit log");
  const { limit, offset, ...filter } = parseInput(querySchema, query);
  const base = filtered(ctx.runtime.db, filter);
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy("seq", "desc").limit(limit).offset(offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { items: await withTargetNames(ctx.runtime.db, rows), total: Number(count.n), limit, offset };
}

/**
 * Every entry the filter selects, newest first, a page at a time (for exports: the log can be
 * far larger than memory should hold). Same permission and filters as the list.
 */
export async function* walkAuditEntries(
  ctx: ServiceContext,
  filter: unknown = {},
  pageSize = 1000,
): AsyncGenerator<AuditEntryView[]> {
  requirePermission(ctx, "audit.read", "read the audit log");
  const f = parseInput(auditFilterSchema, filter);
  let below = Number.MAX_SAFE_INTEGER;
  for (;;) {
    const rows = await filtered(ctx.runtime.db, f)
      .selectAll()
      .where("seq", "<", below)
      .orderBy("seq", "desc")
      .limit(pageSize)
      .execute();
    if (rows.length === 0) return;
    yield await withTargetNames(ctx.runtime.db, rows);
    below = Number(rows[rows.length - 1]!.seq);
    if (rows.length < pageSize) return;
  }
}

/** The tables whose rows the log names, and the column that names them. */
const TARGET_NAMES = {
  vendor: ["vendors", "legal_name"],
  engagement: ["engagements", "name"],
  user: ["users", "email"],
  contract: ["contracts", "title"],
  person: ["people", "full_name"],
  milestone: ["milestones", "title"],
  policy: ["policies", "title"],
  evidence: ["evidence", "title"],
  leak_case: ["leak_cases", "title"],
  custody_repository: ["custody_repositories", "name"],
} as const satisfies Record<string, readonly [keyof Database, string]>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function withTargetNames(
  db: Kysely<Database>,
  rows: readonly {
    seq: number;
    at: Date;
    actor_label: string;
    action: string;
    target_type: string;
    target_id: string | null;
    summary: Record<string, unknown>;
    hash: string;
  }[],
): Promise<AuditEntryView[]> {
  const names = new Map<string, string>();
  for (const [type, [table, column]] of Object.entries(TARGET_NAMES)) {
    const ids = new Set(
      rows.flatMap((r) =>
        r.target_type === type && r.target_id && UUID.test(r.target_id) ? [r.target_id] : [],
      ),
    );
    if (ids.size === 0) continue;
    const found = (await db
      .selectFrom(table as "vendors")
      .select(["id", sql<string>`${sql.ref(column)}`.as("name")])
      .where("id", "in", [...ids])
      .execute()) as { id: string; name: string }[];
    for (const f of found) names.set(`${type}:${f.id}`, f.name);
  }
  return rows.map((r) => ({
    seq: Number(r.seq),
    at: r.at.toISOString(),
    actor: r.actor_label,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    targetName: r.target_id ? (names.get(`${r.target_type}:${r.target_id}`) ?? null) : null,
    summary: r.summary,
    hash: r.hash,
  }));
}

export async function verifyAuditLogAs(ctx: ServiceContext): Promise<ChainVerdict> {
  requirePermission(ctx, "audit.read", "verify the audit log");
  return verifyAuditLog(ctx.runtime.db);
}
