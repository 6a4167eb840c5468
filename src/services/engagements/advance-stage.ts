import { WardenError } from "../../domain/errors.ts";
import { nextStage, STAGE_LABELS } from "../../domain/stages.ts";
import type { ControlStatus } from "../../playbook/types.ts";
import { requirePermission, type ServiceContext } from "../context.ts";
import { parseId } from "../ids.ts";
import { evaluateEngagements } from "../playbook/evaluate-engagements.ts";
import { loadEngagementFor } from "../scope.ts";
import { writeTransaction } from "../write.ts";
import { type EngagementView, toEngagementView } from "./engagement-view.ts";

/** One blocking control named by the `gate_blocked` problem (its `blockers` member). */
export interface GateBlocker {
  control: string;
  title: string;
  status: ControlStatus;
  reasons: string[];
}

/**
 * Moves an engagement to its next stage, if the gate of the current stage is
 * open: every blocking control of that stage is pass, attested or n/a, or is
 * covered by a current exception an admin recorded. A control not checked yet
 * or needing review holds the gate like a failure. Otherwise `gate_blocked`
 * names every blocker and why. The gate is read in the transaction that moves
 * the engagement, with the engagement's row locked.
 */
export async function advanceStage(ctx: ServiceContext, engagementId: unknown): Promise<EngagementView> {
  requirePermission(ctx, "engagements.write", "move engagements between stages");
  const id = parseId(engagementId);
  return writeTransaction(ctx, async (tx, audit) => {
    const engagement = await loadEngagementFor(ctx, id, tx);
    await tx.selectFrom("engagements").select("id").where("id", "=", id).forUpdate().execute();
    const target = nextStage(engagement.stage);
    if (!target) throw new WardenError("conflict", "The engagement is closed: there is no next stage.");
    const [evaluation] = await evaluateEngagements(tx, [id], ctx.runtime.now());
    const gate = evaluation!.gate;
    if (!gate.open) {
      const blockers: GateBlocker[] = gate.blockers.map((b) => ({
        control: b.id,
        title: b.title,
        status: b.status,
        reasons: b.reasons,
      }));
      throw new WardenError(
        "gate_blocked",
        `${STAGE_LABELS[engagement.stage]} cannot close: ${gate.blockers.map((b) => `${b.id} ${b.title} (${STATUS_WORDS[b.status]}) — ${b.reasons.join(" ")}`).join("; ")}`,
        { blockers },
      );
    }
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

const STATUS_WORDS: Record<ControlStatus, string> = {
  pass: "pass",
  fail: "fails",
  warn: "warning",
  na: "not applicable",
  attested: "attested",
  not_checked: "not checked yet",
  needs_review: "needs review",
};
