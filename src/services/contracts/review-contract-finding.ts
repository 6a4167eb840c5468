import { z } from "zod";
import { WardenError } from "../../domain/errors.ts";
import { requirePermission, type ServiceContext } from "../context.ts";
import { parseId } from "../ids.ts";
import { parseInput } from "../parse-input.ts";
import { loadEngagementFor } from "../scope.ts";
import { writeTransaction } from "../write.ts";
import type { ContractReview } from "./apply-contract-reviews.ts";
import { toContractReview } from "./contract-view.ts";
import { rejudgeStoredContract } from "./judge-contract-clauses.ts";

const CONTRACT_CONTROLS = [
  "CT-1",
  "CT-2",
  "CT-3",
  "CT-4",
  "CT-5",
  "CT-6",
  "CT-7",
  "CT-8",
  "CT-9",
  "CT-10",
  "OG-1",
] as const;
const comment = z.string().trim().min(3, "says why (at least 3 characters)").max(2000);

const reviewSchema = z.discriminatedUnion("target", [
  z
    .object({
      target: z.literal("check"),
      control: z.enum(CONTRACT_CONTROLS),
      decision: z.enum(["confirm", "override"]),
      status: z.enum(["pass", "fail", "warn"]).optional(),
      comment,
    })
    .refine((v) => v.decision === "confirm" || v.status !== undefined, {
      message: "is required to override (pass, warn or fail)",
      path: ["status"],
    }),
  z.object({
    target: z.literal("clause"),
    clauseType: z.string().min(1).max(60),
    start: z.number().int().min(0),
    end: z.number().int().min(0),
    decision: z.enum(["confirm", "reject"]),
    comment,
  }),
]);

/**
 * Records legal's decision on a finding of the contract engine: confirm or
 * override a control's check, or confirm or reject a detected clause, always
 * with a comment. Reviews are kept apart from the analysis, so they survive
 * re-analysis; the last review of a target applies. A clause review judges
 * the contract's checks again from the clauses legal has not rejected, in the
 * same transaction, so the playbook sees the change at once.
 *
 * @example
 * await reviewContractFinding(ctx, contractId,
 *   { target: "check", control: "CT-4", decision: "override", status: "pass", comment: "Schedule 3 binds staff" });
 */
export async function reviewContractFinding(
  ctx: ServiceContext,
  contractId: unknown,
  input: unknown,
): Promise<ContractReview> {
  requirePermission(ctx, "contracts.review", "review contract findings");
  const id = parseId(contractId);
  const data = parseInput(reviewSchema, input);
  return writeTransaction(ctx, async (tx, audit) => {
    const contract = await tx
      .selectFrom("contracts")
      .select(["id", "engagement_id", "status"])
      .where("id", "=", id)
      .where("deleted_at", "is", null)
      .executeTakeFirst();
    if (!contract) throw new WardenError("not_found", `No contract with id ${id}.`);
    await loadEngagementFor(ctx, contract.engagement_id, tx);
    if (data.target === "check") {
      const check = await tx
        .selectFrom("contract_checks")
        .select(["control", "status"])
        .where("contract_id", "=", id)
        .where("control", "=", data.control)
        .executeTakeFirst();
      if (!check) {
        throw new WardenError(
          "conflict",
          `The contract has no analysed check for ${data.control}: wait for the analysis to finish.`,
        );
      }
      // "Needs review" is no finding to confirm: legal reads the clause and decides.
      if (check.status === "needs_review" && data.decision === "confirm") {
        throw new WardenError(
          "invalid_input",
          `${data.control} needs review: Warden could not read a term it judges, so there is no finding to confirm. Override it with pass, warn or fail after reading the clause.`,
          {
            errors: [
              {
                field: "decision",
                message: "must be an override (pass, warn or fail) for a check that needs review",
              },
            ],
          },
        );
      }
    } else {
      const clause = await tx
        .selectFrom("contract_clauses")
        .select("position")
        .where("contract_id", "=", id)
        .where("type", "=", data.clauseType)
        .where("start_offset", "=", data.start)
        .where("end_offset", "=", data.end)
        .executeTakeFirst();
      if (!clause) {
        throw new WardenError(
          "not_found",
          `The contract has no ${data.clauseType} clause at ${data.start}–${data.end}.`,
        );
      }
    }
    const row = await tx
      .insertInto("contract_reviews")
      .values({
        contract_id: id,
        target: data.target,
        control: data.target === "check" ? data.control : null,
        clause_type: data.target === "clause" ? data.clauseType : null,
        clause_start: data.target === "clause" ? data.start : null,
        clause_end: data.target === "clause" ? data.end : null,
        decision: data.decision,
        status: data.target === "check" && data.decision === "override" ? (data.status ?? null) : null,
        comment: data.comment,
        reviewed_by: ctx.actor.label,
        reviewed_at: ctx.runtime.now(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    // A confirmed or rejected clause changes what the contract says: its checks are judged again.
    const checks = data.target === "clause" ? await rejudgeStoredContract(tx, id) : null;
    await audit({
      action: `contract.review.${data.decision}`,
      targetType: "contract",
      targetId: id,
      summary:
        data.target === "check"
          ? { control: data.control, status: data.status ?? null, comment: data.comment }
          : { clause: data.clauseType, start: data.start, end: data.end, comment: data.comment, checks },
    });
    return toContractReview(row);
  });
}
