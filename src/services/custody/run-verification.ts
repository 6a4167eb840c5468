import { join } from "node:path";
import { isWardenError } from "../../domain/errors.ts";
import { SYSTEM_ACTOR } from "../../domain/roles.ts";
import {
  type CheckResult,
  type DeliveryReport,
  type RosterMember,
  verifyDelivery,
} from "../../engines/custody/index.ts";
import type { Runtime, ServiceContext, Tx } from "../context.ts";
import { INDEX_DELIVERY_QUEUE } from "../leaks/index-delivery.ts";
import { transitionMilestone } from "../milestones/transition-milestone.ts";
import { insertEvidence } from "../records/evidence.ts";
import { writeTransaction } from "../write.ts";
import { mirrorDirFor } from "./custody-repositories.ts";
import {
  effectiveLicencePolicy,
  readCustodySettings,
  readEngagementCustodySettings,
} from "./custody-settings.ts";
import { ensureMirrorCurrent } from "./shared-mirror.ts";
import { type SyncOutcome, syncRepository } from "./sync-repository.ts";

/** Bounds on what a stored report keeps (the manifest evidence holds every file). */
const MAX_LOG_CHARS = 64 * 1024;
const MAX_STORED_FINDINGS = 1000;

export type VerificationOutcome = "accepted" | "rejected" | "error" | "skipped";

/**
 * Verifies a recorded code delivery (the job's work): syncs our mirror first, then verifies the
 * delivery from the mirror only, with the engagement's settings, the vendor's roster and the last
 * accepted commit of the repository (so history checks cover only what is new). The report, the
 * manifest (as evidence) and the milestone's verdict are written in one transaction. A verification
 * that cannot run (the ref is not in the mirror, no mirror, no sandbox) rejects the delivery and says why.
 *
 * @example
 * await runVerification(runtime, verificationId); // "accepted" | "rejected" | "error"
 */
export async function runVerification(
  runtime: Runtime,
  verificationId: string,
): Promise<VerificationOutcome> {
  const ctx: ServiceContext = { runtime, actor: SYSTEM_ACTOR };
  const claimed = await runtime.db
    .updateTable("custody_verifications")
    .set({ status: "running", started_at: runtime.now() })
    .where("id", "=", verificationId)
    .where("status", "in", ["queued", "running"])
    .returningAll()
    .executeTakeFirst();
  if (!claimed) return "skipped";
  const started = performance.now();
  let syncId: string | null = null;
  try {
    const sync = await syncForDelivery(runtime, claimed.repository_id);
    syncId = sync?.syncId ?? null;
    // Not fetched from the vendor just now: verify only from a copy that holds the last recorded state.
    if (sync?.status !== "succeeded") await ensureMirrorCurrent(runtime, claimed.repository_id);
    const engagement = await runtime.db
      .selectFrom("engagements")
      .select(["id", "vendor_id", "name"])
      .where("id", "=", claimed.engagement_id)
      .executeTakeFirstOrThrow();
    const [org, settings, roster, previous] = await Promise.all([
      readCustodySettings(runtime.db),
      readEngagementCustodySettings(runtime.db, claimed.engagement_id),
      loadRoster(runtime, engagement.vendor_id),
      runtime.db
        .selectFrom("custody_verifications")
        .select("commit_oid")
        .where("repository_id", "=", claimed.repository_id)
        .where("status", "=", "accepted")
        .where("id", "!=", verificationId)
        .where("commit_oid", "is not", null)
        .orderBy("finished_at", "desc")
        .limit(1)
        .executeTakeFirst(),
    ]);
    const report = await verifyDelivery({
      mirrorDir: mirrorDirFor(runtime, claimed.repository_id),
      ref: claimed.ref,
      ...(previous?.commit_oid ? { previousAcceptedCommit: previous.commit_oid } : {}),
      commands: settings.commands,
      roster,
      requireSignedCommits: settings.requireSignedCommits,
      licencePolicy: effectiveLicencePolicy(settings, org),
      secretAllowlist: settings.secretAllowlist,
      limits: { wallTimeMs: settings.wallTimeSeconds * 1000, cpuSeconds: settings.wallTimeSeconds },
      workRoot: join(runtime.config.dataDir, "custody-work"),
      now: runtime.now(),
    });
    const manifest = await runtime.blobs.put(Buffer.from(JSON.stringify(report.manifest)));
    await writeTransaction(ctx, async (tx, audit) => {
      const evidence = await insertEvidence(
        ctx,
        tx,
        audit,
        {
          vendorId: engagement.vendor_id,
          engagementId: engagement.id,
          title: `Delivery manifest: ${claimed.ref} at ${report.commit.slice(0, 12)}`,
          effectiveOn: runtime.now().toISOString().slice(0, 10),
          controls: ["OG-2", "OG-3"],
          internal: true,
        },
        {
          sha256: manifest.sha256,
          size: manifest.size,
          filename: `manifest-${report.commit}.json`,
          mediaType: "application/json",
        },
      );
      await tx
        .updateTable("custody_verifications")
        .set({
          status: report.verdict,
          sync_id: syncId,
          commit_oid: report.commit,
          tree_oid: report.tree,
          previous_accepted_commit: report.previousAcceptedCommit ?? null,
          reasons: JSON.stringify(report.reasons),
          checks: JSON.stringify(report.checks.map(boundCheck)),
          findings: JSON.stringify(report.findings.slice(0, MAX_STORED_FINDINGS)),
          findings_total: report.findings.length,
          manifest_evidence_id: evidence.id,
          manifest_files: report.manifest.files.length,
          error: null,
          finished_at: runtime.now(),
          duration_ms: Math.round(performance.now() - started),
        })
        .where("id", "=", verificationId)
        .execute();
      await audit({
        action: "custody.verify",
        targetType: "custody_verification",
        targetId: verificationId,
        summary: {
          milestoneId: claimed.milestone_id,
          ref: claimed.ref,
          commit: report.commit,
          verdict: report.verdict,
          reasons: report.reasons,
          manifestEvidenceId: evidence.id,
        },
      });
      await decideMilestone(tx, ctx, audit, claimed.milestone_id, verificationId, report);
    });
    return report.verdict;
  } catch (error) {
    const message = isWardenError(error)
      ? error.message
      : `The verification stopped unexpectedly (${error instanceof Error ? error.message : String(error)}).`;
    if (!isWardenError(error)) runtime.log.error({ err: error, verificationId }, "verification failed");
    await writeTransaction(ctx, async (tx, audit) => {
      await tx
        .updateTable("custody_verifications")
        .set({
          status: "error",
          sync_id: syncId,
          error: message,
          reasons: JSON.stringify([`verification: ${message}`]),
          finished_at: runtime.now(),
          duration_ms: Math.round(performance.now() - started),
        })
        .where("id", "=", verificationId)
        .execute();
      await audit({
        action: "custody.verify.fail",
        targetType: "custody_verification",
        targetId: verificationId,
        summary: { milestoneId: claimed.milestone_id, ref: claimed.ref, error: message },
      });
      await decideMilestone(tx, ctx, audit, claimed.milestone_id, verificationId, {
        verdict: "rejected",
        reasons: [`The delivery could not be verified: ${message}`],
      });
    });
    return "error";
  }
}

