import { describe, expect, it } from "vitest";
import {
  analyzeContract,
  checkContract,
  contractPolicySchema,
  defaultContractPolicy,
} from "../../engines/contracts/index.ts";
import { refineVenueCheck } from "./refine-venue-check.ts";

function ct8(venue: string, policy = defaultContractPolicy) {
  const text = `1. Services. Vendor shall perform the services.\n\n2. Governing Law and Venue. The parties submit to the exclusive jurisdiction of ${venue} for any dispute arising out of this Agreement.`;
  const analysis = analyzeContract(text);
  const before = checkContract(analysis, policy).find((c) => c.control === "CT-8");
  const after = refineVenueCheck(checkContract(analysis, policy), analysis.clauses, policy).find(
    (c) => c.control === "CT-8",
  );
  return { before, after, analysis };
}

describe("refineVenueCheck", () => {
  it("names the foreign country of a venue the contract engine did not place", () => {
    const { before, after } = ct8("the courts of Minsk");
    expect(before).toMatchObject({
      status: "needs_review",
      reason: expect.stringMatching(/names no jurisdiction Warden recognises/),
    });
    expect(after).toMatchObject({ status: "fail" });
    expect(after?.reason).toBe(
      `Disputes go to Belarus ("Minsk"), abroad, without arbitration enforceable in the vendor's country.`,
    );
    expect(after?.clauseRefs.length).toBeGreaterThan(0);
  });

  it("passes a venue at home or in an accepted country", () => {
    const estonian = contractPolicySchema.parse({ homeCountry: "EE" });
    expect(ct8("the Commercial Court in Tallinn", estonian).after).toMatchObject({
      status: "pass",
      reason: expect.stringMatching(/at home: .*Estonia \("Tallinn"\)/),
    });
    const accepting = contractPolicySchema.parse({ homeCountry: "US", acceptedCountries: ["EE"] });
    expect(ct8("the Commercial Court in Tallinn", accepting).after?.status).toBe("pass");
  });

  it("leaves a check whose place the contract engine recognised as it was", () => {
    const { before, after } = ct8("the state and federal courts located in New York County, New York");
    expect(after).toEqual(before);
  });
});
