import { WardenError } from "../../domain/errors.ts";
import { nextStage, STAGE_LABELS } from "../../domain/stages.ts";
import { requirePermission, type ServiceContext } from "../context.ts";
import { parseId } from "../ids.ts";
import { evaluateEngagements } from "../playbook/evaluate-engagements.ts";
import { loadEngagementFor } from "../scope.ts";
import { writeTransaction } from "../write.ts";
import { type EngagementView, toEngagementView } from "./engagement-view.ts";

/**
 * Moves an engagement to its next stage, if the gate of the current stage is
 * open: no blocking control of that stage fails, unless an admin recorded a
 * current exception for it. Otherwise `gate_blocked` names every blocker and why.
 */
/** One blocking control named by the `gate_blocked` problem (its `blockers` member). */
export interface GateBlocker {
  control: string;
  title: string;
  reasons: string[];
}

export async function advanceStage(ctx: ServiceContext, engagementId: unknown): Promise<EngagementView> {
  requirePermission(ctx, "engagements.write", "move engagements between stages");
  const id = parseId(engagementId);
  const engagement = await loadEngagementFor(ctx, id);
  const target = nextStage(engagement.stage);
  if (!target) throw new WardenError("conflict", "The engagement is closed: there is no next stage.");
  const [evaluation] = await evaluateEngagements(ctx.runtime.db, [id], ctx.runtime.now());
  const gate = evaluation!.gate;
  if (!gate.open) {
    const blockers: GateBlocker[] = gate.blockers.map((b) => ({
      control: b.id,
      title: b.title,
      reasons: b.reasons,
    }));
    throw new WardenError(
      "gate_blocked",
      `${STAGE_LABELS[engagement.stage]} cannot close: ${gate.blockers.map((b) => `${b.id} ${b.title} — ${b.reasons.join(" ")}`).join("; ")}`,
      { blockers },
    );
  }
  return writeTransaction(ctx, async (tx, audit) => {
    // The stage must not have moved since the gate was read.
    const row = await tx
      .updateTable("engagements")
      .set({ stage: target, stage_changed_at: ctx.runtime.now(), updated_at: ctx.runtime.now() })
      .where("id", "=", id)
      .where("stage", "=", engagement.stage)
      .returningAll()
      .executeTakeFirst();
    if (!row)
      throw new WardenError("conflict", "The engagement changed stage meanwhile: reload and try again.");
    await audit({
      action: "engagement.stage.advance",
      targetType: "engagement",
      targetId: id,
      summary: {
        from: engagement.stage,
        to: target,
        exceptionsUsed: gate.excepted.map((r) => ({ control: r.id, exception: r.exception?.id })),
      },
    });
    return toEngagementView(row);
  });
}
