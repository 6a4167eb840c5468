import { sql } from "kysely";
import { z } from "zod";
import { WardenError } from "../../domain/errors.ts";
import { requirePermission, type ServiceContext } from "../context.ts";
import { parseInput } from "../parse-input.ts";
import { writeTransaction } from "../write.ts";
import { vendorFieldsSchema } from "./vendor-input.ts";
import { toVendorView, type VendorView } from "./vendor-view.ts";

const createSchema = vendorFieldsSchema.extend({
  /** Set to record a vendor whose legal name another live vendor already has. */
  confirmDuplicateName: z.boolean().optional(),
});

/**
 * Registers a vendor, or a subcontractor of one (`parentVendorId`). A legal name that a live vendor
 * already has (ignoring case and spacing) is refused with a conflict naming that vendor, unless the
 * caller confirms the duplicate: two companies may share a name, but a second record of the same
 * company splits its history.
 */
export async function createVendor(ctx: ServiceContext, input: unknown): Promise<VendorView> {
  requirePermission(ctx, "vendors.write", "add vendors");
  const data = parseInput(createSchema, input);
  return writeTransaction(ctx, async (tx, audit) => {
    if (!data.confirmDuplicateName) {
      const same = await tx
        .selectFrom("vendors")
        .select(["id", "legal_name", "country"])
        .where("deleted_at", "is", null)
        .where(
          sql<string>`lower(regexp_replace(trim(legal_name), '\\s+', ' ', 'g'))`,
          "=",
          data.legalName.replace(/\s+/g, " ").toLowerCase(),
        )
        .executeTakeFirst();
      if (same)
        throw new WardenError(
          "conflict",
          `A vendor named "${same.legal_name}" (${same.country}) is already recorded. Open it instead if it is the same company; to record a different company of the same name, confirm the duplicate.`,
          { field: "legalName", duplicateOf: same.id },
        );
    }
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
        ...(data.confirmDuplicateName ? { duplicateNameConfirmed: true } : {}),
        parentVendorId: data.parentVendorId ?? null,
      },
    });
    return toVendorView(ctx, row);
  });
}
