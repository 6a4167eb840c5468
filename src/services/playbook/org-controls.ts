import { z } from "zod";
import { WardenError } from "../../domain/errors.ts";
import { controlSchema, shippedCatalog } from "../../playbook/load-catalog.ts";
import type { Control } from "../../playbook/types.ts";
import { requireInternal, requirePermission, type ServiceContext } from "../context.ts";
import { parseInput } from "../parse-input.ts";
import { writeTransaction } from "../write.ts";
import { loadCatalog } from "./evaluate-engagements.ts";

/** The organisation's playbook: every control with whether it is on, and the ones it added. */
export async function listControls(ctx: ServiceContext): Promise<Control[]> {
  requireInternal(ctx);
  return loadCatalog(ctx.runtime.db);
}

/** Turns a control off (with a reason) or on again. Disabled controls report n/a with the reason. */
export async function setControlDisabled(ctx: ServiceContext, controlId: unknown, input: unknown) {
  requirePermission(ctx, "settings.manage", "change the playbook");
  const { id, disabled, reason } = parseInput(
    z.object({
      id: z.string().min(1).max(60),
      disabled: z.boolean(),
      reason: z.string().trim().max(2000).optional(),
    }),
    { id: controlId, ...(typeof input === "object" && input ? input : {}) },
  );
  if (disabled && (!reason || reason.length < 5))
    throw new WardenError("invalid_input", "Say why the control is turned off (at least 5 characters).", {
      field: "reason",
    });
  const known = (await loadCatalog(ctx.runtime.db)).some((c) => c.id === id);
  if (!known) throw new WardenError("not_found", `No control ${id} in the playbook.`);
  return writeTransaction(ctx, async (tx, audit) => {
    await tx
      .insertInto("org_controls")
      .values({
        control_id: id,
        disabled,
        disabled_reason: disabled ? (reason ?? null) : null,
        definition: null,
        updated_at: ctx.runtime.now(),
      })
      .onConflict((oc) =>
        oc.column("control_id").doUpdateSet({
          disabled,
          disabled_reason: disabled ? (reason ?? null) : null,
          updated_at: ctx.runtime.now(),
        }),
      )
      .execute();
    await audit({
      action: disabled ? "playbook.control.disable" : "playbook.control.enable",
      targetType: "control",
      targetId: id,
      summary: { reason: reason ?? null },
    });
    return { id, disabled };
  });
}

/** Adds the organisation's own control: an attestation control at a stage. */
export async function addCustomControl(ctx: ServiceContext, input: unknown) {
  requirePermission(ctx, "settings.manage", "change the playbook");
  const data = parseInput(
    controlSchema.extend({
      check: z.object({ kind: z.literal("attestation") }).default({ kind: "attestation" }),
    }),
    input,
  );
  if (!data.id.startsWith("ORG-"))
    throw new WardenError(
      "invalid_input",
      "Your own controls' ids start with ORG- (e.g. ORG-1) so they never clash with the shipped ones.",
      { field: "id" },
    );
  if (shippedCatalog().some((c) => c.id === data.id))
    throw new WardenError("conflict", `${data.id} is a shipped control.`);
  return writeTransaction(ctx, async (tx, audit) => {
    const exists = await tx
      .selectFrom("org_controls")
      .select("control_id")
      .where("control_id", "=", data.id)
      .executeTakeFirst();
    if (exists) throw new WardenError("conflict", `A control ${data.id} already exists.`, { field: "id" });
    await tx
      .insertInto("org_controls")
      .values({
        control_id: data.id,
        disabled: false,
        disabled_reason: null,
        definition: JSON.stringify(data),
        updated_at: ctx.runtime.now(),
      })
      .execute();
    await audit({
      action: "playbook.control.add",
      targetType: "control",
      targetId: data.id,
      summary: { title: data.title, stage: data.stage, blocking: data.blocking },
    });
    return data;
  });
}
