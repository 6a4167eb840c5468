import { createHash } from "node:crypto";

/** The part of an audit entry that its hash covers. */
export interface AuditEntryContent {
  seq: number;
  at: Date;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string | null;
  summary: Record<string, unknown>;
}

export interface ChainedEntry extends AuditEntryContent {
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = "0".repeat(64);

/**
 * The hash of an entry: sha256 over the previous hash and a canonical JSON of the
 * content (keys sorted at every depth, since jsonb does not keep key order).
 */
export function hashEntry(prevHash: string, entry: AuditEntryContent): string {
  const content = canonicalJson({
    seq: entry.seq,
    at: entry.at.toISOString(),
    actorId: entry.actorId,
    actorLabel: entry.actorLabel,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    summary: entry.summary,
  });
  return createHash("sha256").update(prevHash).update("\n").update(content).digest("hex");
}

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const keys = Object.keys(value as object)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(",")}}`;
}

export type ChainProblem =
  | { kind: "edited"; seq: number; message: string }
  | { kind: "deleted"; seq: number; message: string }
  | { kind: "reordered"; seq: number; message: string };

export interface ChainVerdict {
  ok: boolean;
  checked: number;
  lastHash: string;
  problem?: ChainProblem;
}

/**
 * Walks entries in `seq` order and names the first one that breaks the chain:
 * an edited entry no longer matches its own hash; a deleted entry leaves a gap in
 * the sequence; a reordered entry carries a previous-hash that is not its
 * predecessor's. Pure, so that it verifies a database, a backup or an export alike.
 */
export function verifyChain(
  entries: Iterable<ChainedEntry>,
  start: { prevHash: string; seq: number } = { prevHash: GENESIS_HASH, seq: 0 },
): ChainVerdict {
  let prevHash = start.prevHash;
  let expectedSeq = start.seq + 1;
  let checked = 0;
  for (const entry of entries) {
    if (entry.seq !== expectedSeq) {
      const message =
        entry.seq > expectedSeq
          ? `audit entry ${expectedSeq}${entry.seq - expectedSeq > 1 ? `..${entry.seq - 1}` : ""} is missing (deleted): entry ${entry.seq} follows ${expectedSeq - 1}`
          : `audit entry ${entry.seq} is out of order after ${expectedSeq - 1}`;
      return {
        ok: false,
        checked,
        lastHash: prevHash,
        problem: {
          kind: entry.seq > expectedSeq ? "deleted" : "reordered",
          seq: Math.min(entry.seq, expectedSeq),
          message,
        },
      };
    }
    if (hashEntry(entry.prevHash, entry) !== entry.hash) {
      return {
        ok: false,
        checked,
        lastHash: prevHash,
        problem: {
          kind: "edited",
          seq: entry.seq,
          message: `audit entry ${entry.seq} (${entry.action} at ${entry.at.toISOString()}) was edited: its content no longer matches its hash`,
        },
      };
    }
    if (entry.prevHash !== prevHash) {
      return {
        ok: false,
        checked,
        lastHash: prevHash,
        problem: {
          kind: "reordered",
          seq: entry.seq,
          message: `audit entry ${entry.seq} does not follow entry ${entry.seq - 1}: the chain was reordered or rewritten there`,
        },
      };
    }
    prevHash = entry.hash;
    expectedSeq += 1;
    checked += 1;
  }
  return { ok: true, checked, lastHash: prevHash };
}
