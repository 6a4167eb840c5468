import type { Selectable } from "kysely";
import { z } from "zod";
import type { RosterChangeRequestsTable } from "../../store/schema.ts";
import { requireInternal, type ServiceContext, type Tx } from "../context.ts";
import { type Page, pageQuerySchema } from "../pagination.ts";
import { parseInput } from "../parse-input.ts";
import { isVendorActor, loadVendorFor } from "../scope.ts";
import { type RosterRequestView, toRosterRequestView } from "./roster-request-view.ts";

const querySchema = pageQuerySchema.omit({ q: true }).extend({
  vendorId: z.string().uuid().optional(),
  status: z.enum(["all", "pending", "approved", "rejected", "withdrawn"]).default("all"),
});

export interface RosterRequestPage extends Page<RosterRequestView> {
  /** Requests still waiting for review, whatever the status filter (the review queue's count). */
  pending: number;
}

/**
 * Roster change requests, newest first. The security team sees every vendor's (or one vendor's)
 * as its review queue; a vendor contact sees only its own vendor's, with their status and any
 * rejection reason.
 *
 * @example
 * const queue = await listRosterRequests(ctx, { status: "pending" }); // queue.pending: the count
 */
export async function listRosterRequests(
  ctx: ServiceContext,
  query: unknown = {},
): Promise<RosterRequestPage> {
  const q = parseInput(querySchema, query);
  let vendorId = q.vendorId;
  if (isVendorActor(ctx)) {
    if (vendorId) await loadVendorFor(ctx, vendorId);
    vendorId = ctx.actor.vendorId ?? undefined;
    if (!vendorId) return { items: [], total: 0, limit: q.limit, offset: q.offset, pending: 0 };
  } else {
    requireInternal(ctx);
    if (vendorId) await loadVendorFor(ctx, vendorId);
  }
  const db = ctx.runtime.db;
  let scoped = db.selectFrom("roster_change_requests");
  if (vendorId) scoped = scoped.where("vendor_id", "=", vendorId);
  const filtered = q.status === "all" ? scoped : scoped.where("status", "=", q.status);
  const [rows, total, pending] = await Promise.all([
    filtered
      .selectAll()
      .orderBy("requested_at", "desc")
      .orderBy("id")
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    filtered.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    scoped
      .where("status", "=", "pending")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    items: await toViews(db, rows),
    total: Number(total.n),
    limit: q.limit,
    offset: q.offset,
    pending: Number(pending.n),
  };
}

/** Views of request rows, with their vendor's name and their engagements' names. */
export async function toViews(
  db: ServiceContext["runtime"]["db"] | Tx,
  rows: Selectable<RosterChangeRequestsTable>[],
): Promise<RosterRequestView[]> {
  if (!rows.length) return [];
  const vendorIds = [...new Set(rows.map((r) => r.vendor_id))];
  const engagementIds = [
    ...new Set(
      rows.flatMap((r) =>
        r.kind === "joiner" ? ((r.details as { engagementIds?: string[] }).engagementIds ?? []) : [],
      ),
    ),
  ];
  const [vendors, engagements] = await Promise.all([
    db.selectFrom("vendors").select(["id", "legal_name"]).where("id", "in", vendorIds).execute(),
    engagementIds.length
      ? db.selectFrom("engagements").select(["id", "name"]).where("id", "in", engagementIds).execute()
      : [],
  ]);
  const vendorNames = new Map(vendors.map((v) => [v.id, v.legal_name]));
  const engagementNames = new Map(engagements.map((e) => [e.id, e.name]));
  return rows.map((r) => toRosterRequestView(r, vendorNames.get(r.vendor_id) ?? "", engagementNames));
}
