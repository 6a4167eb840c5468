import { z } from "zod";
import { WardenError } from "../../domain/errors.ts";
import { requireInternal, requirePermission, type ServiceContext } from "../context.ts";
import { parseId } from "../ids.ts";
import { parseInput } from "../parse-input.ts";
import { loadCatalog } from "../playbook/evaluate-engagements.ts";
import { loadEngagementFor } from "../scope.ts";
import { isoDate } from "../vendors/vendor-input.ts";
import { writeTransaction } from "../write.ts";

const attestationSchema = z.object({
  controlId: z.string().trim().min(1),
  statement: z.string().trim().min(5, "must say what was checked").max(4000),
  evidenceId: z.string().uuid().nullish(),
  expiresOn: isoDate.nullish(),
});

/**
 * A person attests a manual control: who (the actor), when (now), what they
 * checked, the evidence, and until when it holds. Only attestation controls
 * take one: automatic checks cannot be overridden by a statement.
 */
export async function attestControl(ctx: ServiceContext, engagementId: unknown, input: unknown) {
  requirePermission(ctx, "controls.attest", "attest controls");
  const id = parseId(engagementId);
  const data = parseInput(attestationSchema, input);
  const control = (await loadCatalog(ctx.runtime.db)).find((c) => c.id === data.controlId);
  if (!control)
    throw new WardenError("invalid_input", `No control ${data.controlId} in the playbook.`, {
      field: "controlId",
    });
  if (control.check.kind !== "attestation") {
    throw new WardenError(
      "conflict",
      `${control.id} is checked ${control.check.kind === "rule" ? "automatically" : `by the ${control.check.source} checks`}: fix the records it reads instead of attesting it.`,
    );
  }
  return writeTransaction(ctx, async (tx, audit) => {
    await loadEngagementFor(ctx, id, tx);
    if (data.evidenceId) {
      const ev = await tx
        .selectFrom("evidence")
        .select("id")
        .where("id", "=", data.evidenceId)
        .where("engagement_id", "=", id)
        .where("deleted_at", "is", null)
        .executeTakeFirst();
      if (!ev)
        throw new WardenError("invalid_input", "That evidence is not on this engagement.", {
          field: "evidenceId",
        });
    }
    const row = await tx
      .insertInto("attestations")
      .values({
        engagement_id: id,
        control_id: control.id,
        statement: data.statement,
        evidence_id: data.evidenceId ?? null,
        attested_by: ctx.actor.label,
        attested_at: ctx.runtime.now(),
        expires_on: data.expiresOn ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: "control.attest",
      targetType: "engagement",
      targetId: id,
      summary: {
        controlId: control.id,
        statement: data.statement,
        evidenceId: data.evidenceId ?? null,
        expiresOn: data.expiresOn ?? null,
      },
    });
    return {
      id: row.id,
      controlId: row.control_id,
      attestedBy: row.attested_by,
      attestedAt: new Date(row.attested_at).toISOString(),
      expiresOn: row.expires_on,
    };
  });
}

export interface AttestationView {
  id: string;
  controlId: string;
  statement: string;
  evidenceId: string | null;
  attestedBy: string;
  attestedAt: string;
  expiresOn: string | null;
}

/** Every attestation of an engagement that was not revoked, newest first (internal users). */
export async function listAttestations(
  ctx: ServiceContext,
  engagementId: unknown,
): Promise<AttestationView[]> {
  requireInternal(ctx);
  const id = parseId(engagementId);
  await loadEngagementFor(ctx, id);
  const rows = await ctx.runtime.db
    .selectFrom("attestations")
    .selectAll()
    .where("engagement_id", "=", id)
    .where("revoked_at", "is", null)
    .orderBy("attested_at", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    controlId: r.control_id,
    statement: r.statement,
    evidenceId: r.evidence_id,
    attestedBy: r.attested_by,
    attestedAt: new Date(r.attested_at).toISOString(),
    expiresOn: r.expires_on,
  }));
}
