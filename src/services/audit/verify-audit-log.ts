import type { Kysely } from "kysely";
import { type ChainedEntry, type ChainVerdict, GENESIS_HASH, verifyChain } from "../../domain/audit-chain.ts";
import type { AuditRow, Database } from "../../store/schema.ts";
import { AUDIT_HEAD_KEY } from "./append-audit-entry.ts";

const PAGE = 2000;

/**
 * Walks the whole audit log in pages and names the first edited, deleted or
 * reordered entry. Reads only; anyone holding the database can run it
 * (`warden audit verify`), so it takes no actor.
 */
export async function verifyAuditLog(db: Kysely<Database>): Promise<ChainVerdict> {
  let prev = { prevHash: GENESIS_HASH, seq: 0 };
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("seq", ">", prev.seq)
      .orderBy("seq")
      .limit(PAGE)
      .execute();
    if (rows.length === 0) break;
    const verdict = verifyChain(rows.map(toEntry), prev);
    checked += verdict.checked;
    if (!verdict.ok) return { ...verdict, checked };
    prev = { prevHash: verdict.lastHash, seq: rows[rows.length - 1]!.seq };
  }
  // A deleted tail leaves no gap to see: compare with the head kept beside the chain.
  const head = await db
    .selectFrom("settings")
    .select("value")
    .where("key", "=", AUDIT_HEAD_KEY)
    .executeTakeFirst();
  const recorded = head?.value as { seq: number; hash: string } | undefined;
  if (recorded && (recorded.seq !== prev.seq || recorded.hash !== prev.prevHash)) {
    const missing = recorded.seq > prev.seq;
    return {
      ok: false,
      checked,
      lastHash: prev.prevHash,
      problem: {
        kind: missing ? "deleted" : "edited",
        seq: missing ? prev.seq + 1 : prev.seq,
        message: missing
          ? `audit entries ${prev.seq + 1}..${recorded.seq} are missing (deleted from the end of the log)`
          : `the last audit entry ${prev.seq} does not match the recorded head of the log (${recorded.seq}): it was edited or the log was rewritten`,
      },
    };
  }
  return { ok: true, checked, lastHash: prev.prevHash };
}

export function toEntry(row: AuditRow): ChainedEntry {
  return {
    seq: Number(row.seq),
    at: row.at,
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    summary: row.summary,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
