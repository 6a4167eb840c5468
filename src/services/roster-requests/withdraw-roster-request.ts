import type { ServiceContext } from "../context.ts";
import { parseId } from "../ids.ts";
import { requirePortalVendor } from "../scope.ts";
import { writeTransaction } from "../write.ts";
import { toViews } from "./list-roster-requests.ts";
import { loadPending } from "./review-roster-request.ts";
import type { RosterRequestView } from "./roster-request-view.ts";

/** A vendor contact takes back one of its own requests while it still waits for review. */
export async function withdrawRosterRequest(
  ctx: ServiceContext,
  requestId: unknown,
): Promise<RosterRequestView> {
  requirePortalVendor(ctx);
  const id = parseId(requestId);
  return writeTransaction(ctx, async (tx, audit) => {
    const request = await loadPending(ctx, tx, id);
    const row = await tx
      .updateTable("roster_change_requests")
      .set({ status: "withdrawn", reviewed_by: ctx.actor.label, reviewed_at: ctx.runtime.now() })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: "roster.request.withdraw",
      targetType: "roster_request",
      targetId: id,
      summary: { vendorId: request.vendor_id, kind: request.kind },
    });
    return (await toViews(tx, [row]))[0]!;
  });
}
