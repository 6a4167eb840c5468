import { z } from "zod";
import { addBusinessDays } from "../../domain/dates.ts";
import { WardenError } from "../../domain/errors.ts";
import { requirePermission, type ServiceContext } from "../context.ts";
import { parseId } from "../ids.ts";
import { parseInput } from "../parse-input.ts";
import { readOrgSettings } from "../playbook/playbook-settings.ts";
import { loadEngagementFor } from "../scope.ts";
import { writeTransaction } from "../write.ts";

const timestamp = z
  .string()
  .datetime({ offset: true, message: "must be a date and time such as 2026-03-01T09:30:00Z" });

const incidentSchema = z.object({
  title: z.string().trim().min(1).max(300),
  description: z.string().max(20_000).default(""),
  severity: z.enum(["low", "medium", "high", "critical"]),
  occurredAt: timestamp,
  materialityDecidedAt: timestamp.nullish(),
});

/**
 * Records a vendor-caused incident. Once materiality is decided, the disclosure
 * deadline is computed from the organisation's rule (default: 4 business days).
 */
export async function recordIncident(ctx: ServiceContext, engagementId: unknown, input: unknown) {
  requirePermission(ctx, "engagements.write", "record incidents");
  const id = parseId(engagementId);
  const data = parseInput(incidentSchema, input);
  const settings = await readOrgSettings(ctx.runtime.db);
  const decided = data.materialityDecidedAt ? new Date(data.materialityDecidedAt) : null;
  return writeTransaction(ctx, async (tx, audit) => {
    await loadEngagementFor(ctx, id, tx);
    const row = await tx
      .insertInto("incidents")
      .values({
        engagement_id: id,
        title: data.title,
        description: data.description,
        severity: data.severity,
        occurred_at: new Date(data.occurredAt),
        materiality_decided_at: decided,
        disclosure_due_at: decided ? addBusinessDays(decided, settings.incidentDisclosureBusinessDays) : null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: "incident.record",
      targetType: "engagement",
      targetId: id,
      summary: { title: data.title, severity: data.severity },
    });
    return { id: row.id, disclosureDueAt: row.disclosure_due_at?.toISOString() ?? null };
  });
}

/** Records the materiality decision or the disclosure of an incident. */
export async function updateIncident(ctx: ServiceContext, incidentId: unknown, input: unknown) {
  requirePermission(ctx, "engagements.write", "update incidents");
  const id = parseId(incidentId);
  const data = parseInput(
    z
      .object({
        materialityDecidedAt: timestamp.optional(),
        disclosedAt: timestamp.optional(),
        status: z.enum(["open", "closed"]).optional(),
      })
      .refine((d) => d.materialityDecidedAt ?? d.disclosedAt ?? d.status, {
        message: "name at least one of materialityDecidedAt, disclosedAt or status to change",
      }),
    input,
  );
  const settings = await readOrgSettings(ctx.runtime.db);
  return writeTransaction(ctx, async (tx, audit) => {
    const incident = await tx.selectFrom("incidents").selectAll().where("id", "=", id).executeTakeFirst();
    if (!incident) throw new WardenError("not_found", `No incident with id ${id}.`);
    await loadEngagementFor(ctx, incident.engagement_id, tx);
    const decided = data.materialityDecidedAt ? new Date(data.materialityDecidedAt) : null;
    const row = await tx
      .updateTable("incidents")
      .set({
        ...(decided
          ? {
              materiality_decided_at: decided,
              disclosure_due_at: addBusinessDays(decided, settings.incidentDisclosureBusinessDays),
            }
          : {}),
        ...(data.disclosedAt ? { disclosed_at: new Date(data.disclosedAt) } : {}),
        ...(data.status ? { status: data.status } : {}),
      })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: "incident.update",
      targetType: "engagement",
      targetId: incident.engagement_id,
      summary: { title: incident.title, ...data },
    });
    return {
      id,
      disclosureDueAt: row.disclosure_due_at?.toISOString() ?? null,
      disclosedAt: row.disclosed_at?.toISOString() ?? null,
      status: row.status,
    };
  });
}
