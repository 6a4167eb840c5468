import { WardenError } from "../../domain/errors.ts";
import type { Actor } from "../../domain/roles.ts";
import type { Runtime, ServiceContext, Tx } from "../context.ts";
import { parseId } from "../ids.ts";
import { requirePortalVendor } from "../scope.ts";
import { type AssignmentRow, OPEN_STATUSES } from "./assignment-view.ts";
import { hashLinkToken } from "./link-token.ts";

/** Who answers: the holder of a link token, or a signed-in vendor contact naming an assignment. */
export type Respondent =
  | { kind: "link"; token: string }
  | { kind: "user"; ctx: ServiceContext; assignmentId: unknown };

/** A colleague answering through a section link: it reaches this one section and nothing else. */
export interface SectionScope {
  handOffId: string;
  sectionId: string;
  recipient: string;
  handedOffBy: string;
  expiresAt: Date;
}

export interface RespondentAccess {
  row: AssignmentRow;
  ctx: ServiceContext;
  /** Null for the main respondent (the questionnaire's link or its vendor contact). */
  section: SectionScope | null;
}

const NOT_VALID = "This questionnaire link is not valid: check that you copied all of it.";

/**
 * Finds the one assignment a respondent may reach, and the context its writes run under. A link
 * reaches only the assignment it was made for, and only until it is submitted or expires; a section
 * link (a section handed to a colleague) reaches only its section, until it is taken back, the
 * questionnaire is submitted, or it expires; a vendor contact reaches only its own vendor's
 * assignments sent to contacts (anything else is "not found"), and only vendor contacts answer as
 * users (anyone else is refused before anything is read or parsed). With `forWriting` the
 * assignment must also still be open for answers.
 */
export async function loadForRespondent(
  runtime: Runtime,
  respondent: Respondent,
  options: { forWriting: boolean; tx?: Tx },
): Promise<RespondentAccess> {
  if (respondent.kind === "link") return loadForLink(runtime, respondent.token, options.tx);
  requirePortalVendor(respondent.ctx);
  const db = options.tx ?? runtime.db;
  let query = db
    .selectFrom("questionnaire_assignments")
    .selectAll()
    .where("id", "=", parseId(respondent.assignmentId));
  if (options.tx) query = query.forUpdate();
  const row = (await query.executeTakeFirst()) as AssignmentRow | undefined;
  const { ctx } = respondent;
  if (
    !row ||
    ctx.actor.role !== "vendor" ||
    row.vendor_id !== ctx.actor.vendorId ||
    row.recipient_kind !== "contact"
  ) {
    throw new WardenError("not_found", `No questionnaire with id ${String(respondent.assignmentId)}.`);
  }
  if (options.forWriting && !OPEN_STATUSES.has(row.status)) {
    throw new WardenError(
      "conflict",
      `This questionnaire is ${row.status === "accepted" ? "accepted" : "submitted"}: it can no longer be changed.`,
    );
  }
  return { row, ctx, section: null };
}

async function loadForLink(runtime: Runtime, token: string, tx: Tx | undefined): Promise<RespondentAccess> {
  if (typeof token !== "string" || token.length < 20 || token.length > 200) {
    throw new WardenError("not_found", NOT_VALID);
  }
  const db = tx ?? runtime.db;
  const sha256 = hashLinkToken(token);
  const lockable = <Q extends { forUpdate(): Q }>(q: Q) => (tx ? q.forUpdate() : q);
  let row = (await lockable(
    db.selectFrom("questionnaire_assignments").selectAll().where("link_token_sha256", "=", sha256),
  ).executeTakeFirst()) as AssignmentRow | undefined;
  let section: SectionScope | null = null;
  if (!row) {
    const found = await db
      .selectFrom("questionnaire_section_links")
      .select("assignment_id")
      .where("token_sha256", "=", sha256)
      .executeTakeFirst();
    if (found) {
      // Lock the questionnaire first (as the take-back does), then read the link's state, so a
      // save cannot slip in after the section was taken back.
      row = (await lockable(
        db.selectFrom("questionnaire_assignments").selectAll().where("id", "=", found.assignment_id),
      ).executeTakeFirstOrThrow()) as AssignmentRow;
      const handOff = await db
        .selectFrom("questionnaire_section_links")
        .selectAll()
        .where("token_sha256", "=", sha256)
        .executeTakeFirstOrThrow();
      if (handOff.end_reason === "taken_back") {
        throw new WardenError(
          "forbidden",
          "This section was taken back by the person who handed it to you, and its link no longer works.",
          { reason: "link_revoked" },
        );
      }
      if (handOff.end_reason === "revoked") {
        throw new WardenError(
          "forbidden",
          "This section link was revoked: the person who handed it to you can no longer answer for the vendor, or the security team ended it. Ask your contact for a new link.",
          { reason: "link_revoked" },
        );
      }
      if (handOff.end_reason === "submitted") throw linkUsed();
      if (
        handOff.end_reason === "expired" ||
        new Date(handOff.expires_at).getTime() <= runtime.now().getTime()
      ) {
        throw linkExpired(handOff.expires_at);
      }
      section = {
        handOffId: handOff.id,
        sectionId: handOff.section_id,
        recipient: handOff.recipient_label,
        handedOffBy: handOff.created_by,
        expiresAt: new Date(handOff.expires_at),
      };
    } else {
      const spent = await db
        .selectFrom("questionnaire_spent_links")
        .select("spent_at")
        .where("sha256", "=", sha256)
        .executeTakeFirst();
      if (spent) throw linkUsed();
      throw new WardenError("not_found", NOT_VALID);
    }
  } else if (row.recipient_kind !== "link") {
    throw new WardenError("not_found", NOT_VALID);
  }
  // A deleted vendor answers nothing more: its links end with it.
  const vendor = await db
    .selectFrom("vendors")
    .select("deleted_at")
    .where("id", "=", row.vendor_id)
    .executeTakeFirst();
  if (!vendor || vendor.deleted_at) throw new WardenError("not_found", NOT_VALID);
  // After submission a link is spent: refuse reading too, so a forwarded link discloses nothing.
  if (!OPEN_STATUSES.has(row.status)) throw linkUsed();
  if (!section && row.link_expires_at && row.link_expires_at.getTime() <= runtime.now().getTime()) {
    throw linkExpired(row.link_expires_at);
  }
  const actor: Actor = {
    kind: "user",
    id: null,
    label: section
      ? `questionnaire section link (${section.recipient}, section ${section.sectionId})`
      : `questionnaire link (${row.recipient_label})`,
    role: "vendor",
    vendorId: row.vendor_id,
  };
  return { row, ctx: { runtime, actor }, section };
}

function linkUsed(): WardenError {
  return new WardenError(
    "forbidden",
    "This questionnaire has been submitted and its link no longer works. If something needs changing, ask your contact for a new link.",
    { reason: "link_used" },
  );
}

function linkExpired(at: Date): WardenError {
  return new WardenError(
    "forbidden",
    `This questionnaire link expired on ${new Date(at).toISOString().slice(0, 10)}. Ask your contact for a new link.`,
    { reason: "link_expired" },
  );
}
