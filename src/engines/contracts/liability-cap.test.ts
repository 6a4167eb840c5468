import { describe, expect, it } from "vitest";
import { analyzeContract } from "./analyze-contract.ts";
import { type ContractCheck, checkContract } from "./check-contract.ts";
import { contractPolicySchema, defaultContractPolicy } from "./contract-policy.ts";
import { renderText } from "./fixtures/render-contract.ts";
import { usMasterServicesAgreement } from "./fixtures/sample-contracts.ts";

const INDEMNITY =
  "9.1 Indemnity. The Vendor shall indemnify and hold harmless the Client against all third-party claims arising from the Services.";
const CARVE_OUT =
  "9.3 Exclusions. The limitations in Section 9.2 shall not apply to breaches of confidentiality or to claims of infringement of intellectual property rights.";

/** A liability article: an indemnity, the cap sentence as 9.2, and (unless left out) carve-outs as 9.3. */
function contract(cap: string, options: { carveOut?: string | null } = {}): string {
  const carveOut = options.carveOut === undefined ? CARVE_OUT : options.carveOut;
  return [INDEMNITY, `9.2 Limitation of Liability. ${cap}`, ...(carveOut ? [carveOut] : [])].join("\n\n");
}

const ct5 = (text: string, policy = defaultContractPolicy): ContractCheck => {
  const check = checkContract(analyzeContract(text), policy).find((c) => c.control === "CT-5");
  if (!check) throw new Error("no CT-5 check");
  return check;
};
const capOf = (text: string) => analyzeContract(text).terms.liabilityCap;

describe("the reproduction of issue 13: a USD 500,000 cap against a USD 1,000,000 policy", () => {
  it("reads the cap of “neither party's aggregate liability … shall exceed USD 500,000” and does not pass", () => {
    const text = contract(
      "Neither party's aggregate liability arising out of or relating to this Agreement shall exceed USD 500,000.",
    );
    expect(capOf(text)?.amount).toMatchObject({ value: 500_000, currency: "USD" });
    const check = ct5(text);
    expect(check.status).not.toBe("pass");
    // Below the minimum is a warning under the CT-5 policy semantics.
    expect(check.status).toBe("warn");
    expect(check.reason).toMatch(/USD 500,000.*below.*USD 1,000,000/);
  });

  it("reads “in no event shall … exceed” with the subject between", () => {
    const text = contract(
      "In no event shall either party's total liability under this Agreement exceed US$500,000 in the aggregate.",
    );
    expect(capOf(text)?.amount).toMatchObject({ value: 500_000, currency: "USD" });
    expect(ct5(text).status).toBe("warn");
  });
});

describe("amounts of a liability cap", () => {
  it.each([
    ["shall not exceed USD 500,000", 500_000, "USD"],
    ["shall not exceed $500k", 500_000, "USD"],
    ["shall be limited to $1.5 million", 1_500_000, "USD"],
    ["shall not exceed one million US dollars (US$1,000,000)", 1_000_000, "USD"],
    ["shall not exceed five hundred thousand dollars", 500_000, "USD"],
    ["shall in no event exceed Two Million Five Hundred Thousand Dollars ($2,500,000)", 2_500_000, "USD"],
    ["shall not exceed €1.5 million", 1_500_000, "EUR"],
    ["shall not exceed EUR 750,000", 750_000, "EUR"],
    ["shall not exceed £750,000", 750_000, "GBP"],
    ["shall not exceed two hundred and fifty thousand pounds sterling", 250_000, "GBP"],
    ["shall not exceed ₹5 crore", 50_000_000, "INR"],
    ["shall not exceed INR 2,00,00,000 (Rupees Two Crore)", 20_000_000, "INR"],
    ["shall be capped at Rs. 10 lakhs", 1_000_000, "INR"],
  ])("reads “The Vendor's aggregate liability %s.”", (phrase, value, currency) => {
    const cap = capOf(contract(`The Vendor's aggregate liability under this Agreement ${phrase}.`));
    expect(cap?.amount).toMatchObject({ value, currency });
    expect(cap?.basis).toBe("amount");
  });

  it("passes a cap at or above the policy minimum, and warns on one below it", () => {
    expect(ct5(contract("The Vendor's total liability shall not exceed USD 2,000,000.")).status).toBe("pass");
    expect(ct5(contract("The Vendor's total liability shall not exceed one million dollars.")).status).toBe(
      "pass",
    );
    expect(ct5(contract("The Vendor's total liability shall not exceed $750k.")).status).toBe("warn");
  });

  it("needs review when the cap is in another currency than the policy minimum", () => {
    const check = ct5(contract("The Vendor's total liability shall not exceed EUR 2,000,000."));
    expect(check.status).toBe("needs_review");
    expect(check.reason).toMatch(/EUR 2,000,000.*USD 1,000,000/);
  });
});

