import { describe, expect, it } from "vitest";
import { renderText } from "../../engines/contracts/fixtures/render-contract.ts";
import { usMasterServicesAgreement } from "../../engines/contracts/fixtures/sample-contracts.ts";
import { analyzeContract, defaultContractPolicy } from "../../engines/contracts/index.ts";
import type { ContractReview } from "./apply-contract-reviews.ts";
import { judgeContractClauses } from "./judge-contract-clauses.ts";

const text = renderText(usMasterServicesAgreement);
const { clauses } = analyzeContract(text);
const judge = (reviews: ContractReview[]) =>
  judgeContractClauses({ text, clauses, reviews, vendorCountry: "IN", policy: defaultContractPolicy });

function reviewOf(type: string, decision: ContractReview["decision"]): ContractReview {
  const clause = clauses.find((c) => c.type === type);
  if (!clause) throw new Error(`the sample MSA has no ${type} clause`);
  return {
    id: "1",
    target: "clause",
    control: null,
    clauseType: type,
    clauseStart: clause.start,
    clauseEnd: clause.end,
    decision,
    status: null,
    comment: "checked against the signed copy",
    reviewedBy: "legal@example.com",
    reviewedAt: "2026-11-29T00:00:00.000Z",
  };
}

describe("judging a contract's clauses", () => {
  it("leaves a rejected clause out of the checks and the terms", () => {
    const before = judge([]);
    expect(before.checks.find((c) => c.control === "CT-9")?.status).toBe("pass");
    expect(before.terms.insurance).not.toHaveLength(0);
    const after = judge([reviewOf("insurance", "reject")]);
    expect(after.checks.find((c) => c.control === "CT-9")?.status).toBe("fail");
    expect(after.terms.insurance ?? []).toHaveLength(0);
  });

  it("counts a confirmed clause, and refers to clauses by their stored positions", () => {
    const { checks } = judge([reviewOf("ip-assignment", "reject"), reviewOf("audit-rights", "confirm")]);
    const ct6 = checks.find((c) => c.control === "CT-6");
    expect(ct6?.status).toBe("pass");
    expect(ct6?.clauseRefs.map((i) => clauses[i]?.type)).toContain("audit-rights");
  });
});
