import { z } from "zod";
import type { ChainVerdict } from "../../domain/audit-chain.ts";
import { requirePermission, type ServiceContext } from "../context.ts";
import type { Page } from "../pagination.ts";
import { parseInput } from "../parse-input.ts";
import { verifyAuditLog } from "./verify-audit-log.ts";

export interface AuditEntryView {
  seq: number;
  at: string;
  actor: string;
  action: string;
  targetType: string;
  targetId: string | null;
  summary: Record<string, unknown>;
  hash: string;
}

const querySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  targetType: z.string().max(50).optional(),
  targetId: z.string().max(100).optional(),
});

/** The audit log, newest first, optionally for one target (security, admins, auditors). */
export async function listAuditEntries(
  ctx: ServiceContext,
  query: unknown = {},
): Promise<Page<AuditEntryView>> {
  requirePermission(ctx, "audit.read", "read the audit log");
  const { limit, offset, targetType, targetId } = parseInput(querySchema, query);
  let base = ctx.runtime.db.selectFrom("audit_log");
  if (targetType) base = base.where("target_type", "=", targetType);
  if (targetId) base = base.where("target_id", "=", targetId);
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy("seq", "desc").limit(limit).offset(offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({
      seq: Number(r.seq),
      at: r.at.toISOString(),
      actor: r.actor_label,
      action: r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      summary: r.summary,
      hash: r.hash,
    })),
    total: Number(count.n),
    limit,
    offset,
  };
}

export async function verifyAuditLogAs(ctx: ServiceContext): Promise<ChainVerdict> {
  requirePermission(ctx, "audit.read", "verify the audit log");
  return verifyAuditLog(ctx.runtime.db);
}
