import { WardenError } from "../../domain/errors.ts";
import type { Actor } from "../../domain/roles.ts";
import type { Runtime, ServiceContext, Tx } from "../context.ts";
import { parseId } from "../ids.ts";
import type { AssignmentRow } from "./assignment-view.ts";
import { hashLinkToken } from "./link-token.ts";

/** Who answers: the holder of a link token, or a signed-in vendor contact naming an assignment. */
export type Respondent =
  | { kind: "link"; token: string }
  | { kind: "user"; ctx: ServiceContext; assignmentId: unknown };

const ANSWERABLE = new Set(["sent", "in_progress", "clarification"]);

/**
 * Finds the one assignment a respondent may reach, and the context its writes run under. A link
 * reaches only the assignment it was made for, and only until it is submitted or expires; a vendor
 * contact reaches only its own vendor's assignments sent to contacts (anything else is "not found").
 * With `forWriting` the assignment must also still be open for answers.
 */
export async function loadForRespondent(
  runtime: Runtime,
  respondent: Respondent,
  options: { forWriting: boolean; tx?: Tx },
): Promise<{ row: AssignmentRow; ctx: ServiceContext }> {
  const db = options.tx ?? runtime.db;
  let query = db.selectFrom("questionnaire_assignments").selectAll();
  if (respondent.kind === "link") {
    if (
      typeof respondent.token !== "string" ||
      respondent.token.length < 20 ||
      respondent.token.length > 200
    ) {
      throw new WardenError(
        "not_found",
        "This questionnaire link is not valid: check that you copied all of it.",
      );
    }
    query = query.where("link_token_sha256", "=", hashLinkToken(respondent.token));
  } else {
    query = query.where("id", "=", parseId(respondent.assignmentId));
  }
  if (options.tx) query = query.forUpdate();
  const row = (await query.executeTakeFirst()) as AssignmentRow | undefined;
  if (respondent.kind === "link") {
    if (!row) {
      const spent = await db
        .selectFrom("questionnaire_spent_links")
        .select("spent_at")
        .where("sha256", "=", hashLinkToken(respondent.token))
        .executeTakeFirst();
      if (spent) throw linkUsed();
    }
    if (row?.recipient_kind !== "link") {
      throw new WardenError(
        "not_found",
        "This questionnaire link is not valid: check that you copied all of it.",
      );
    }
    // After submission the link is spent: refuse reading too, so a forwarded link discloses nothing.
    if (!ANSWERABLE.has(row.status)) {
      throw linkUsed();
    }
    if (row.link_expires_at && new Date(row.link_expires_at).getTime() <= runtime.now().getTime()) {
      throw new WardenError(
        "forbidden",
        `This questionnaire link expired on ${new Date(row.link_expires_at).toISOString().slice(0, 10)}. Ask your contact for a new link.`,
        { reason: "link_expired" },
      );
    }
    const actor: Actor = {
      kind: "user",
      id: null,
      label: `questionnaire link (${row.recipient_label})`,
      role: "vendor",
      vendorId: row.vendor_id,
    };
    return { row, ctx: { runtime, actor } };
  }
  const { ctx } = respondent;
  if (
    !row ||
    ctx.actor.role !== "vendor" ||
    row.vendor_id !== ctx.actor.vendorId ||
    row.recipient_kind !== "contact"
  ) {
    throw new WardenError("not_found", `No questionnaire with id ${String(respondent.assignmentId)}.`);
  }
  if (options.forWriting && !ANSWERABLE.has(row.status)) {
    throw new WardenError(
      "conflict",
      `This questionnaire is ${row.status === "accepted" ? "accepted" : "submitted"}: it can no longer be changed.`,
    );
  }
  return { row, ctx };
}

function linkUsed(): WardenError {
  return new WardenError(
    "forbidden",
    "This questionnaire has been submitted and its link no longer works. If something needs changing, ask your contact for a new link.",
    { reason: "link_used" },
  );
}
