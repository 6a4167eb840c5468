import { WardenError } from "../domain/errors.ts";
import type { ServiceContext, Tx } from "./context.ts";

/**
 * Vendor scope, checked in the service: a vendor contact reaches only its own
 * vendor's records. Anything else answers "not found", so that ids of other
 * vendors cannot be confirmed by trying them.
 */
export function isVendorActor(ctx: ServiceContext): boolean {
  return ctx.actor.role === "vendor";
}

export async function loadVendorFor(
  ctx: ServiceContext,
  vendorId: string,
  db: Tx | ServiceContext["runtime"]["db"] = ctx.runtime.db,
) {
  const vendor = await db
    .selectFrom("vendors")
    .selectAll()
    .where("id", "=", vendorId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  if (!vendor || (isVendorActor(ctx) && vendor.id !== ctx.actor.vendorId)) {
    throw new WardenError("not_found", `No vendor with id ${vendorId}.`);
  }
  return vendor;
}

export async function loadEngagementFor(
  ctx: ServiceContext,
  engagementId: string,
  db: Tx | ServiceContext["runtime"]["db"] = ctx.runtime.db,
) {
  const engagement = await db
    .selectFrom("engagements")
    .selectAll()
    .where("id", "=", engagementId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  if (!engagement || (isVendorActor(ctx) && engagement.vendor_id !== ctx.actor.vendorId)) {
    throw new WardenError("not_found", `No engagement with id ${engagementId}.`);
  }
  return engagement;
}

/** Reading needs internal access or the vendor portal (then scoped). */
export function requireReader(ctx: ServiceContext): void {
  if (ctx.actor.role === "vendor" || ctx.actor.role === "system") return;
  if (!["admin", "security", "legal", "finance", "auditor"].includes(ctx.actor.role)) {
    throw new WardenError("forbidden", "Your role may not read engagements.");
  }
}

/**
 * The vendor a portal use case acts for: only vendor contacts use the portal,
 * and always for their own vendor.
 */
export function requirePortalVendor(ctx: ServiceContext): string {
  if (ctx.actor.role !== "vendor" || !ctx.actor.vendorId) {
    throw new WardenError("forbidden", "The vendor portal is for vendor contacts.");
  }
  return ctx.actor.vendorId;
}
