import {
  type ClauseType,
  type ContractCheck,
  type ContractPolicy,
  type ContractTerms,
  checkContract,
  type DetectedClause,
  extractTerms,
} from "../../engines/contracts/index.ts";
import { isEnforceableSeat } from "../../engines/jurisdiction/index.ts";
import type { Tx } from "../context.ts";
import { type ContractReview, clauseReviewFor } from "./apply-contract-reviews.ts";
import { readContractPolicy } from "./contract-policy-settings.ts";
import { loadContractReviews } from "./contract-view.ts";
import { refineVenueCheck } from "./refine-venue-check.ts";

export interface ContractJudgement {
  terms: ContractTerms;
  /** One check per control; `clauseRefs` are positions in the clauses given (as stored). */
  checks: ContractCheck[];
}

/**
 * Judges a contract's clauses against the contract policy, leaving out every
 * clause legal has rejected: the key terms are read from the clauses that
 * remain, each control is checked, and CT-8 is completed by the jurisdiction
 * engine (an arbitral seat counts only if its awards are enforceable in the
 * vendor's country). The analysis job and legal's clause reviews both judge
 * here, so a rejected clause counts for nothing whenever it was rejected.
 *
 * @example
 * judgeContractClauses({ text, clauses, reviews, vendorCountry: "IN", policy });
 * // { terms: {…}, checks: [{ control: "CT-6", status: "fail", … }, …] }
 */
export function judgeContractClauses(input: {
  text: string;
  clauses: readonly DetectedClause[];
  reviews: readonly ContractReview[];
  vendorCountry: string;
  policy: ContractPolicy;
}): ContractJudgement {
  const kept = input.clauses.flatMap((clause, position) =>
    clauseReviewFor(input.reviews, clause)?.decision === "reject" ? [] : [position],
  );
  const clauses = kept.map((position) => input.clauses[position] as DetectedClause);
  const terms = extractTerms(clauses, input.text);
  const checks = checkContract(
    {
      clauses,
      terms,
      isEnforceableSeat: (seat) => {
        try {
          return isEnforceableSeat(seat, input.vendorCountry).verdict === "enforceable";
        } catch {
          return false; // a country the dataset does not know: not shown to be enforceable
        }
      },
    },
    input.policy,
  );
  return {
    terms,
    checks: refineVenueCheck(checks, clauses, input.policy).map((check) => ({
      ...check,
      clauseRefs: check.clauseRefs.map((i) => kept[i] as number),
    })),
  };
}

/**
 * Judges an analysed contract again from its stored text, clauses and reviews
 * (after legal confirms or rejects a clause) and replaces its checks and terms,
 * inside the caller's transaction. Returns the new status of each control.
 */
export async function rejudgeStoredContract(tx: Tx, contractId: string): Promise<Record<string, string>> {
  const contract = await tx
    .selectFrom("contracts")
    .innerJoin("engagements", "engagements.id", "contracts.engagement_id")
    .innerJoin("vendors", "vendors.id", "engagements.vendor_id")
    .select(["contracts.text", "vendors.country"])
    .where("contracts.id", "=", contractId)
    .executeTakeFirstOrThrow();
  const rows = await tx
    .selectFrom("contract_clauses")
    .selectAll()
    .where("contract_id", "=", contractId)
    .orderBy("position")
    .execute();
  const clauses: DetectedClause[] = rows.map((r) => ({
    type: r.type as ClauseType,
    control: r.control as DetectedClause["control"],
    start: r.start_offset,
    end: r.end_offset,
    text: r.text,
    score: r.score,
    ...(r.section ? { section: r.section } : {}),
    ...(r.heading ? { heading: r.heading } : {}),
  }));
  const judgement = judgeContractClauses({
    text: contract.text ?? "",
    clauses,
    reviews: (await loadContractReviews(tx, [contractId])).get(contractId) ?? [],
    vendorCountry: contract.country,
    policy: await readContractPolicy(tx),
  });
  await tx.deleteFrom("contract_checks").where("contract_id", "=", contractId).execute();
  await insertContractChecks(tx, contractId, judgement.checks);
  await tx
    .updateTable("contracts")
    .set({ terms: JSON.stringify(judgement.terms) })
    .where("id", "=", contractId)
    .execute();
  return Object.fromEntries(judgement.checks.map((c) => [c.control, c.status]));
}

/** Stores a contract's checks (the contract has none at this point). */
export async function insertContractChecks(
  tx: Tx,
  contractId: string,
  checks: readonly ContractCheck[],
): Promise<void> {
  if (checks.length === 0) return;
  await tx
    .insertInto("contract_checks")
    .values(
      checks.map((c) => ({
        contract_id: contractId,
        control: c.control,
        status: c.status,
        reason: c.reason,
        clause_positions: JSON.stringify(c.clauseRefs),
      })),
    )
    .execute();
}
