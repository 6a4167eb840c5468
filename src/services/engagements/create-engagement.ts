import { WardenError } from "../../domain/errors.ts";
import { requirePermission, type ServiceContext } from "../context.ts";
import { parseId } from "../ids.ts";
import { parseInput } from "../parse-input.ts";
import { loadEngagementFor, loadVendorFor } from "../scope.ts";
import { writeTransaction } from "../write.ts";
import { engagementFieldsSchema } from "./engagement-input.ts";
import { type EngagementView, toEngagementView } from "./engagement-view.ts";

/** Opens an engagement with a vendor; it starts in due diligence. */
export async function createEngagement(ctx: ServiceContext, input: unknown): Promise<EngagementView> {
  requirePermission(ctx, "engagements.write", "open engagements");
  const data = parseInput(engagementFieldsSchema, input);
  checkDates(data.startDate, data.endDate);
  return writeTransaction(ctx, async (tx, audit) => {
    await loadVendorFor(ctx, data.vendorId, tx);
    const row = await tx
      .insertInto("engagements")
      .values({
        vendor_id: data.vendorId,
        name: data.name,
        scope: data.scope,
        offshore: data.offshore,
        start_date: data.startDate ?? null,
        end_date: data.endDate ?? null,
        approved_networks: JSON.stringify(data.approvedNetworks),
        required_insurance_amount: data.requiredInsuranceAmount ?? null,
        required_insurance_currency: data.requiredInsuranceCurrency ?? null,
        custody_freshness_hours: data.custodyFreshnessHours,
        stage_changed_at: ctx.runtime.now(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: "engagement.create",
      targetType: "engagement",
      targetId: row.id,
      summary: { name: data.name, vendorId: data.vendorId },
    });
    return toEngagementView(row);
  });
}

const updateSchema = engagementFieldsSchema.omit({ vendorId: true }).partial();

export async function updateEngagement(
  ctx: ServiceContext,
  engagementId: unknown,
  input: unknown,
): Promise<EngagementView> {
  requirePermission(ctx, "engagements.write", "change engagements");
  const id = parseId(engagementId);
  const data = parseInput(updateSchema, input);
  return writeTransaction(ctx, async (tx, audit) => {
    const before = await loadEngagementFor(ctx, id, tx);
    checkDates(
      data.startDate !== undefined ? data.startDate : before.start_date,
      data.endDate !== undefined ? data.endDate : before.end_date,
    );
    const row = await tx
      .updateTable("engagements")
      .set({
        ...(data.name !== undefined ? { name: data.name } : {}),
        ...(data.scope !== undefined ? { scope: data.scope } : {}),
        ...(data.offshore !== undefined ? { offshore: data.offshore } : {}),
        ...(data.startDate !== undefined ? { start_date: data.startDate ?? null } : {}),
        ...(data.endDate !== undefined ? { end_date: data.endDate ?? null } : {}),
        ...(data.approvedNetworks !== undefined
          ? { approved_networks: JSON.stringify(data.approvedNetworks) }
          : {}),
        ...(data.requiredInsuranceAmount !== undefined
          ? { required_insurance_amount: data.requiredInsuranceAmount ?? null }
          : {}),
        ...(data.requiredInsuranceCurrency !== undefined
          ? { required_insurance_currency: data.requiredInsuranceCurrency ?? null }
          : {}),
        ...(data.custodyFreshnessHours !== undefined
          ? { custody_freshness_hours: data.custodyFreshnessHours }
          : {}),
        updated_at: ctx.runtime.now(),
      })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: "engagement.update",
      targetType: "engagement",
      targetId: id,
      summary: { changed: Object.keys(data) },
    });
    return toEngagementView(row);
  });
}

function checkDates(start: string | null | undefined, end: string | null | undefined): void {
  if (start && end && end < start) {
    throw new WardenError("invalid_input", `The engagement ends (${end}) before it starts (${start}).`, {
      field: "endDate",
    });
  }
}
