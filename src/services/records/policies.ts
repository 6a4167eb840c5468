import { z } from "zod";
import { toIsoDate } from "../../domain/dates.ts";
import { WardenError } from "../../domain/errors.ts";
import { requirePermission, type ServiceContext, type Tx } from "../context.ts";
import { parseId } from "../ids.ts";
import { parseInput } from "../parse-input.ts";
import { isVendorActor, loadEngagementFor, loadVendorFor } from "../scope.ts";
import { isoDate } from "../vendors/vendor-input.ts";
import { writeTransaction } from "../write.ts";
import { insertEvidence, storeEvidenceFile, type UploadFile } from "./evidence.ts";

const policySchema = z.object({
  title: z.string().trim().min(1, "is required").max(300),
  kind: z.enum(["policy", "sop"]).default("policy"),
  /** Null: the policy applies to every engagement. */
  engagementId: z.string().uuid().nullish(),
  summary: z.string().max(10_000).default(""),
  evidenceId: z.string().uuid().nullish(),
});

/** Issues a policy or SOP (version 1) to one engagement or to all (KO-1). */
export async function createPolicy(ctx: ServiceContext, input: unknown) {
  requirePermission(ctx, "engagements.write", "issue policies");
  const data = parseInput(policySchema, input);
  return writeTransaction(ctx, async (tx, audit) => {
    if (data.engagementId) await loadEngagementFor(ctx, data.engagementId, tx);
    const policy = await tx
      .insertInto("policies")
      .values({ title: data.title, kind: data.kind, engagement_id: data.engagementId ?? null })
      .returningAll()
      .executeTakeFirstOrThrow();
    const version = await tx
      .insertInto("policy_versions")
      .values({
        policy_id: policy.id,
        version: 1,
        summary: data.summary,
        evidence_id: data.evidenceId ?? null,
        issued_at: ctx.runtime.now(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: "policy.issue",
      targetType: "policy",
      targetId: policy.id,
      summary: { title: data.title, version: 1, engagementId: data.engagementId ?? null },
    });
    return {
      id: policy.id,
      title: policy.title,
      kind: policy.kind,
      engagementId: policy.engagement_id,
      version: { id: version.id, version: 1 },
    };
  });
}

/**
 * Issues a new version of a policy. Acknowledgements belong to a version, so
 * everyone must acknowledge the new one: KO-1 fails until they do.
 */
export async function issuePolicyVersion(ctx: ServiceContext, policyId: unknown, input: unknown) {
  requirePermission(ctx, "engagements.write", "issue policies");
  const id = parseId(policyId);
  const data = parseInput(
    z.object({ summary: z.string().max(10_000).default(""), evidenceId: z.string().uuid().nullish() }),
    input ?? {},
  );
  return writeTransaction(ctx, async (tx, audit) => {
    const policy = await tx
      .selectFrom("policies")
      .selectAll()
      .where("id", "=", id)
      .where("retired_at", "is", null)
      .executeTakeFirst();
    if (!policy) throw new WardenError("not_found", `No policy with id ${id}.`);
    const last = await tx
      .selectFrom("policy_versions")
      .select((eb) => eb.fn.max("version").as("v"))
      .where("policy_id", "=", id)
      .executeTakeFirstOrThrow();
    const next = Number(last.v ?? 0) + 1;
    const version = await tx
      .insertInto("policy_versions")
      .values({
        policy_id: id,
        version: next,
        summary: data.summary,
        evidence_id: data.evidenceId ?? null,
        issued_at: ctx.runtime.now(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: "policy.version",
      targetType: "policy",
      targetId: id,
      summary: { title: policy.title, version: next },
    });
    return { id, title: policy.title, version: { id: version.id, version: next } };
  });
}

const acknowledgementSchema = z.object({
  /** The day the person acknowledged (default: today); not in the future, not before the version was issued. */
  acknowledgedOn: isoDate.nullish(),
});

/**
 * Records that a person acknowledged the current version of a policy (KO-1), optionally with the
 * signed acknowledgement as evidence. Internal users need `roster.write`; a vendor contact records
 * them for its own people and policies that apply to its engagements (anything else is not
 * found), marked as coming from the portal and by whom.
 *
 * @example
 * await acknowledgePolicy(ctx, policyId, personId, { acknowledgedOn: "2026-03-02" }, signedPdf);
 */
export async function acknowledgePolicy(
  ctx: ServiceContext,
  policyId: unknown,
  personId: unknown,
  input: unknown = {},
  file: UploadFile | null = null,
) {
  const pid = parseId(policyId, "policyId");
  const person = parseId(personId, "personId");
  if (!isVendorActor(ctx)) requirePermission(ctx, "roster.write", "record acknowledgements");
  const data = parseInput(acknowledgementSchema, input ?? {});
  const now = ctx.runtime.now();
  const today = toIsoDate(now);
  const on = data.acknowledgedOn ?? today;
  if (on > today)
    throw new WardenError("invalid_input", "The acknowledgement date is in the future.", {
      field: "acknowledgedOn",
    });
  const p = await loadPersonFor(ctx, ctx.runtime.db, person);
  const policy = await loadPolicyFor(ctx.runtime.db, pid, p.vendor_id);
  const stored = file ? await storeEvidenceFile(ctx, file) : null;
  return writeTransaction(ctx, async (tx, audit) => {
    const version = await tx
      .selectFrom("policy_versions")
      .selectAll()
      .where("policy_id", "=", pid)
      .orderBy("version", "desc")
      .limit(1)
      .executeTakeFirst();
    if (!version) throw new WardenError("not_found", `No policy with id ${pid}.`);
    const issuedOn = toIsoDate(new Date(version.issued_at));
    if (on < issuedOn)
      throw new WardenError(
        "invalid_input",
        `${policy.title} v${version.version} was issued on ${issuedOn}: an acknowledgement cannot be earlier.`,
        { field: "acknowledgedOn" },
      );
    const existing = await tx
      .selectFrom("policy_acknowledgements")
      .select("acknowledged_at")
      .where("policy_version_id", "=", version.id)
      .where("person_id", "=", person)
      .executeTakeFirst();
    if (existing)
      throw new WardenError(
        "conflict",
        `${p.full_name} already acknowledged ${policy.title} v${version.version} on ${toIsoDate(new Date(existing.acknowledged_at))}.`,
      );
    const evidence = stored
      ? await insertEvidence(
          ctx,
          tx,
          audit,
          {
            vendorId: p.vendor_id,
            engagementId: policy.engagement_id,
            title: `Acknowledgement of ${policy.title} v${version.version}: ${p.full_name}`,
            effectiveOn: on,
            controls: ["KO-1"],
          },
          stored,
        )
      : null;
    const source = isVendorActor(ctx) ? "portal" : "internal";
    await tx
      .insertInto("policy_acknowledgements")
      .values({
        policy_version_id: version.id,
        person_id: person,
        acknowledged_at: on === today ? now : new Date(`${on}T00:00:00Z`),
        source,
        recorded_by: ctx.actor.label,
        evidence_id: evidence?.id ?? null,
      })
      .execute();
    await audit({
      action: "policy.acknowledge",
      targetType: "policy",
      targetId: pid,
      summary: {
        personId: person,
        fullName: p.full_name,
        version: version.version,
        acknowledgedOn: on,
        source,
        evidenceId: evidence?.id ?? null,
      },
    });
    return {
      policyId: pid,
      personId: person,
      version: version.version,
      acknowledgedOn: on,
      source,
      evidenceId: evidence?.id ?? null,
    };
  });
}

async function loadPersonFor(ctx: ServiceContext, db: Tx | ServiceContext["runtime"]["db"], id: string) {
  const p = await db
    .selectFrom("people")
    .select(["id", "vendor_id", "full_name"])
    .where("id", "=", id)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  if (!p) throw new WardenError("not_found", `No person with id ${id}.`);
  await loadVendorFor(ctx, p.vendor_id, db).catch(() => {
    throw new WardenError("not_found", `No person with id ${id}.`);
  });
  return p;
}

/**
 * A policy in force that applies to a vendor: one for all engagements, or one of the vendor's
 * engagements. Any other is "not found" (for a vendor contact, another vendor's policy).
 */
async function loadPolicyFor(db: Tx | ServiceContext["runtime"]["db"], id: string, vendorId: string) {
  const policy = await db
    .selectFrom("policies")
    .leftJoin("engagements as e", "e.id", "policies.engagement_id")
    .select(["policies.id", "policies.title", "policies.engagement_id", "e.vendor_id", "e.deleted_at"])
    .where("policies.id", "=", id)
    .where("policies.retired_at", "is", null)
    .executeTakeFirst();
  if (!policy || (policy.engagement_id && (policy.vendor_id !== vendorId || policy.deleted_at)))
    throw new WardenError("not_found", `No policy with id ${id} for this vendor's engagements.`);
  return policy;
}

/** Policies in force for an engagement, with their current version and who acknowledged it. */
export async function listPolicies(ctx: ServiceContext, engagementId: unknown) {
  const id = parseId(engagementId);
  await loadEngagementFor(ctx, id);
  const db = ctx.runtime.db;
  const policies = await db
    .selectFrom("policies")
    .selectAll()
    .where("retired_at", "is", null)
    .where((eb) => eb.or([eb("engagement_id", "=", id), eb("engagement_id", "is", null)]))
    .orderBy("title")
    .execute();
  const out = [];
  for (const p of policies) {
    const version = await db
      .selectFrom("policy_versions")
      .selectAll()
      .where("policy_id", "=", p.id)
      .orderBy("version", "desc")
      .limit(1)
      .executeTakeFirst();
    const acks = version
      ? await db
          .selectFrom("policy_acknowledgements")
          .select(["person_id", "acknowledged_at", "source", "recorded_by"])
          .where("policy_version_id", "=", version.id)
          .execute()
      : [];
    out.push({
      id: p.id,
      title: p.title,
      kind: p.kind,
      engagementId: p.engagement_id,
      version: version
        ? {
            id: version.id,
            version: version.version,
            summary: version.summary,
            issuedAt: new Date(version.issued_at).toISOString(),
          }
        : null,
      acknowledgedBy: acks.map((a) => ({
        personId: a.person_id,
        at: new Date(a.acknowledged_at).toISOString(),
        source: a.source,
        recordedBy: a.recorded_by,
      })),
    });
  }
  return out;
}
