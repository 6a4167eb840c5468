import { describe, expect, it } from "vitest";
import { contractPolicySchema, defaultContractPolicy } from "./contract-policy.ts";

describe("contractPolicySchema", () => {
  it("is the default policy when nothing is stated", () => {
    expect(contractPolicySchema.parse({})).toEqual(defaultContractPolicy);
    expect(defaultContractPolicy.requiredInsurance.map((l) => l.type)).toEqual([
      "professional-liability",
      "cyber-liability",
    ]);
  });

  it("refuses an insurance type listed twice, naming the second line", () => {
    const result = contractPolicySchema.safeParse({
      requiredInsurance: [
        { type: "cyber-liability", minimum: null },
        { type: "umbrella", minimum: null },
        { type: "cyber-liability", minimum: { value: 5, currency: "USD" } },
      ],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: ["requiredInsurance", 2, "type"],
        message: "lists cyber-liability a second time: keep one line per insurance type",
      }),
    ]);
  });

  it("says what a country or currency code looks like", () => {
    const result = contractPolicySchema.safeParse({
      acceptedCountries: ["gb"],
      minimumLiabilityCap: { value: 1, currency: "usd1" },
    });
    const messages = Object.fromEntries(
      (result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]),
    );
    expect(messages).toEqual({
      "acceptedCountries.0": "must be a two-letter country code, such as US, GB or IE",
      "minimumLiabilityCap.currency": "must be a three-letter currency code, such as USD, EUR or GBP",
    });
  });
});
