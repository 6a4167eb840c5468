import type { ContractCheckStatus } from "../../engines/contracts/index.ts";

/** A decision of legal on one finding of the contract engine. */
export interface ContractReview {
  id: string;
  target: "check" | "clause";
  control: string | null;
  clauseType: string | null;
  clauseStart: number | null;
  clauseEnd: number | null;
  /**
   * confirm: the finding stands; override: a check gets another status; reject: not such a clause.
   * A check that needs review is settled by an override: legal decides pass, warn or fail.
   */
  decision: "confirm" | "override" | "reject";
  status: "pass" | "fail" | "warn" | null;
  comment: string;
  reviewedBy: string;
  reviewedAt: string;
}

export interface EngineCheck {
  control: string;
  /** needs_review: a term the policy judges could not be read; never counts as a pass. */
  status: ContractCheckStatus;
  reason: string;
  clausePositions: number[];
}

export interface ReviewedCheck extends EngineCheck {
  /** What the engine said, kept beside the status that applies. */
  engineStatus: EngineCheck["status"];
  engineReason: string;
  review: ContractReview | null;
}

/**
 * Applies legal's latest decision on each control to the engine's checks.
 * Reviews are stored apart from the analysis, so one made before a
 * re-analysis still applies when the control is reported again. `reviews`
 * come in the order they were made (the last one on a target decides).
 *
 * @example
 * applyCheckReviews([{ control: "CT-4", status: "fail", reason: "No flow-down", clausePositions: [] }],
 *   [{ target: "check", control: "CT-4", decision: "override", status: "pass", comment: "Clause 9.2", … }]);
 * // [{ control: "CT-4", status: "pass", engineStatus: "fail", review: {…}, … }]
 */
export function applyCheckReviews(
  checks: readonly EngineCheck[],
  reviews: readonly ContractReview[],
): ReviewedCheck[] {
  const latest = new Map<string, ContractReview>();
  for (const review of reviews) {
    if (review.target === "check" && review.control) latest.set(review.control, review);
  }
  return checks.map((check) => {
    const review = latest.get(check.control) ?? null;
    const overridden = review?.decision === "override" && review.status;
    return {
      ...check,
      status: overridden ? (review.status as ContractCheckStatus) : check.status,
      reason: review
        ? `${overridden ? `Overridden (${review.status}) by ${review.reviewedBy}` : `Confirmed by ${review.reviewedBy}`}: ${review.comment} (analysis: ${check.reason})`
        : check.reason,
      engineStatus: check.status,
      engineReason: check.reason,
      review,
    };
  });
}

/** Legal's latest decision on a clause (matched by type and span), if any. */
export function clauseReviewFor(
  reviews: readonly ContractReview[],
  clause: { type: string; start: number; end: number },
): ContractReview | null {
  let found: ContractReview | null = null;
  for (const review of reviews) {
    if (
      review.target === "clause" &&
      review.clauseType === clause.type &&
      review.clauseStart === clause.start &&
      review.clauseEnd === clause.end
    )
      found = review;
  }
  return found;
}
