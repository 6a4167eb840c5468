import { formatCountry } from "../../components/format-country.ts";
import { formatMoney } from "../../components/format-money.ts";
import { type ContractPolicy, INSURANCE_LABELS } from "./contract-policy-draft.ts";

/** The contract controls the policy tunes, in the order the page shows them. */
export const POLICY_CONTROLS = ["CT-1", "CT-3", "CT-4", "CT-5", "CT-6", "CT-8", "CT-9", "OG-1"] as const;
export type PolicyControl = (typeof POLICY_CONTROLS)[number];

const and = new Intl.ListFormat("en", { type: "conjunction" });
const or = new Intl.ListFormat("en", { type: "disjunction" });

/**
 * The policy in plain words, one paragraph per control, saying what a contract
 * needs and what the check reports when it falls short (as the contract engine
 * judges it).
 *
 * @example
 * policyInWords(policy)["CT-6"]; // "An audit may need at most 30 days' notice; a longer notice is a warning."
 */
export function policyInWords(policy: ContractPolicy): Record<PolicyControl, string> {
  return {
    "CT-1": [
      "A clause must assign us the IP in the work.",
      `IP owned jointly with the vendor ${policy.jointOwnership === "fail" ? "fails the check" : "is a warning"}.`,
      policy.requireAssignmentDuringEngagement
        ? "An assignment that does not clearly cover everything produced during the engagement is a warning."
        : "The assignment need not say that it covers everything produced during the engagement.",
    ].join(" "),
    "CT-3": nonCompeteWords(policy),
    "CT-4":
      policy.flowDownTo.length > 0
        ? `Confidentiality and IP obligations must flow down to the vendor's ${and.format(policy.flowDownTo)}.`
        : "Any flow-down clause will do: no group of the vendor's people is required.",
    "CT-5": liabilityWords(policy),
    "CT-6": `An audit may need at most ${days(policy.maxAuditNoticeDays)} notice; a longer notice is a warning.`,
    "CT-8": [
      `Courts and governing law count as at home in ${and.format([policy.homeCountry, ...policy.acceptedCountries].map(formatCountry))}.`,
      "Courts elsewhere fail the check unless disputes go to arbitration whose awards are enforceable in the vendor's country; a governing law from elsewhere is a warning.",
    ].join(" "),
    "CT-9": insuranceWords(policy),
    "OG-1": policy.requireEscrow
      ? "A contract without source-code escrow fails the check."
      : "Source-code escrow is recommended: a contract without it gets a warning.",
  };
}

function nonCompeteWords(policy: ContractPolicy): string {
  const required = [
    policy.requireNonCompete ? "a non-compete clause" : null,
    policy.requireNoSolicit ? "a clause against soliciting our staff" : null,
  ].filter((r): r is string => r !== null);
  if (required.length === 0) return "Neither a non-compete nor a non-solicitation clause is required.";
  const missing = required.length === 2 ? "Missing both fails the check; missing one is a warning." : "";
  return `The contract must have ${and.format(required)}. ${missing}`.trim();
}

function liabilityWords(policy: ContractPolicy): string {
  const below = [
    policy.minimumLiabilityCap
      ? `below ${formatMoney(policy.minimumLiabilityCap.value, policy.minimumLiabilityCap.currency)}`
      : null,
    policy.minimumCapMonthsOfFees !== null ? `below ${months(policy.minimumCapMonthsOfFees)} of fees` : null,
  ].filter((b): b is string => b !== null);
  const carveOut = "a cap that does not leave IP and confidentiality breaches outside it";
  if (below.length === 0) {
    return `There is no minimum liability cap. ${
      policy.requireUncappedIpBreach
        ? `But ${carveOut} is a warning.`
        : "The cap need not leave IP and confidentiality breaches outside it."
    }`;
  }
  const currencyNote = policy.minimumLiabilityCap ? " (a cap in another currency is not compared)" : "";
  return [
    `A liability cap ${or.format(below)} is a warning${currencyNote}.`,
    policy.requireUncappedIpBreach
      ? `So is ${carveOut}.`
      : "The cap need not leave IP and confidentiality breaches outside it.",
  ].join(" ");
}

function insuranceWords(policy: ContractPolicy): string {
  if (policy.requiredInsurance.length === 0) {
    return "No particular insurance line is required, but the contract must still oblige the vendor to carry insurance.";
  }
  const lines = policy.requiredInsurance.map(
    (line) =>
      `${INSURANCE_LABELS[line.type].toLowerCase()} ${line.minimum ? `of at least ${formatMoney(line.minimum.value, line.minimum.currency)}` : "(any amount)"}`,
  );
  return `The vendor must carry ${and.format(lines)}. A missing line, or a lower minimum in the same currency, is a warning.`;
}

function days(n: number): string {
  return n === 1 ? "1 day's" : `${n} days'`;
}

function months(n: number): string {
  return n === 1 ? "1 month" : `${n} months`;
}
