import { describe, expect, it } from "vitest";
import { contractPolicySchema, defaultContractPolicy } from "../../../engines/contracts/contract-policy.ts";
import {
  type ContractPolicyDraft,
  draftFromPolicy,
  newInsuranceLine,
  patchFromDraft,
  placePolicyProblems,
  splitCountries,
} from "./contract-policy-draft.ts";

// What the server parses a patch with (the service stores the policy without the home country).
const storedPolicySchema = contractPolicySchema.omit({ homeCountry: true }).strict();

/** The field errors the server sends back for a patch, from the engine's own schema. */
function serverErrors(draft: ContractPolicyDraft) {
  const result = storedPolicySchema.safeParse(patchFromDraft(draft));
  return result.success
    ? []
    : result.error.issues.map((i) => ({ field: i.path.join("."), message: i.message }));
}

const { homeCountry: _home, ...defaultsWithoutHome } = defaultContractPolicy;

describe("the contract policy draft", () => {
  it("sends back the policy it was made from, which the server accepts as it is", () => {
    const patch = patchFromDraft(draftFromPolicy(defaultContractPolicy));
    expect(patch).toEqual(defaultsWithoutHome);
    expect(storedPolicySchema.parse(patch)).toEqual(defaultsWithoutHome);
  });

  it("turns empty amounts into 'no minimum' and upper-cases currencies and countries", () => {
    const draft: ContractPolicyDraft = {
      ...draftFromPolicy(defaultContractPolicy),
      acceptedCountries: "gb, ie  GB;de",
      capAmount: " ",
      capMonths: "",
      maxAuditNoticeDays: " 15 ",
      insurance: [
        { key: 0, type: "cyber-liability", amount: "2500000", currency: "eur" },
        { key: 1, type: "umbrella", amount: "", currency: "USD" },
      ],
    };
    const patch = storedPolicySchema.parse(patchFromDraft(draft));
    expect(patch.acceptedCountries).toEqual(["GB", "IE", "DE"]);
    expect(patch.minimumLiabilityCap).toBeNull();
    expect(patch.minimumCapMonthsOfFees).toBeNull();
    expect(patch.maxAuditNoticeDays).toBe(15);
    expect(patch.requiredInsurance).toEqual([
      { type: "cyber-liability", minimum: { value: 2_500_000, currency: "EUR" } },
      { type: "umbrella", minimum: null },
    ]);
  });

  it("sends a number it cannot read as typed, so that the server refuses it rather than dropping it", () => {
    const draft = {
      ...draftFromPolicy(defaultContractPolicy),
      capAmount: "1,000,000",
      maxAuditNoticeDays: "",
    };
    const patch = patchFromDraft(draft);
    expect(patch.minimumLiabilityCap).toEqual({ value: "1,000,000", currency: "USD" });
    expect(patch.maxAuditNoticeDays).toBe("");
    expect(storedPolicySchema.safeParse(patch).success).toBe(false);
  });

  it("keeps the flow-down targets in the engine's order whatever the order they were ticked in", () => {
    const draft: ContractPolicyDraft = {
      ...draftFromPolicy(defaultContractPolicy),
      flowDownTo: ["subcontractors", "employees"],
    };
    expect(patchFromDraft(draft).flowDownTo).toEqual(["employees", "subcontractors"]);
  });

  it("adds an insurance line of a type not yet required, with a key of its own", () => {
    const draft = draftFromPolicy(defaultContractPolicy);
    const line = newInsuranceLine(draft);
    expect(draft.insurance.map((l) => l.type)).not.toContain(line.type);
    expect(draft.insurance.map((l) => l.key)).not.toContain(line.key);
    expect(line).toMatchObject({ amount: "", currency: "USD" });
  });

  it("splits accepted countries on commas, semicolons and spaces, each once", () => {
    expect(splitCountries(" fr,FR ; nl  be,")).toEqual(["FR", "NL", "BE"]);
    expect(splitCountries("")).toEqual([]);
  });
});

describe("placing the server's refusal", () => {
  it("puts each refused value next to its field, quoting what was typed and saying what to type", () => {
    const base = draftFromPolicy(defaultContractPolicy);
    const draft: ContractPolicyDraft = {
      ...base,
      acceptedCountries: "GB, irl, 12",
      capAmount: "-5",
      capCurrency: "dollars",
      capMonths: "1.5",
      maxAuditNoticeDays: "0",
      insurance: [...base.insurance, { key: 7, type: "umbrella", amount: "lots", currency: "usd1" }],
    };
    const errors = serverErrors(draft);
    const { byField, placed } = placePolicyProblems(draft, errors);

    expect(placed.sort()).toEqual(errors.map((e) => e.field).sort());
    expect(byField.acceptedCountries).toMatch(/^“IRL”, “12” are not country codes: use two letters/);
    expect(byField.capAmount).toMatch(/amount in figures, 0 or more/);
    expect(byField.capCurrency).toBe(
      "“dollars” is not a currency code: use three letters, such as USD, EUR or GBP.",
    );
    expect(byField.capMonths).toMatch(/whole number of months, 1 or more/);
    expect(byField.maxAuditNoticeDays).toMatch(/whole number of days, 1 or more/);
    expect(byField["insurance.7.amount"]).toMatch(/amount in figures/);
    expect(byField["insurance.7.currency"]).toMatch(/^“usd1” is not a currency code/);
    // The lines that were right carry nothing.
    expect(
      Object.keys(byField).filter((k) => k.startsWith("insurance.0") || k.startsWith("insurance.1")),
    ).toEqual([]);
  });

  it("leaves unplaced what no field of the page shows", () => {
    const draft = draftFromPolicy(defaultContractPolicy);
    const { byField, placed } = placePolicyProblems(draft, [
      { field: "homeCountry", message: "is set in the playbook settings" },
      { field: "(input)", message: "Unrecognized key" },
    ]);
    expect(placed).toEqual([]);
    expect(byField).toEqual({});
  });
});