describe("a liability cap as a formula of the fees", () => {
  it("reads the fees paid or payable in the twelve (12) months preceding the claim", () => {
    const cap = capOf(
      contract(
        "The Vendor's aggregate liability shall not exceed the fees paid or payable by the Client in the twelve (12) months preceding the claim.",
      ),
    );
    expect(cap).toMatchObject({ basis: "fees", amount: null, monthsOfFees: 12, multipleOfFees: null });
    expect(cap?.formula).toMatch(/fees paid or payable by the Client in the twelve \(12\) months/);
  });

  it("reads multiples of the fees and judges them by the months of fees they add up to", () => {
    const text = contract(
      "The Vendor's aggregate liability shall not exceed two (2) times the fees paid under this Agreement during the twelve (12) month period preceding the claim.",
    );
    expect(capOf(text)).toMatchObject({ basis: "fees", monthsOfFees: 12, multipleOfFees: 2 });
    const strict = contractPolicySchema.parse({ minimumCapMonthsOfFees: 24 });
    expect(ct5(text, strict).status).toBe("pass");
    const stricter = contractPolicySchema.parse({ minimumCapMonthsOfFees: 36 });
    expect(ct5(text, stricter)).toMatchObject({ status: "warn", reason: expect.stringMatching(/24 months/) });
  });

  it("reads “one year's fees” and the annual fees as twelve months", () => {
    expect(
      capOf(contract("The Vendor's liability is limited to an amount equal to one year's fees."))
        ?.monthsOfFees,
    ).toBe(12);
    expect(
      capOf(contract("The Vendor's total liability shall not exceed the annual fees payable hereunder."))
        ?.monthsOfFees,
    ).toBe(12);
  });

  it("needs review, stating the formula, when the fees cannot be compared with the policy minimum", () => {
    const noPeriod = contract(
      "The Vendor's aggregate liability shall not exceed the total fees paid by the Client under this Agreement.",
    );
    expect(capOf(noPeriod)).toMatchObject({ basis: "fees", monthsOfFees: null });
    const check = ct5(noPeriod);
    expect(check.status).toBe("needs_review");
    expect(check.reason).toMatch(/total fees paid by the Client under this Agreement/);

    // A policy with only a fixed minimum cannot judge even a twelve-month formula.
    const amountOnly = contractPolicySchema.parse({ minimumCapMonthsOfFees: null });
    const twelve = contract(
      "The Vendor's aggregate liability shall not exceed the fees paid in the twelve (12) months preceding the claim.",
    );
    const judged = ct5(twelve, amountOnly);
    expect(judged.status).toBe("needs_review");
    expect(judged.reason).toMatch(/fees paid in the twelve \(12\) months.*USD 1,000,000/);
  });

  it("judges “the greater of” a fixed amount and the fees by the better of the two", () => {
    const text = contract(
      "The Vendor's aggregate liability shall not exceed the greater of (a) USD 2,000,000 and (b) the fees paid in the twelve (12) months preceding the claim.",
    );
    expect(capOf(text)).toMatchObject({
      basis: "greater-of",
      amount: { value: 2_000_000, currency: "USD" },
      monthsOfFees: 12,
    });
    expect(ct5(text).status).toBe("pass");
    const lesser = text.replace("greater", "lesser").replace("2,000,000", "500,000");
    expect(capOf(lesser)?.basis).toBe("lesser-of");
    expect(ct5(lesser).status).toBe("warn");
  });
});

