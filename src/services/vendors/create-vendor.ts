import { WardenError } from "../../domain/errors.ts";
import { requirePermission, type ServiceContext } from "../context.ts";
import { parseInput } from "../parse-input.ts";
import { writeTransaction } from "../write.ts";
import { vendorFieldsSchema } from "./vendor-input.ts";
import { toVendorView, type VendorView } from "./vendor-view.ts";

/** Registers a vendor, or a subcontractor of one (`parentVendorId`). */
export async function createVendor(ctx: ServiceContext, input: unknown): Promise<VendorView> {
  requirePermission(ctx, "vendors.write", "add vendors");
  const data = parseInput(vendorFieldsSchema, input);
  return writeTransaction(ctx, async (tx, audit) => {
    if (data.parentVendorId) {
      const parent = await tx
        .selectFrom("vendors")
        .select("id")
        .where("id", "=", data.parentVendorId)
        .where("deleted_at", "is", null)
        .executeTakeFirst();
      if (!parent)
        throw new WardenError(
          "invalid_input",
          `No vendor with id ${data.parentVendorId} to be the subcontractor's principal.`,
          { field: "parentVendorId" },
        );
    }
    const row = await tx
      .insertInto("vendors")
      .values({
        legal_name: data.legalName,
        country: data.country,
        website: data.website ?? null,
        contacts: JSON.stringify(data.contacts),
        internal_notes: data.internalNotes ?? null,
        parent_vendor_id: data.parentVendorId ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: data.parentVendorId ? "subcontractor.create" : "vendor.create",
      targetType: "vendor",
      targetId: row.id,
      summary: {
        legalName: data.legalName,
        country: data.country,
        parentVendorId: data.parentVendorId ?? null,
      },
    });
    return toVendorView(ctx, row);
  });
}
