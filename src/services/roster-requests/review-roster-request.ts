import { toIsoDate } from "../../domain/dates.ts";
import { WardenError } from "../../domain/errors.ts";
import type { AuditInput } from "../audit/append-audit-entry.ts";
import { requirePermission, type ServiceContext, type Tx } from "../context.ts";
import { parseId } from "../ids.ts";
import { parseInput } from "../parse-input.ts";
import { changePerson, insertPerson } from "../roster/save-person.ts";
import { loadVendorFor } from "../scope.ts";
import { writeTransaction } from "../write.ts";
import { toViews } from "./list-roster-requests.ts";
import {
  type JoinerDetails,
  joinerSchema,
  type LeaverDetails,
  rejectionSchema,
} from "./roster-request-input.ts";
import type { RosterRequestView } from "./roster-request-view.ts";

/**
 * The security team approves a vendor's roster change: the joiner is added (with its engagements)
 * or the leaver's end date set, in the same transaction as the decision, and audit-logged as the
 * reviewer's write naming the request. Vendor contacts may never approve.
 */
export async function approveRosterRequest(
  ctx: ServiceContext,
  requestId: unknown,
): Promise<RosterRequestView> {
  requirePermission(ctx, "roster.write", "review roster changes");
  const id = parseId(requestId);
  return writeTransaction(ctx, async (tx, audit) => {
    const request = await loadPending(ctx, tx, id);
    let personId: string;
    if (request.kind === "joiner") {
      const details = request.details as unknown as JoinerDetails;
      // Stored input was checked when proposed; parse it again so a rule added since still holds.
      const fields = parseInput(joinerSchema.person, details.person);
      const person = await insertPerson(ctx, tx, request.vendor_id, fields);
      for (const engagementId of details.engagementIds) {
        const engagement = await tx
          .selectFrom("engagements")
          .select(["id", "vendor_id"])
          .where("id", "=", engagementId)
          .where("deleted_at", "is", null)
          .executeTakeFirst();
        if (!engagement || engagement.vendor_id !== request.vendor_id)
          throw new WardenError(
            "conflict",
            `Engagement ${engagementId} of this request no longer exists: reject the request and ask the vendor to propose the joiner again.`,
          );
        await tx
          .insertInto("engagement_people")
          .values({ engagement_id: engagementId, person_id: person.id })
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
      personId = person.id;
      await audit({
        action: "roster.person.add",
        targetType: "person",
        targetId: person.id,
        summary: {
          vendorId: request.vendor_id,
          fullName: fields.fullName,
          startDate: fields.startDate,
          engagementIds: details.engagementIds,
          requestId: id,
        },
      });
    } else {
      const details = request.details as unknown as LeaverDetails;
      personId = request.person_id!;
      const { before, row } = await changePerson(ctx, tx, personId, { endDate: details.endDate });
      await audit({
        action: before.end_date === null ? "roster.person.leave" : "roster.person.update",
        targetType: "person",
        targetId: personId,
        summary: { fullName: row.full_name, changed: ["endDate"], endDate: row.end_date, requestId: id },
      });
    }
    return closeRequest(ctx, tx, audit, request, { status: "approved", person_id: personId }, { personId });
  });
}

/** The security team rejects a vendor's roster change, with the reason the vendor will read. */
export async function rejectRosterRequest(
  ctx: ServiceContext,
  requestId: unknown,
  input: unknown,
): Promise<RosterRequestView> {
  requirePermission(ctx, "roster.write", "review roster changes");
  const id = parseId(requestId);
  const { reason } = parseInput(rejectionSchema, input);
  return writeTransaction(ctx, async (tx, audit) => {
    const request = await loadPending(ctx, tx, id);
    return closeRequest(ctx, tx, audit, request, { status: "rejected", review_reason: reason }, { reason });
  });
}

/**
 * A request still waiting for review, locked for this transaction: two reviewers deciding at once
 * (or a reviewer and a withdrawing vendor) cannot both apply it.
 */
export async function loadPending(ctx: ServiceContext, tx: Tx, id: string) {
  const request = await tx
    .selectFrom("roster_change_requests")
    .selectAll()
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
  if (!request) throw new WardenError("not_found", `No roster change request with id ${id}.`);
  await loadVendorFor(ctx, request.vendor_id, tx).catch(() => {
    throw new WardenError("not_found", `No roster change request with id ${id}.`);
  });
  if (request.status !== "pending")
    throw new WardenError(
      "conflict",
      `This request was already ${request.status}${request.reviewed_at ? ` on ${toIsoDate(new Date(request.reviewed_at))}` : ""}.`,
    );
  return request;
}

/**
 * Ends a pending request (approved, rejected or withdrawn) with who did it and when, audit-logged
 * as `roster.request.<approve|reject|withdraw>`; returns it as the API shows it.
 */
export async function closeRequest(
  ctx: ServiceContext,
  tx: Tx,
  audit: (entry: AuditInput) => Promise<void>,
  request: { id: string; vendor_id: string; kind: string },
  decision:
    | { status: "approved"; person_id: string }
    | { status: "rejected"; review_reason: string }
    | { status: "withdrawn" },
  summary: Record<string, unknown> = {},
): Promise<RosterRequestView> {
  const row = await tx
    .updateTable("roster_change_requests")
    .set({ ...decision, reviewed_by: ctx.actor.label, reviewed_at: ctx.runtime.now() })
    .where("id", "=", request.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit({
    action: `roster.request.${ACTIONS[decision.status]}`,
    targetType: "roster_request",
    targetId: request.id,
    summary: { vendorId: request.vendor_id, kind: request.kind, ...summary },
  });
  return (await toViews(tx, [row]))[0]!;
}

const ACTIONS = { approved: "approve", rejected: "reject", withdrawn: "withdraw" } as const;
