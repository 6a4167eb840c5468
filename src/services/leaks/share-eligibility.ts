import { isExpired } from "../../domain/dates.ts";
import { requirePermission, type ServiceContext, type Tx } from "../context.ts";
import { parseId } from "../ids.ts";
import { loadEngagementFor } from "../scope.ts";

/** The control whose exception lets one person receive marked copies without a valid NDA. */
export const SHARE_EXCEPTION_CONTROL = "KO-4";

export interface ShareRecipient {
  personId: string;
  fullName: string;
  email: string | null;
  /** On the roster today: started and not left. */
  active: boolean;
  /** Whether a marked copy may be made for this person today. */
  eligible: boolean;
  /** Why not, in words (or, when an exception lets them through, that it does). */
  reason: string | null;
  /** The admin's exception that lets an otherwise ineligible person through. */
  exception: { id: string; reason: string; expiresOn: string } | null;
}

interface PersonRow {
  id: string;
  full_name: string;
  email: string | null;
  start_date: string;
  end_date: string | null;
  nda_signed_on: string | null;
  nda_expires_on: string | null;
}

/**
 * Why a person may not receive a marked copy today, or null when they may:
 * they must be on the roster now (started, not left) with an NDA signed on or
 * before today that has not expired. Pure.
 */
export function shareRefusal(p: Omit<PersonRow, "id" | "full_name" | "email">, today: string): string | null {
  if (p.start_date > today) return `starts on ${p.start_date}`;
  if (p.end_date !== null && p.end_date < today) return `left on ${p.end_date}`;
  if (p.nda_signed_on === null) return "has no signed NDA";
  if (p.nda_signed_on > today) return `signs the NDA only on ${p.nda_signed_on}`;
  if (p.nda_expires_on !== null && isExpired(p.nda_expires_on, today))
    return `NDA expired on ${p.nda_expires_on}`;
  return null;
}

/**
 * Everyone on the engagement's vendor roster (its own and its subcontractors'
 * staff) with whether a marked copy may be made for them today, and why not.
 * An admin's current exception for one person (control KO-4, reason, expiry)
 * is the only way round a refusal.
 */
export async function loadShareRecipients(
  db: Tx | ServiceContext["runtime"]["db"],
  engagement: { id: string; vendor_id: string },
  today: string,
): Promise<ShareRecipient[]> {
  const [people, exceptions] = await Promise.all([
    db
      .selectFrom("people")
      .select(["id", "full_name", "email", "start_date", "end_date", "nda_signed_on", "nda_expires_on"])
      .where("vendor_id", "=", engagement.vendor_id)
      .where("deleted_at", "is", null)
      .orderBy("full_name")
      .execute(),
    db
      .selectFrom("control_exceptions")
      .select(["id", "person_id", "reason", "expires_on"])
      .where("engagement_id", "=", engagement.id)
      .where("control_id", "=", SHARE_EXCEPTION_CONTROL)
      .where("person_id", "is not", null)
      .where("revoked_at", "is", null)
      .where("expires_on", ">=", today)
      .execute(),
  ]);
  return people.map((p) => {
    const refusal = shareRefusal(p, today);
    const exception = refusal ? exceptions.find((x) => x.person_id === p.id) : undefined;
    return {
      personId: p.id,
      fullName: p.full_name,
      email: p.email,
      active: p.start_date <= today && (p.end_date === null || p.end_date >= today),
      eligible: refusal === null || exception !== undefined,
      reason:
        refusal &&
        (exception ? `${refusal}; let through by an exception until ${exception.expires_on}` : refusal),
      exception: exception
        ? { id: exception.id, reason: exception.reason, expiresOn: exception.expires_on }
        : null,
    };
  });
}

/** The share form's list: who may receive a marked copy on this engagement, and why not. */
export async function listShareRecipients(
  ctx: ServiceContext,
  engagementId: unknown,
): Promise<ShareRecipient[]> {
  requirePermission(ctx, "leaks.write", "share watermarked documents");
  const id = parseId(engagementId, "engagementId");
  const engagement = await loadEngagementFor(ctx, id);
  return loadShareRecipients(ctx.runtime.db, engagement, ctx.runtime.now().toISOString().slice(0, 10));
}