/** How long a delivery waits for another sync of its mirror before verifying the mirror as it stands. */
const DELIVERY_SYNC_WAIT_MS = 10 * 60_000;
const DELIVERY_SYNC_POLL_MS = 250;

/**
 * Fetches the delivered ref into the mirror. While another sync holds the mirror (the schedule, a
 * manual sync, another worker), it waits for that sync to end and then syncs again: the other sync
 * may have fetched before the vendor pushed the delivery. Only after `waitMs` does it verify from the
 * mirror as it stands (a ref missing there then fails the verification with its own message).
 */
async function syncForDelivery(
  runtime: Runtime,
  repositoryId: string,
  waitMs = DELIVERY_SYNC_WAIT_MS,
): Promise<SyncOutcome | undefined> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      return await syncRepository(runtime, repositoryId, "delivery");
    } catch (error) {
      if (!isWardenError(error) || error.code !== "conflict") throw error;
      if (Date.now() >= deadline) {
        runtime.log.warn(
          { repositoryId },
          "mirror still busy: verifying the delivery from the mirror as it stands",
        );
        return undefined;
      }
      await new Promise((resolve) => setTimeout(resolve, DELIVERY_SYNC_POLL_MS));
    }
  }
}

type Audit = Parameters<Parameters<typeof writeTransaction>[1]>[1];

/**
 * Moves the milestone to the verdict, in the verification's transaction, unless a newer delivery
 * replaced this one meanwhile (then the report is kept and the milestone left to the newer one).
 * The milestone's one writer checks the move: only this verification, as the system, may accept a
 * code delivery. An accepted delivery is queued, in the same transaction, for the leak-watch
 * fingerprint index.
 */
async function decideMilestone(
  tx: Tx,
  ctx: ServiceContext,
  audit: Audit,
  milestoneId: string,
  verificationId: string,
  verdict: Pick<DeliveryReport, "verdict" | "reasons">,
): Promise<void> {
  const accepted = verdict.verdict === "accepted";
  const moved = await transitionMilestone(ctx, tx, audit, milestoneId, {
    move: accepted ? "verification_passed" : "verification_failed",
    reason: accepted ? undefined : verdict.reasons.join("\n") || "The verification did not pass.",
    summary: { verificationId, reasons: verdict.reasons },
    when: (m) => m.state === "verifying" && m.delivery_ref?.verificationId === verificationId,
  });
  if (moved && accepted) await ctx.runtime.enqueue?.(INDEX_DELIVERY_QUEUE, { verificationId }, tx);
}

function boundCheck(check: CheckResult): CheckResult {
  return {
    ...check,
    findings: check.findings.slice(0, MAX_STORED_FINDINGS),
    ...(check.log !== undefined && check.log.length > MAX_LOG_CHARS
      ? { log: `${check.log.slice(0, MAX_LOG_CHARS)}\n… (log cut at ${MAX_LOG_CHARS} characters)` }
      : {}),
  };
}

/** The vendor's declared people as the engine's roster: e-mails and signing keys. */
async function loadRoster(runtime: Runtime, vendorId: string): Promise<RosterMember[]> {
  const people = await runtime.db
    .selectFrom("people")
    .select(["full_name", "email", "identities"])
    .where("vendor_id", "=", vendorId)
    .where("deleted_at", "is", null)
    .execute();
  return people.flatMap((p) => {
    const emails = [...new Set([...(p.email ? [p.email] : []), ...(p.identities.emails ?? [])])];
    if (emails.length === 0) return [];
    return {
      name: p.full_name,
      emails,
      ...(p.identities.sshKeys?.length ? { sshSigningKeys: p.identities.sshKeys } : {}),
      ...(p.identities.gpgFingerprints?.length ? { gpgFingerprints: p.identities.gpgFingerprints } : {}),
      ...(p.identities.gpgPublicKeys?.length ? { gpgPublicKeys: p.identities.gpgPublicKeys } : {}),
    } satisfies RosterMember;
  });
}
