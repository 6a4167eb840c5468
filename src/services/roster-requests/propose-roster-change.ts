import { sql } from "kysely";
import { WardenError } from "../../domain/errors.ts";
import type { AuditInput } from "../audit/append-audit-entry.ts";
import type { ServiceContext, Tx } from "../context.ts";
import { parseInput } from "../parse-input.ts";
import { checkEmployer } from "../roster/save-person.ts";
import { loadEngagementFor, requirePortalVendor } from "../scope.ts";
import { writeTransaction } from "../write.ts";
import { toViews } from "./list-roster-requests.ts";
import {
  type JoinerDetails,
  joinerEngagementsSchema,
  joinerSchema,
  type LeaverDetails,
  leaverSchema,
} from "./roster-request-input.ts";
import type { RosterRequestView } from "./roster-request-view.ts";

/**
 * A vendor contact proposes a joiner for its own roster: the same fields and checks as adding a
 * person (employer: the vendor or one of its subcontractors; engagements: the vendor's own).
 * Nothing changes on the roster until the security team approves it.
 */
export async function proposeJoiner(ctx: ServiceContext, input: unknown): Promise<RosterRequestView> {
  const vendorId = requirePortalVendor(ctx);
  const person = parseInput(joinerSchema.person, input);
  const { engagementIds } = parseInput(joinerEngagementsSchema, input);
  return writeTransaction(ctx, async (tx, audit) => {
    await checkEmployer(ctx, tx, vendorId, person.employerVendorId ?? vendorId);
    for (const id of new Set(engagementIds)) await loadEngagementFor(ctx, id, tx);
    if (person.email) await refuseDuplicateEmail(tx, vendorId, person.email);
    const details: JoinerDetails = { person, engagementIds: [...new Set(engagementIds)] };
    return openRequest(
      ctx,
      tx,
      audit,
      { vendorId, kind: "joiner", personId: null, details },
      {
        fullName: person.fullName,
        startDate: person.startDate,
      },
    );
  });
}

/** A vendor contact marks one of its own people as leaving on a date, for review. */
export async function proposeLeaver(ctx: ServiceContext, input: unknown): Promise<RosterRequestView> {
  const vendorId = requirePortalVendor(ctx);
  const data = parseInput(leaverSchema, input);
  return writeTransaction(ctx, async (tx, audit) => {
    const person = await tx
      .selectFrom("people")
      .select(["id", "vendor_id", "full_name", "start_date"])
      .where("id", "=", data.personId)
      .where("deleted_at", "is", null)
      .executeTakeFirst();
    if (!person || person.vendor_id !== vendorId)
      throw new WardenError("not_found", `No person with id ${data.personId}.`, { field: "personId" });
    if (data.endDate < person.start_date)
      throw new WardenError(
        "invalid_input",
        `The end date is before ${person.full_name} started (${person.start_date}).`,
        { field: "endDate" },
      );
    const open = await tx
      .selectFrom("roster_change_requests")
      .select("id")
      .where("person_id", "=", person.id)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (open)
      throw new WardenError(
        "conflict",
        `A change for ${person.full_name} is already waiting for review: withdraw it first to propose another.`,
      );
    const details: LeaverDetails = { endDate: data.endDate, fullName: person.full_name };
    return openRequest(
      ctx,
      tx,
      audit,
      { vendorId, kind: "leaver", personId: person.id, details },
      {
        personId: person.id,
        fullName: person.full_name,
        endDate: data.endDate,
      },
    );
  });
}

/** Records a vendor's proposal, pending review, audit-logged as `roster.request.<kind>`. */
async function openRequest(
  ctx: ServiceContext,
  tx: Tx,
  audit: (entry: AuditInput) => Promise<void>,
  request: {
    vendorId: string;
    kind: "joiner" | "leaver";
    personId: string | null;
    details: JoinerDetails | LeaverDetails;
  },
  summary: Record<string, unknown>,
): Promise<RosterRequestView> {
  const row = await tx
    .insertInto("roster_change_requests")
    .values({
      vendor_id: request.vendorId,
      kind: request.kind,
      ...(request.personId ? { person_id: request.personId } : {}),
      details: JSON.stringify(request.details),
      requested_by: ctx.actor.label,
      requested_by_user_id: ctx.actor.id,
      requested_at: ctx.runtime.now(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit({
    action: `roster.request.${request.kind}`,
    targetType: "roster_request",
    targetId: row.id,
    summary: { vendorId: request.vendorId, ...summary },
  });
  return (await toViews(tx, [row]))[0]!;
}

async function refuseDuplicateEmail(tx: Tx, vendorId: string, email: string): Promise<void> {
  const onRoster = await tx
    .selectFrom("people")
    .select("id")
    .where("vendor_id", "=", vendorId)
    .where((eb) => eb(eb.fn("lower", ["email"]), "=", email.toLowerCase()))
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  if (onRoster) throw new WardenError("conflict", `${email} is already on your roster.`, { field: "email" });
  const proposed = await tx
    .selectFrom("roster_change_requests")
    .select("id")
    .where("vendor_id", "=", vendorId)
    .where("kind", "=", "joiner")
    .where("status", "=", "pending")
    .where(sql<string>`lower(details -> 'person' ->> 'email')`, "=", email.toLowerCase())
    .executeTakeFirst();
  if (proposed)
    throw new WardenError("conflict", `A joiner with ${email} is already waiting for review.`, {
      field: "email",
    });
}
