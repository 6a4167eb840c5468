import { isWardenError } from "../../domain/errors.ts";
import { SYSTEM_ACTOR } from "../../domain/roles.ts";
import { readDeliveredTree } from "../../engines/custody/index.ts";
import { isTraceablePath, languageFromPath, readDocument } from "../../engines/leaks/index.ts";
import type { Runtime, ServiceContext } from "../context.ts";
import { mirrorDirFor } from "../custody/custody-repositories.ts";
import { writeTransaction } from "../write.ts";
import { storeSourceFingerprints } from "./fingerprint-store.ts";

/** Queue of the job that indexes an accepted delivery (custody queues it as it accepts one). */
export const INDEX_DELIVERY_QUEUE = "leaks.index-delivery";

/** The kind under which delivered files are stored as fingerprint sources (ref: the verification id). */
export const DELIVERY_SOURCE_KIND = "delivery";

/** Bounds on what one delivery adds to the index: files past them are left out and counted. */
const MAX_FILE_BYTES = 1024 * 1024;
const MAX_FILES = 20_000;
const MAX_TOTAL_BYTES = 256 * 1024 * 1024;

export type IndexDeliveryOutcome =
  | { status: "indexed"; files: number; created: number; fingerprints: number; skipped: number }
  | { status: "not_accepted" };

/**
 * Adds the source tree of an accepted delivery to the fingerprint index, so that code leaked
 * from it later traces back to the delivery, its milestone and engagement. Reads the tree at
 * the verified commit from our own mirror (never the vendor's repository), keeps source files
 * and documents (binary or oversized files are skipped), and stores each file as a source of
 * kind `delivery` whose ref is the verification. Idempotent: files already stored are kept as
 * they are, and a run that adds nothing writes nothing. A delivery that is not (or no longer)
 * accepted is left alone.
 *
 * @example
 * await indexAcceptedDelivery(runtime, verificationId); // { status: "indexed", files: 42, created: 42, … }
 */
export async function indexAcceptedDelivery(
  runtime: Runtime,
  verificationId: string,
): Promise<IndexDeliveryOutcome> {
  const delivery = await runtime.db
    .selectFrom("custody_verifications as v")
    .innerJoin("milestones as m", "m.id", "v.milestone_id")
    .select([
      "v.id",
      "v.status",
      "v.commit_oid",
      "v.tree_oid",
      "v.ref",
      "v.repository_id",
      "v.engagement_id",
      "v.milestone_id",
      "m.state as milestone_state",
    ])
    .where("v.id", "=", verificationId)
    .executeTakeFirst();
  if (
    delivery?.status !== "accepted" ||
    !delivery.commit_oid ||
    !delivery.tree_oid ||
    !["accepted", "payment_approved", "paid"].includes(delivery.milestone_state)
  ) {
    return { status: "not_accepted" };
  }

  // Only files worth tracing are kept, within the bounds; the rest of the tree streams past.
  const candidates: { path: string; content: Buffer }[] = [];
  let skipped = 0;
  let total = 0;
  await readDeliveredTree(
    mirrorDirFor(runtime, delivery.repository_id),
    delivery.commit_oid,
    delivery.tree_oid,
    {
      maxContentBytes: MAX_FILE_BYTES,
      onContent: (entry, content) => {
        if (!isTraceablePath(entry.path)) return;
        // A NUL byte marks a binary file that happens to carry a source extension.
        const binary = !isDocument(entry.path) && content.includes(0);
        if (binary || candidates.length >= MAX_FILES || total + content.length > MAX_TOTAL_BYTES) {
          skipped++;
          return;
        }
        total += content.length;
        candidates.push({ path: entry.path, content });
      },
    },
  );

  const texts: { path: string; text: string }[] = [];
  for (const { path, content } of candidates) {
    try {
      texts.push({ path, text: (await readDocument(path, content)).text });
    } catch (error) {
      if (!isWardenError(error)) throw error;
      skipped++;
    }
  }

  const ctx: ServiceContext = { runtime, actor: SYSTEM_ACTOR };
  return writeTransaction(ctx, async (tx, audit) => {
    let created = 0;
    let fingerprints = 0;
    for (const { path, text } of texts) {
      const stored = await storeSourceFingerprints(tx, {
        engagementId: delivery.engagement_id,
        kind: DELIVERY_SOURCE_KIND,
        ref: delivery.id,
        path,
        text,
        language: languageFromPath(path),
      });
      if (stored.created) created++;
      fingerprints += stored.fingerprints;
    }
    if (created > 0) {
      await audit({
        action: "leaks.index.delivery",
        targetType: "custody_verification",
        targetId: delivery.id,
        summary: {
          milestoneId: delivery.milestone_id,
          engagementId: delivery.engagement_id,
          ref: delivery.ref,
          commit: delivery.commit_oid,
          files: created,
          fingerprints,
          skipped,
        },
      });
    }
    return { status: "indexed" as const, files: texts.length, created, fingerprints, skipped };
  });
}

const isDocument = (path: string) => /\.(docx|pdf)$/i.test(path);
