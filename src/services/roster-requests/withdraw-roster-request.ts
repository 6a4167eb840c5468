import type { ServiceContext } from "../context.ts";
import { parseId } from "../ids.ts";
import { requirePortalVendor } from "../scope.ts";
import { writeTransaction } from "../write.ts";
import { closeRequest, loadPending } from "./review-roster-request.ts";
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
    return closeRequest(ctx, tx, audit, request, { status: "withdrawn" });
  });
}
