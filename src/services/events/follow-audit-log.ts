import { sql } from "kysely";
import { eventForAction } from "../../domain/event-kinds.ts";
import type { AuditRow } from "../../store/schema.ts";
import type { Runtime, Tx } from "../context.ts";
import { recordEvent } from "./record-event.ts";

/** The last audit entry read for events (the migration sets it to the head at upgrade). */
export const AUDIT_CURSOR_KEY = "events.audit-cursor";
const FOLLOW_LOCK = 7310019;
const BATCH = 500;

/**
 * Reads the audit log past the stored cursor and records an event for each entry
 * that means one, moving the cursor in the same transaction: every committed write
 * is seen once, a write that rolled back left no entry to see, and a restart goes on
 * from the cursor. The audit log is appended under one lock, so its sequence numbers
 * commit in order and none is skipped.
 *
 * @example
 * await followAuditLog(runtime); // → number of events recorded
 */
export async function followAuditLog(runtime: Runtime): Promise<number> {
  let recorded = 0;
  for (;;) {
    const { read, events } = await runtime.db.transaction().execute(async (tx) => {
      await sql`select pg_advisory_xact_lock(${FOLLOW_LOCK})`.execute(tx);
      const cursorRow = await tx
        .selectFrom("settings")
        .select("value")
        .where("key", "=", AUDIT_CURSOR_KEY)
        .executeTakeFirst();
      const cursor = Number(cursorRow?.value ?? 0);
      const entries = await tx
        .selectFrom("audit_log")
        .selectAll()
        .where("seq", ">", cursor)
        .orderBy("seq")
        .limit(BATCH)
        .execute();
      let count = 0;
      for (const entry of entries) {
        const kind = eventForAction(entry.action);
        if (!kind) continue;
        const owner = await ownerOf(tx, entry);
        await recordEvent(tx, {
          kind,
          ...owner,
          auditSeq: entry.seq,
          at: entry.at,
          payload: {
            action: entry.action,
            actor: entry.actor_label,
            target: { type: entry.target_type, id: entry.target_id },
            summary: entry.summary,
            vendorId: owner.vendorId,
            engagementId: owner.engagementId,
          },
        });
        count += 1;
      }
      const last = entries.at(-1);
      if (last) {
        await tx
          .insertInto("settings")
          .values({ key: AUDIT_CURSOR_KEY, value: JSON.stringify(last.seq), updated_at: runtime.now() })
          .onConflict((oc) =>
            oc.column("key").doUpdateSet({ value: JSON.stringify(last.seq), updated_at: runtime.now() }),
          )
          .execute();
      }
      return { read: entries.length, events: count };
    });
    recorded += events;
    if (read < BATCH) return recorded;
  }
}

/** The vendor and engagement an audited target belongs to, so that recipients can be scoped. */
async function ownerOf(
  tx: Tx,
  entry: AuditRow,
): Promise<{ vendorId: string | null; engagementId: string | null }> {
  const id = entry.target_id;
  const summary = (entry.summary ?? {}) as Record<string, unknown>;
  const none = { vendorId: null, engagementId: null };
  if (!id) return none;
  switch (entry.target_type) {
    case "vendor":
      return { vendorId: id, engagementId: null };
    case "milestone": {
      const row = await tx
        .selectFrom("milestones")
        .innerJoin("engagements", "engagements.id", "milestones.engagement_id")
        .select(["engagements.id", "engagements.vendor_id"])
        .where("milestones.id", "=", id)
        .executeTakeFirst();
      return row ? { vendorId: row.vendor_id, engagementId: row.id } : none;
    }
    case "person": {
      const row = await tx.selectFrom("people").select("vendor_id").where("id", "=", id).executeTakeFirst();
      return { vendorId: row?.vendor_id ?? null, engagementId: null };
    }
    case "roster_request":
      return { vendorId: typeof summary.vendorId === "string" ? summary.vendorId : null, engagementId: null };
    case "leak_case": {
      const row = await tx
        .selectFrom("leak_cases")
        .leftJoin("engagements", "engagements.id", "leak_cases.engagement_id")
        .select(["engagements.id", "engagements.vendor_id"])
        .where("leak_cases.id", "=", id)
        .executeTakeFirst();
      return { vendorId: row?.vendor_id ?? null, engagementId: row?.id ?? null };
    }
    case "questionnaire_assignment": {
      const row = await tx
        .selectFrom("questionnaire_assignments")
        .select(["vendor_id", "engagement_id"])
        .where("id", "=", id)
        .executeTakeFirst();
      return row ? { vendorId: row.vendor_id, engagementId: row.engagement_id } : none;
    }
    default:
      return {
        vendorId: typeof summary.vendorId === "string" ? summary.vendorId : null,
        engagementId: typeof summary.engagementId === "string" ? summary.engagementId : null,
      };
  }
}
