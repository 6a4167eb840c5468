import { z } from "zod";
import { WardenError } from "../../domain/errors.ts";
import { requirePermission, type ServiceContext } from "../context.ts";
import { parseId } from "../ids.ts";
import { parseInput } from "../parse-input.ts";
import { loadEngagementFor, loadVendorFor } from "../scope.ts";
import { writeTransaction } from "../write.ts";

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

/** Records that a person acknowledged the current version of a policy. */
export async function acknowledgePolicy(ctx: ServiceContext, policyId: unknown, personId: unknown) {
  const pid = parseId(policyId, "policyId");
  const person = parseId(personId, "personId");
  if (ctx.actor.role !== "vendor") requirePermission(ctx, "roster.write", "record acknowledgements");
  return writeTransaction(ctx, async (tx, audit) => {
    const p = await tx
      .selectFrom("people")
      .select(["id", "vendor_id", "full_name"])
      .where("id", "=", person)
      .where("deleted_at", "is", null)
      .executeTakeFirst();
    if (!p) throw new WardenError("not_found", `No person with id ${person}.`);
    await loadVendorFor(ctx, p.vendor_id, tx);
    const version = await tx
      .selectFrom("policy_versions")
      .selectAll()
      .where("policy_id", "=", pid)
      .orderBy("version", "desc")
      .limit(1)
      .executeTakeFirst();
    if (!version) throw new WardenError("not_found", `No policy with id ${pid}.`);
    await tx
      .insertInto("policy_acknowledgements")
      .values({ policy_version_id: version.id, person_id: person, acknowledged_at: ctx.runtime.now() })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await audit({
      action: "policy.acknowledge",
      targetType: "policy",
      targetId: pid,
      summary: { personId: person, fullName: p.full_name, version: version.version },
    });
    return { policyId: pid, personId: person, version: version.version };
  });
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
          .select(["person_id", "acknowledged_at"])
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
      })),
    });
  }
  return out;
}
