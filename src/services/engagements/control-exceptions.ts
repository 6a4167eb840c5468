import { z } from "zod";
import { WardenError } from "../../domain/errors.ts";
import { requirePermission, type ServiceContext } from "../context.ts";
import { parseId } from "../ids.ts";
import { parseInput } from "../parse-input.ts";
import { loadEngagementFor } from "../scope.ts";
import { isoDate } from "../vendors/vendor-input.ts";
import { writeTransaction } from "../write.ts";

const exceptionSchema = z.object({
  controlId: z
    .string()
    .trim()
    .regex(/^[A-Z][A-Z0-9]*-[A-Z0-9-]+$/, "must be a control id such as DD-1"),
  assetId: z.string().uuid().nullish(),
  /** An exception for one person only (KO-4: marked copies for someone without a valid NDA). */
  personId: z.string().uuid().nullish(),
  reason: z.string().trim().min(10, "must explain the exception (at least 10 characters)").max(2000),
  expiresOn: isoDate,
});

/**
 * An admin's recorded exception: a control that does not hold and that the gate
 * lets through until the expiry (or, for DD-1, one crown-jewel asset allowed
 * offshore; for KO-4, one person who may receive marked copies without a valid
 * NDA). Audit-logged and shown on the engagement.
 */
export async function recordControlException(ctx: ServiceContext, engagementId: unknown, input: unknown) {
  requirePermission(ctx, "exceptions.approve", "approve exceptions");
  const id = parseId(engagementId);
  const data = parseInput(exceptionSchema, input);
  const today = ctx.runtime.now().toISOString().slice(0, 10);
  if (data.expiresOn < today)
    throw new WardenError(
      "invalid_input",
      "The exception would already have expired: give a future expiry date.",
      { field: "expiresOn" },
    );
  if (data.assetId && data.personId)
    throw new WardenError("invalid_input", "An exception covers one asset or one person, not both.", {
      field: "personId",
    });
  return writeTransaction(ctx, async (tx, audit) => {
    const engagement = await loadEngagementFor(ctx, id, tx);
    if (data.personId) {
      const person = await tx
        .selectFrom("people")
        .select("id")
        .where("id", "=", data.personId)
        .where("vendor_id", "=", engagement.vendor_id)
        .where("deleted_at", "is", null)
        .executeTakeFirst();
      if (!person)
        throw new WardenError("invalid_input", "That person is not on this engagement's vendor roster.", {
          field: "personId",
        });
    }
    if (data.assetId) {
      const asset = await tx
        .selectFrom("assets")
        .select("id")
        .where("id", "=", data.assetId)
        .where("engagement_id", "=", id)
        .executeTakeFirst();
      if (!asset)
        throw new WardenError("invalid_input", "That asset is not part of this engagement.", {
          field: "assetId",
        });
    }
    const row = await tx
      .insertInto("control_exceptions")
      .values({
        engagement_id: id,
        control_id: data.controlId,
        asset_id: data.assetId ?? null,
        person_id: data.personId ?? null,
        reason: data.reason,
        approved_by: ctx.actor.label,
        expires_on: data.expiresOn,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: "exception.record",
      targetType: "engagement",
      targetId: id,
      summary: {
        controlId: data.controlId,
        assetId: data.assetId ?? null,
        personId: data.personId ?? null,
        reason: data.reason,
        expiresOn: data.expiresOn,
      },
    });
    return {
      id: row.id,
      controlId: row.control_id,
      assetId: row.asset_id,
      personId: row.person_id,
      reason: row.reason,
      approvedBy: row.approved_by,
      expiresOn: row.expires_on,
    };
  });
}

export async function revokeControlException(ctx: ServiceContext, exceptionId: unknown) {
  requirePermission(ctx, "exceptions.approve", "revoke exceptions");
  const id = parseId(exceptionId);
  return writeTransaction(ctx, async (tx, audit) => {
    const row = await tx
      .updateTable("control_exceptions")
      .set({ revoked_at: ctx.runtime.now() })
      .where("id", "=", id)
      .where("revoked_at", "is", null)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new WardenError("not_found", `No active exception with id ${id}.`);
    await audit({
      action: "exception.revoke",
      targetType: "engagement",
      targetId: row.engagement_id,
      summary: { controlId: row.control_id },
    });
    return { id: row.id, revoked: true };
  });
}