describe("a liability cap that cannot be read", () => {
  it("needs review, quoting the text it tried, when the cap names no amount Warden can read", () => {
    const text = contract(
      "The Vendor's aggregate liability under this Agreement shall not exceed the Liability Cap Amount set out in the Order Form.",
    );
    expect(capOf(text)?.basis).toBe("unread");
    const check = ct5(text);
    expect(check.status).toBe("needs_review");
    expect(check.reason).toMatch(/could not be read/);
    expect(check.reason).toMatch(/Liability Cap Amount set out in the Order Form/);
    expect(check.unread).toEqual([
      expect.objectContaining({ term: "liability cap", text: expect.stringMatching(/Liability Cap Amount/) }),
    ]);
  });

  it("needs review for an amount without a currency", () => {
    const check = ct5(contract("The Vendor's aggregate liability shall not exceed 500,000."));
    expect(check.status).toBe("needs_review");
    expect(check.reason).toMatch(/500,000/);
  });

  it("reads a cap given by a defined term through its definition", () => {
    const text = [
      '1.1 "Liability Cap" means USD 3,000,000.',
      contract("The Vendor's aggregate liability shall not exceed the Liability Cap."),
    ].join("\n\n");
    expect(capOf(text)?.amount).toMatchObject({ value: 3_000_000, currency: "USD" });
    expect(ct5(text).status).toBe("pass");
  });

  it("does not ask for a review of a clause that only excludes kinds of damages", () => {
    const text = contract(
      "In no event shall either party be liable for any indirect, incidental, special or consequential damages, or for loss of profits.",
    );
    expect(capOf(text)?.basis).toBe("exclusion-only");
    expect(ct5(text).status).toBe("pass");
  });
});

describe("carve-outs from the cap", () => {
  it("reads which losses a carve-out takes out of the cap", () => {
    const cap = capOf(
      contract(
        "Except for liability arising from a party's breach of its confidentiality obligations, infringement or misappropriation of the other party's intellectual property rights, or its indemnification obligations, neither party's aggregate liability shall exceed USD 2,000,000.",
        { carveOut: null },
      ),
    );
    expect(cap?.carveOuts).toMatchObject({
      ipInfringement: "excluded",
      confidentiality: "excluded",
      indemnities: "excluded",
      dataBreach: "capped",
    });
  });

  it("reads a carve-out made in another section, and one for data breaches", () => {
    const cap = capOf(
      contract("The Vendor's aggregate liability shall not exceed USD 2,000,000.", {
        carveOut:
          "9.3 The limitation in Section 9.2 does not apply to losses arising from a breach of data protection laws, a personal data breach, or infringement of a third party's intellectual property rights.",
      }),
    );
    expect(cap?.carveOuts).toMatchObject({
      ipInfringement: "excluded",
      dataBreach: "excluded",
      confidentiality: "capped",
    });
  });

  it("warns, saying why, when the cap also covers IP infringement and confidentiality breaches", () => {
    const check = ct5(
      contract("The Vendor's aggregate liability shall not exceed USD 2,000,000.", { carveOut: null }),
    );
    expect(check.status).toBe("warn");
    expect(check.reason).toMatch(/IP infringement/);
    expect(check.reason).toMatch(/confidentiality/);
  });

  it("warns when the carve-outs reach only gross negligence and fraud", () => {
    const check = ct5(
      contract("The Vendor's aggregate liability shall not exceed USD 2,000,000.", {
        carveOut:
          "9.3 The limitation in Section 9.2 shall not apply to a party's gross negligence, wilful misconduct or fraud.",
      }),
    );
    expect(check.status).toBe("warn");
    expect(check.reason).toMatch(/gross negligence/);
    expect(check.reason).toMatch(/IP infringement/);
  });

  it("counts an excluded indemnity that covers infringement as taking IP infringement out of the cap", () => {
    const { terms } = analyzeContract(renderText(usMasterServicesAgreement));
    expect(terms.liabilityCap?.carveOuts).toMatchObject({
      indemnities: "excluded",
      confidentiality: "excluded",
      ipInfringement: "through-indemnity",
    });
    const check = checkContract(
      analyzeContract(renderText(usMasterServicesAgreement)),
      defaultContractPolicy,
    );
    expect(check.find((c) => c.control === "CT-5")).toMatchObject({
      status: "pass",
      reason: expect.stringMatching(/IP infringement.*indemnity/),
    });
  });
});
