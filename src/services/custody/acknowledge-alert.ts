import { z } from "zod";
import { WardenError } from "../../domain/errors.ts";
import { requirePermission, type ServiceContext } from "../context.ts";
import { parseId } from "../ids.ts";
import { parseInput } from "../parse-input.ts";
import { loadEngagementFor } from "../scope.ts";
import { writeTransaction } from "../write.ts";
import { type AlertView, toAlertView } from "./custody-status.ts";

const schema = z.object({ note: z.string().trim().min(1, "say what was found").max(4000) });

/**
 * Acknowledges a history-rewrite alert with what was found (e.g. "vendor rebased a feature
 * branch, agreed"). The preserved ref stays in the mirror; OG-1 stops warning about it.
 */
export async function acknowledgeAlert(
  ctx: ServiceContext,
  alertId: unknown,
  input: unknown,
): Promise<AlertView> {
  requirePermission(ctx, "engagements.write", "acknowledge custody alerts");
  const id = parseId(alertId, "alertId");
  const data = parseInput(schema, input ?? {});
  return writeTransaction(ctx, async (tx, audit) => {
    const alert = await tx
      .selectFrom("custody_alerts")
      .selectAll()
      .where("id", "=", id)
      .forUpdate()
      .executeTakeFirst();
    if (!alert) throw new WardenError("not_found", `No custody alert with id ${id}.`);
    await loadEngagementFor(ctx, alert.engagement_id, tx);
    if (alert.acknowledged_at) {
      throw new WardenError(
        "conflict",
        `This alert was already acknowledged by ${alert.acknowledged_by} on ${alert.acknowledged_at.toISOString()}.`,
      );
    }
    const row = await tx
      .updateTable("custody_alerts")
      .set({
        acknowledged_by: ctx.actor.label,
        acknowledged_at: ctx.runtime.now(),
        acknowledgement: data.note,
      })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: "custody.alert.acknowledge",
      targetType: "custody_alert",
      targetId: id,
      summary: { engagementId: alert.engagement_id, kind: alert.kind, ref: alert.ref, note: data.note },
    });
    return toAlertView(row);
  });
}
