import type { EventKind } from "../../domain/event-kinds.ts";
import type { Tx } from "../context.ts";

export interface EventToRecord {
  kind: EventKind;
  vendorId: string | null;
  engagementId: string | null;
  payload: Record<string, unknown>;
  /** The audit entry it was read from: each entry yields one event at most. */
  auditSeq?: number;
  at: Date;
}

/**
 * Records an event in the outbox inside the caller's transaction: it exists only if
 * that transaction commits, and the dispatcher turns it into webhook deliveries and
 * mail later, surviving any restart in between.
 */
export async function recordEvent(tx: Tx, event: EventToRecord): Promise<void> {
  await tx
    .insertInto("outbound_events")
    .values({
      kind: event.kind,
      vendor_id: event.vendorId,
      engagement_id: event.engagementId,
      audit_seq: event.auditSeq ?? null,
      payload: JSON.stringify(event.payload),
      created_at: event.at,
    })
    .onConflict((oc) => oc.column("audit_seq").doNothing())
    .execute();
}
