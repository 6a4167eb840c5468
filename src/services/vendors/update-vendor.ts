import { z } from "zod";
import { WardenError } from "../../domain/errors.ts";
import { requirePermission, type ServiceContext } from "../context.ts";
import { parseId } from "../ids.ts";
import { parseInput } from "../parse-input.ts";
import { loadVendorFor } from "../scope.ts";
import { endAccessOf } from "../users/disable-user.ts";
import { writeTransaction } from "../write.ts";
import { isoDate, vendorFieldsSchema } from "./vendor-input.ts";
import { toVendorView, type VendorView } from "./vendor-view.ts";

const updateSchema = vendorFieldsSchema
  .omit({ parentVendorId: true })
  .partial()
  .extend({
    assessedOn: isoDate.nullish(),
    assessmentExpiresOn: isoDate.nullish(),
    assessmentRating: z.enum(["low", "medium", "high"]).nullish(),
    chainDisclosedOn: isoDate.nullish(),
  });

/**
 * Changes a vendor's details, including its assessment (DD-5 reads it for
 * subcontractors) and the date it disclosed its subcontractor chain.
 */
export async function updateVendor(
  ctx: ServiceContext,
  vendorId: unknown,
  input: unknown,
): Promise<VendorView> {
  requirePermission(ctx, "vendors.write", "change vendors");
  const id = parseId(vendorId);
  const data = parseInput(updateSchema, input);
  return writeTransaction(ctx, async (tx, audit) => {
    const before = await loadVendorFor(ctx, id, tx);
    const set = {
      ...(data.legalName !== undefined ? { legal_name: data.legalName } : {}),
      ...(data.country !== undefined ? { country: data.country } : {}),
      ...(data.website !== undefined ? { website: data.website ?? null } : {}),
      ...(data.contacts !== undefined ? { contacts: JSON.stringify(data.contacts) } : {}),
      ...(data.internalNotes !== undefined ? { internal_notes: data.internalNotes ?? null } : {}),
      ...(data.assessedOn !== undefined ? { assessed_on: data.assessedOn ?? null } : {}),
      ...(data.assessmentExpiresOn !== undefined
        ? { assessment_expires_on: data.assessmentExpiresOn ?? null }
        : {}),
      ...(data.assessmentRating !== undefined ? { assessment_rating: data.assessmentRating ?? null } : {}),
      ...(data.chainDisclosedOn !== undefined ? { chain_disclosed_on: data.chainDisclosedOn ?? null } : {}),
    };
    const row = await tx
      .updateTable("vendors")
      .set({ ...set, updated_at: ctx.runtime.now() })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const changed = Object.keys(data).filter((k) => k !== "internalNotes");
    await audit({
      action: "vendor.update",
      targetType: "vendor",
      targetId: id,
      summary: { changed, legalName: before.legal_name },
    });
    return toVendorView(ctx, row);
  });
}

/**
 * Soft-deletes a vendor (its records stay; `restore` brings it back). Its contacts are disabled
 * with it, in the same transaction: their sessions, API tokens and section links end, so a
 * deleted vendor reads and proposes nothing more. A restore leaves them disabled: an admin
 * enables the ones that should come back.
 */
export async function setVendorDeleted(
  ctx: ServiceContext,
  vendorId: unknown,
  deleted: boolean,
): Promise<VendorView> {
  requirePermission(ctx, "vendors.write", "delete vendors");
  const id = parseId(vendorId);
  return writeTransaction(ctx, async (tx, audit) => {
    const row = await tx
      .updateTable("vendors")
      .set({ deleted_at: deleted ? ctx.runtime.now() : null, updated_at: ctx.runtime.now() })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new WardenError("not_found", `No vendor with id ${id}.`);
    const contacts = deleted
      ? await tx
          .updateTable("users")
          .set({ disabled_at: ctx.runtime.now(), updated_at: ctx.runtime.now() })
          .where("vendor_id", "=", id)
          .where("disabled_at", "is", null)
          .returning(["id", "email"])
          .execute()
      : [];
    for (const contact of contacts) await endAccessOf(ctx, tx, contact.id);
    await audit({
      action: deleted ? "vendor.delete" : "vendor.restore",
      targetType: "vendor",
      targetId: id,
      summary: {
        legalName: row.legal_name,
        ...(contacts.length ? { contactsDisabled: contacts.map((c) => c.email) } : {}),
      },
    });
    return toVendorView(ctx, row);
  });
}
