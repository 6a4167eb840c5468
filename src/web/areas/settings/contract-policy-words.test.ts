import { describe, expect, it } from "vitest";
import {
  type ContractPolicyInput,
  contractPolicySchema,
} from "../../../engines/contracts/contract-policy.ts";
import { policyInWords } from "./contract-policy-words.ts";

const words = (input: ContractPolicyInput = {}) => policyInWords(contractPolicySchema.parse(input));

describe("the contract policy in words", () => {
  it("states the audit notice limit, in days or one day", () => {
    expect(words()["CT-6"]).toBe("An audit may need at most 30 days' notice; a longer notice is a warning.");
    expect(words({ maxAuditNoticeDays: 1 })["CT-6"]).toContain("at most 1 day's notice");
  });

  it("names the home country and every accepted country", () => {
    const text = words({ homeCountry: "EE", acceptedCountries: ["FI", "SE"] })["CT-8"];
    expect(text).toContain("at home in Estonia (EE), Finland (FI), and Sweden (SE).");
  });

  it("lists the insurance lines with their minimums, or says none is required", () => {
    const text = words({
      requiredInsurance: [
        { type: "cyber-liability", minimum: { value: 2_000_000, currency: "EUR" } },
        { type: "umbrella", minimum: null },
      ],
    })["CT-9"];
    expect(text).toMatch(/^The vendor must carry cyber liability of at least EUR 2,000,000 and umbrella/);
    expect(text).toContain("(any amount)");
    expect(words({ requiredInsurance: [] })["CT-9"]).toMatch(/^No particular insurance line is required/);
  });

  it("describes the liability cap by amount, by months of fees, or neither", () => {
    expect(words()["CT-5"]).toMatch(
      /^A liability cap below USD 1,000,000 or below 12 months of fees is a warning/,
    );
    const monthsOnly = words({ minimumLiabilityCap: null, minimumCapMonthsOfFees: 6 })["CT-5"];
    expect(monthsOnly).toMatch(/^A liability cap below 6 months of fees is a warning\./);
    expect(monthsOnly).not.toContain("currency");
    const none = words({
      minimumLiabilityCap: null,
      minimumCapMonthsOfFees: null,
      requireUncappedIpBreach: false,
    });
    expect(none["CT-5"]).toBe(
      "There is no minimum liability cap. The cap need not leave IP and confidentiality breaches outside it.",
    );
  });

  it("follows the switches: joint ownership, non-compete, flow-down and escrow", () => {
    expect(words({ jointOwnership: "fail" })["CT-1"]).toContain(
      "IP owned jointly with the vendor fails the check.",
    );
    expect(words({ requireNonCompete: false })["CT-3"]).toBe(
      "The contract must have a clause against soliciting our staff.",
    );
    expect(words({ requireNonCompete: false, requireNoSolicit: false })["CT-3"]).toMatch(/^Neither/);
    expect(words({ flowDownTo: ["subcontractors"] })["CT-4"]).toContain(
      "flow down to the vendor's subcontractors.",
    );
    expect(words({ flowDownTo: [] })["CT-4"]).toMatch(/^Any flow-down clause will do/);
    expect(words({ requireEscrow: true })["OG-1"]).toBe(
      "A contract without source-code escrow fails the check.",
    );
    expect(words()["OG-1"]).toMatch(/warning/);
  });
});
