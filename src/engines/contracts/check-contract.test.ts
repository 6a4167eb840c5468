import { describe, expect, it } from "vitest";
import { analyzeContract } from "./analyze-contract.ts";
import { type ContractCheck, checkContract } from "./check-contract.ts";
import { contractPolicySchema, defaultContractPolicy } from "./contract-policy.ts";
import { renderText } from "./fixtures/render-contract.ts";
import { indianServicesAgreement, usMasterServicesAgreement } from "./fixtures/sample-contracts.ts";

const check = (checks: ContractCheck[], control: string) => checks.find((c) => c.control === control);

describe("checkContract", () => {
  it("passes every control on a complete US MSA under the default policy", () => {
    const checks = checkContract(
      analyzeContract(renderText(usMasterServicesAgreement)),
      defaultContractPolicy,
    );
    expect(checks.map((c) => c.control)).toEqual([
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
    ]);
    expect(checks.filter((c) => c.status !== "pass")).toEqual([]);
    for (const c of checks) expect(c.clauseRefs.length).toBeGreaterThan(0);
  });

  it("fails CT-8 when disputes go to courts abroad without arbitration, and passes with a home country there", () => {
    const analysis = analyzeContract(renderText(indianServicesAgreement));
    expect(check(checkContract(analysis, defaultContractPolicy), "CT-8")).toMatchObject({ status: "fail" });
    const indian = contractPolicySchema.parse({ homeCountry: "IN" });
    expect(check(checkContract(analysis, indian), "CT-8")).toMatchObject({ status: "pass" });
  });

  it("judges an arbitration seat through the enforceability callback", () => {
    const analysis = analyzeContract(
      "20. Disputes. Any dispute shall be finally resolved by arbitration under the SIAC Rules. The seat of arbitration shall be Singapore.\n\n21. Governing Law. This Agreement is governed by the laws of India.",
    );
    expect(analysis.terms.arbitration).toMatchObject({
      chosen: true,
      rules: "SIAC",
      seat: { country: "SG" },
    });
    expect(check(checkContract(analysis, defaultContractPolicy), "CT-8")?.status).toBe("pass");
    const refused = checkContract(
      { ...analysis, isEnforceableSeat: (country) => country !== "SG" },
      defaultContractPolicy,
    );
    expect(check(refused, "CT-8")).toMatchObject({ status: "fail" });
    expect(check(refused, "CT-8")?.reason).toMatch(/Singapore/);
  });

  it("fails CT-4 and CT-6 when nothing flows down and there is no audit right", () => {
    const checks = checkContract(analyzeContract(renderText(indianServicesAgreement)), defaultContractPolicy);
    expect(check(checks, "CT-4")).toMatchObject({ status: "fail", clauseRefs: [] });
    expect(check(checks, "CT-6")).toMatchObject({ status: "fail" });
  });

  it("warns on CT-5 when the cap is below the policy minimum", () => {
    const analysis = analyzeContract(
      [
        "9.1 The Vendor shall indemnify and hold harmless the Client against all third-party claims of infringement.",
        "9.2 The Vendor's total aggregate liability under this Agreement shall not exceed USD 250,000.",
        "9.3 The limitations in Section 9.2 shall not apply to breaches of confidentiality or to the indemnity in Section 9.1.",
      ].join("\n\n"),
    );
    expect(analysis.terms.liabilityCap?.amount).toMatchObject({ value: 250_000, currency: "USD" });
    const ct5 = check(checkContract(analysis, defaultContractPolicy), "CT-5");
    expect(ct5?.status).toBe("warn");
    expect(ct5?.reason).toMatch(/USD 250,000.*below.*USD 1,000,000/);
    const lenient = contractPolicySchema.parse({ minimumLiabilityCap: { value: 100_000, currency: "USD" } });
    expect(check(checkContract(analysis, lenient), "CT-5")?.status).toBe("pass");
  });

  it("warns on CT-1 for joint IP ownership, or fails when the policy says so", () => {
    const analysis = analyzeContract(
      [
        "7.1 The Supplier hereby assigns to the Customer all right, title and interest in the Deliverables created in the performance of the Services.",
        "7.2 Any invention made jointly by employees of both parties shall be jointly owned by the parties.",
      ].join("\n\n"),
    );
    expect(check(checkContract(analysis, defaultContractPolicy), "CT-1")?.status).toBe("warn");
    const strict = contractPolicySchema.parse({ jointOwnership: "fail" });
    expect(check(checkContract(analysis, strict), "CT-1")?.status).toBe("fail");
  });

  it("fails CT-1 when the vendor only grants a licence", () => {
    const analysis = analyzeContract(
      "5. License. Vendor grants Client a non-exclusive, worldwide, royalty-free license to use the Software during the Term.",
    );
    const ct1 = check(checkContract(analysis, defaultContractPolicy), "CT-1");
    expect(ct1).toMatchObject({ status: "fail" });
    expect(ct1?.reason).toMatch(/Only a licence/);
  });

  it("needs review on CT-9 when an insurance minimum cannot be read or is in another currency, never a pass", () => {
    const judge = (sentence: string) =>
      check(checkContract(analyzeContract(`10. Insurance. ${sentence}`), defaultContractPolicy), "CT-9");
    const unread = judge(
      "The Vendor shall maintain professional liability insurance with limits of 2,000,000 per claim and cyber liability insurance of USD 3,000,000.",
    );
    expect(unread).toMatchObject({ status: "needs_review" });
    expect(unread?.reason).toMatch(/professional-liability minimum could not be read.*2,000,000 per claim/);
    expect(unread?.unread).toEqual([expect.objectContaining({ term: "professional-liability minimum" })]);
    const euros = judge(
      "The Vendor shall maintain professional liability insurance of EUR 2,000,000 and cyber liability insurance of EUR 3,000,000.",
    );
    expect(euros).toMatchObject({ status: "needs_review" });
    expect(euros?.reason).toMatch(/EUR 2,000,000 cannot be compared with USD 1,000,000/);
    // No figure at all: the contract states no minimum, a known gap.
    const none = judge(
      "The Vendor shall maintain professional liability insurance and cyber liability insurance with reputable insurers.",
    );
    expect(none).toMatchObject({ status: "warn" });
  });

  it("needs review on CT-6 when the notice an audit needs cannot be read", () => {
    const ct6 = check(
      checkContract(
        analyzeContract(
          "6.1 Client shall have the right to audit and inspect Vendor's books and records upon a fortnight's prior written notice.",
        ),
        defaultContractPolicy,
      ),
      "CT-6",
    );
    expect(ct6).toMatchObject({ status: "needs_review" });
    expect(ct6?.reason).toMatch(/fortnight's prior written notice/);
  });

  it("needs review on CT-8 when the law or forum names a place Warden does not know, or arbitration names no seat", () => {
    const unknownPlace = check(
      checkContract(
        analyzeContract("12. Governing Law. This Agreement is governed by the laws of Ruritania."),
        defaultContractPolicy,
      ),
      "CT-8",
    );
    expect(unknownPlace).toMatchObject({ status: "needs_review" });
    expect(unknownPlace?.reason).toMatch(/laws of Ruritania/);
    const noSeat = check(
      checkContract(
        analyzeContract(
          "20. Disputes. Any dispute shall be finally resolved by arbitration under the ICC Rules of Arbitration.",
        ),
        defaultContractPolicy,
      ),
      "CT-8",
    );
    expect(noSeat).toMatchObject({ status: "needs_review" });
    expect(noSeat?.unread).toEqual([expect.objectContaining({ term: "arbitration seat" })]);
  });

  it("rejects a policy with an invalid home country", () => {
    expect(contractPolicySchema.safeParse({ homeCountry: "usa" }).success).toBe(false);
  });
});
