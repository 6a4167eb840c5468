import { z } from "zod";

const countryCode = z.string().regex(/^[A-Z]{2}$/, "must be a two-letter country code, such as US, GB or IE");
const money = z.object({
  value: z.number().nonnegative("must be 0 or more"),
  currency: z.string().regex(/^[A-Z]{3}$/, "must be a three-letter currency code, such as USD, EUR or GBP"),
});
const INSURANCE_TYPES = [
  "commercial-general-liability",
  "professional-liability",
  "cyber-liability",
  "workers-compensation",
  "employers-liability",
  "automobile-liability",
  "umbrella",
  "crime-fidelity",
  "product-liability",
] as const;

/**
 * What the organisation requires of an outsourcing contract. Every field has a
 * default, so `contractPolicySchema.parse({})` is the default policy and a
 * partial policy file only states what differs.
 */
export const contractPolicySchema = z.object({
  /** ISO 3166-1 alpha-2 code of the organisation's home country. */
  homeCountry: countryCode.default("US"),
  /** Countries whose courts and law count as "at home" besides homeCountry. */
  acceptedCountries: z.array(countryCode).default([]),
  /** CT-1: a joint-ownership clause is only a warning, or a failure. */
  jointOwnership: z.enum(["warn", "fail"]).default("warn"),
  /** CT-1: the assignment must reach work done during the engagement. */
  requireAssignmentDuringEngagement: z.boolean().default(true),
  /** CT-3: missing non-compete / non-solicit. */
  requireNonCompete: z.boolean().default(true),
  requireNoSolicit: z.boolean().default(true),
  /** CT-4: who obligations must flow down to. */
  flowDownTo: z.array(z.enum(["employees", "subcontractors"])).default(["employees", "subcontractors"]),
  /**
   * CT-5: the smallest acceptable liability cap, as an amount and/or as months of fees.
   * A fixed cap is judged by the amount (in the same currency only), a fee formula by
   * the months of fees it comes to; a cap below its minimum is a warning. A cap that
   * cannot be read, a formula whose period cannot be read or that only an amount
   * minimum would judge, and a cap in another currency need review: never a pass.
   */
  minimumLiabilityCap: money.nullable().default({ value: 1_000_000, currency: "USD" }),
  minimumCapMonthsOfFees: z.number().int().positive().nullable().default(12),
  /** CT-5: IP and confidentiality breaches should sit outside the cap. */
  requireUncappedIpBreach: z.boolean().default(true),
  /** CT-6: longest acceptable notice before an audit, in days. */
  maxAuditNoticeDays: z.number().int().positive().default(30),
  /** CT-9: insurance lines required, with minimum amounts. */
  requiredInsurance: z
    .array(z.object({ type: z.enum(INSURANCE_TYPES), minimum: money.nullable().default(null) }))
    .superRefine((lines, ctx) => {
      lines.forEach((line, index) => {
        if (lines.findIndex((other) => other.type === line.type) < index)
          ctx.addIssue({
            code: "custom",
            path: [index, "type"],
            message: `lists ${line.type} a second time: keep one line per insurance type`,
          });
      });
    })
    .default([
      { type: "professional-liability", minimum: { value: 1_000_000, currency: "USD" } },
      { type: "cyber-liability", minimum: { value: 1_000_000, currency: "USD" } },
    ]),
  /** OG-1: source-code escrow required (fail) or only recommended (warn). */
  requireEscrow: z.boolean().default(false),
});

export type ContractPolicy = z.infer<typeof contractPolicySchema>;
export type ContractPolicyInput = z.input<typeof contractPolicySchema>;

/** The default policy: a US company outsourcing software work abroad. */
export const defaultContractPolicy: ContractPolicy = contractPolicySchema.parse({});
