import { z } from "zod";
import { WardenError } from "../../domain/errors.ts";
import { requirePermission, type ServiceContext } from "../context.ts";
import { parseId } from "../ids.ts";
import { parseInput } from "../parse-input.ts";
import { loadEngagementFor } from "../scope.ts";
import { isoDate } from "../vendors/vendor-input.ts";
import { writeTransaction } from "../write.ts";

const grantSchema = z.object({
  personId: z.string().uuid(),
  system: z.string().trim().min(1, "is required").max(200),
  account: z.string().trim().min(1, "is required").max(200),
  scope: z
    .array(z.string().trim().min(1).max(300))
    .min(1, "name at least one group or scope (least privilege, KO-5)")
    .max(100),
  reason: z.string().trim().min(3, "say why the access is needed").max(2000),
  grantedOn: isoDate,
  expiresOn: isoDate.nullish(),
});

/** Records access granted to a person (KO-4 checks it against the NDA, KO-5 its scope). */
export async function addGrant(ctx: ServiceContext, engagementId: unknown, input: unknown) {
  requirePermission(ctx, "access.write", "record access grants");
  const id = parseId(engagementId);
  const data = parseInput(grantSchema, input);
  return writeTransaction(ctx, async (tx, audit) => {
    const engagement = await loadEngagementFor(ctx, id, tx);
    const person = await tx
      .selectFrom("people")
      .select(["id", "vendor_id", "full_name"])
      .where("id", "=", data.personId)
      .where("deleted_at", "is", null)
      .executeTakeFirst();
    if (!person || person.vendor_id !== engagement.vendor_id)
      throw new WardenError("invalid_input", "That person is not on this vendor's roster.", {
        field: "personId",
      });
    const row = await tx
      .insertInto("grants")
      .values({
        engagement_id: id,
        person_id: data.personId,
        system: data.system,
        account: data.account,
        scope: JSON.stringify(data.scope),
        reason: data.reason,
        granted_by: ctx.actor.label,
        granted_on: data.grantedOn,
        expires_on: data.expiresOn ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: "grant.add",
      targetType: "engagement",
      targetId: id,
      summary: { person: person.full_name, system: data.system, account: data.account, scope: data.scope },
    });
    return {
      id: row.id,
      personId: row.person_id,
      system: row.system,
      account: row.account,
      scope: row.scope,
      grantedOn: row.granted_on,
      expiresOn: row.expires_on,
    };
  });
}

export async function revokeGrant(ctx: ServiceContext, grantId: unknown, revokedOn?: string) {
  requirePermission(ctx, "access.write", "revoke access grants");
  const id = parseId(grantId);
  const day = revokedOn ?? ctx.runtime.now().toISOString().slice(0, 10);
  return writeTransaction(ctx, async (tx, audit) => {
    const grant = await tx.selectFrom("grants").selectAll().where("id", "=", id).executeTakeFirst();
    if (!grant) throw new WardenError("not_found", `No grant with id ${id}.`);
    await loadEngagementFor(ctx, grant.engagement_id, tx);
    await tx.updateTable("grants").set({ revoked_on: day }).where("id", "=", id).execute();
    await audit({
      action: "grant.revoke",
      targetType: "engagement",
      targetId: grant.engagement_id,
      summary: { system: grant.system, account: grant.account, revokedOn: day },
    });
    return { id, revokedOn: day };
  });
}

export async function listGrants(ctx: ServiceContext, engagementId: unknown) {
  const id = parseId(engagementId);
  await loadEngagementFor(ctx, id);
  const rows = await ctx.runtime.db
    .selectFrom("grants")
    .innerJoin("people", "people.id", "grants.person_id")
    .selectAll("grants")
    .select("people.full_name")
    .where("grants.engagement_id", "=", id)
    .orderBy("people.full_name")
    .execute();
  return rows.map((g) => ({
    id: g.id,
    personId: g.person_id,
    person: g.full_name,
    system: g.system,
    account: g.account,
    scope: g.scope,
    reason: g.reason,
    grantedBy: g.granted_by,
    grantedOn: g.granted_on,
    expiresOn: g.expires_on,
    revokedOn: g.revoked_on,
  }));
}
