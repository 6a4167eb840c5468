import { z } from "zod";
import type { ServiceContext } from "../context.ts";
import { likePattern, type Page } from "../pagination.ts";
import { parseInput } from "../parse-input.ts";
import { isVendorActor, requireReader } from "../scope.ts";
import { toVendorView, type VendorView } from "./vendor-view.ts";

const querySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  q: z.string().trim().max(200).optional(),
  /** Only principals (no subcontractors), only subcontractors of one vendor, or all. */
  parentVendorId: z.string().uuid().optional(),
  kind: z.enum(["all", "principal", "subcontractor"]).default("all"),
  deleted: z.enum(["exclude", "only"]).default("exclude"),
});

/** Vendors by name; a vendor contact sees only its own vendor. */
export async function listVendors(ctx: ServiceContext, query: unknown = {}): Promise<Page<VendorView>> {
  requireReader(ctx);
  const q = parseInput(querySchema, query);
  let base = ctx.runtime.db.selectFrom("vendors");
  base =
    q.deleted === "only" ? base.where("deleted_at", "is not", null) : base.where("deleted_at", "is", null);
  if (isVendorActor(ctx)) base = base.where("id", "=", ctx.actor.vendorId ?? "");
  if (q.q) base = base.where("legal_name", "ilike", likePattern(q.q));
  if (q.parentVendorId) base = base.where("parent_vendor_id", "=", q.parentVendorId);
  if (q.kind === "principal") base = base.where("parent_vendor_id", "is", null);
  if (q.kind === "subcontractor") base = base.where("parent_vendor_id", "is not", null);
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy("legal_name").orderBy("id").limit(q.limit).offset(q.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => toVendorView(ctx, r)),
    total: Number(count.n),
    limit: q.limit,
    offset: q.offset,
  };
}
