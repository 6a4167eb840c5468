import { sql } from "kysely";
import { GENESIS_HASH, hashEntry } from "../../domain/audit-chain.ts";
import type { Actor } from "../../domain/roles.ts";
import type { Tx } from "../context.ts";

export interface AuditInput {
  action: string;
  targetType: string;
  targetId?: string | null;
  /** What changed, safe to keep forever (never a password or a secret). */
  summary?: Record<string, unknown>;
}

// One lock key for the chain: appends from every process and connection take
// their turn, so each entry's predecessor is the true last entry.
const AUDIT_LOCK = 7310002;
export const AUDIT_HEAD_KEY = "audit.head";

/**
 * Appends one entry to the hash-chained audit log inside the caller's
 * transaction: the entry commits or rolls back with the write it records.
 */
export async function appendAuditEntry(tx: Tx, actor: Actor, at: Date, input: AuditInput): Promise<number> {
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(tx);
  const last = await tx
    .selectFrom("audit_log")
    .select(["seq", "hash"])
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  // Stored at millisecond precision, so that the hash recomputes from the row.
  const when = new Date(Math.floor(at.getTime()));
  const content = {
    seq,
    at: when,
    actorId: actor.id,
    actorLabel: actor.label,
    action: input.action,
    targetType: input.targetType,
    targetId: input.targetId ?? null,
    summary: input.summary ?? {},
  };
  const hash = hashEntry(prevHash, content);
  await tx
    .insertInto("audit_log")
    .values({
      seq,
      at: when,
      actor_id: actor.id,
      actor_label: actor.label,
      action: input.action,
      target_type: input.targetType,
      target_id: content.targetId,
      summary: JSON.stringify(content.summary),
      prev_hash: prevHash,
      hash,
    })
    .execute();
  // The head is kept apart from the chain so that a deleted last entry shows too.
  await tx
    .insertInto("settings")
    .values({ key: AUDIT_HEAD_KEY, value: JSON.stringify({ seq, hash }), updated_at: when })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({ value: JSON.stringify({ seq, hash }), updated_at: when }),
    )
    .execute();
  return seq;
}
