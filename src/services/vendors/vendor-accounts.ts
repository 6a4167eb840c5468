import { requireInternal, type ServiceContext } from "../context.ts";
import { parseId } from "../ids.ts";
import { loadVendorFor } from "../scope.ts";

export interface VendorAccount {
  id: string;
  name: string;
  email: string;
}

/**
 * The vendor's active contact accounts (users who sign in to the vendor portal), for choosing
 * who receives a questionnaire. Internal users only: a vendor contact does not list accounts.
 *
 * @example
 * const accounts = await listVendorAccounts(ctx, vendorId); // [{ id, name, email }]
 */
export async function listVendorAccounts(ctx: ServiceContext, vendorId: unknown): Promise<VendorAccount[]> {
  requireInternal(ctx);
  const id = parseId(vendorId);
  await loadVendorFor(ctx, id);
  return ctx.runtime.db
    .selectFrom("users")
    .select(["id", "name", "email"])
    .where("role", "=", "vendor")
    .where("vendor_id", "=", id)
    .where("disabled_at", "is", null)
    .orderBy("name")
    .orderBy("email")
    .execute();
}
