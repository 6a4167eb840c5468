import type { ContractPolicy } from "../../../engines/contracts/contract-policy.ts";
import type { FieldError } from "../../api/api-types.ts";

export type { ContractPolicy };
export type InsuranceType = ContractPolicy["requiredInsurance"][number]["type"];
export type FlowDownTarget = ContractPolicy["flowDownTo"][number];

/** Every insurance line the policy knows (the record keeps the list complete with the engine's enum). */
export const INSURANCE_LABELS: Record<InsuranceType, string> = {
  "professional-liability": "Professional liability (errors and omissions)",
  "cyber-liability": "Cyber liability",
  "commercial-general-liability": "Commercial general liability",
  "employers-liability": "Employer's liability",
  "workers-compensation": "Workers' compensation",
  "automobile-liability": "Automobile liability",
  "product-liability": "Product liability",
  "crime-fidelity": "Crime and fidelity",
  umbrella: "Umbrella (excess liability)",
};

export const INSURANCE_TYPES = Object.keys(INSURANCE_LABELS) as InsuranceType[];

export const FLOW_DOWN_LABELS: Record<FlowDownTarget, string> = {
  employees: "Employees",
  subcontractors: "Subcontractors",
};

/** One required insurance line as typed: the amount stays text until it is sent. */
export interface InsuranceLineDraft {
  /** Stable across additions and removals, for React keys and focus. */
  key: number;
  type: InsuranceType;
  amount: string;
  currency: string;
}

/** The contract policy as the form holds it (numbers and codes as typed). */
export interface ContractPolicyDraft {
  acceptedCountries: string;
  jointOwnership: ContractPolicy["jointOwnership"];
  requireAssignmentDuringEngagement: boolean;
  requireNonCompete: boolean;
  requireNoSolicit: boolean;
  flowDownTo: FlowDownTarget[];
  capAmount: string;
  capCurrency: string;
  capMonths: string;
  requireUncappedIpBreach: boolean;
  maxAuditNoticeDays: string;
  insurance: InsuranceLineDraft[];
  requireEscrow: boolean;
}

/**
 * What the page sends to PATCH /api/settings/contract-policy: every field but
 * the home country (which belongs to the playbook settings). A number that does
 * not read as one is sent as typed, so the server names the field.
 */
export type ContractPolicyPatch = Omit<Record<keyof ContractPolicy, unknown>, "homeCountry">;

const DEFAULT_CURRENCY = "USD";

export function draftFromPolicy(policy: ContractPolicy): ContractPolicyDraft {
  return {
    acceptedCountries: policy.acceptedCountries.join(", "),
    jointOwnership: policy.jointOwnership,
    requireAssignmentDuringEngagement: policy.requireAssignmentDuringEngagement,
    requireNonCompete: policy.requireNonCompete,
    requireNoSolicit: policy.requireNoSolicit,
    flowDownTo: [...policy.flowDownTo],
    capAmount: policy.minimumLiabilityCap ? String(policy.minimumLiabilityCap.value) : "",
    capCurrency: policy.minimumLiabilityCap?.currency ?? DEFAULT_CURRENCY,
    capMonths: policy.minimumCapMonthsOfFees === null ? "" : String(policy.minimumCapMonthsOfFees),
    requireUncappedIpBreach: policy.requireUncappedIpBreach,
    maxAuditNoticeDays: String(policy.maxAuditNoticeDays),
    insurance: policy.requiredInsurance.map((line, key) => ({
      key,
      type: line.type,
      amount: line.minimum ? String(line.minimum.value) : "",
      currency: line.minimum?.currency ?? DEFAULT_CURRENCY,
    })),
    requireEscrow: policy.requireEscrow,
  };
}

/** The accepted countries typed as "gb, IE ie": upper-cased, split on commas or spaces, each once. */
export function splitCountries(text: string): string[] {
  const codes = text
    .split(/[\s,;]+/)
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
  return [...new Set(codes)];
}

export function patchFromDraft(draft: ContractPolicyDraft): ContractPolicyPatch {
  // Flow-down targets keep the engine's order whatever order they were ticked in.
  const flowDownTo = (Object.keys(FLOW_DOWN_LABELS) as FlowDownTarget[]).filter((t) =>
    draft.flowDownTo.includes(t),
  );
  return {
    acceptedCountries: splitCountries(draft.acceptedCountries),
    jointOwnership: draft.jointOwnership,
    requireAssignmentDuringEngagement: draft.requireAssignmentDuringEngagement,
    requireNonCompete: draft.requireNonCompete,
    requireNoSolicit: draft.requireNoSolicit,
    flowDownTo,
    minimumLiabilityCap: money(draft.capAmount, draft.capCurrency),
    minimumCapMonthsOfFees: draft.capMonths.trim() === "" ? null : number(draft.capMonths),
    requireUncappedIpBreach: draft.requireUncappedIpBreach,
    maxAuditNoticeDays: number(draft.maxAuditNoticeDays),
    requiredInsurance: draft.insurance.map((line) => ({
      type: line.type,
      minimum: money(line.amount, line.currency),
    })),
    requireEscrow: draft.requireEscrow,
  };
}

/** An empty amount means "no minimum"; anything else goes with its currency. */
function money(amount: string, currency: string): { value: unknown; currency: string } | null {
  if (amount.trim() === "") return null;
  return { value: number(amount), currency: currency.trim().toUpperCase() };
}

/** "30" → 30; "" or "thirty" stay text (the server refuses them by field, nothing is guessed). */
function number(text: string): number | string {
  const trimmed = text.trim();
  const value = Number(trimmed);
  return trimmed !== "" && Number.isFinite(value) ? value : trimmed;
}

/** A new insurance line: the first type not yet required, in the cap's currency. */
export function newInsuranceLine(draft: ContractPolicyDraft): InsuranceLineDraft {
  const used = new Set(draft.insurance.map((l) => l.type));
  const type = INSURANCE_TYPES.find((t) => !used.has(t)) ?? "professional-liability";
  const key = draft.insurance.reduce((max, l) => Math.max(max, l.key), -1) + 1;
  const currency = draft.capCurrency.trim().toUpperCase() || DEFAULT_CURRENCY;
  return { key, type, amount: "", currency };
}

export interface PlacedProblems {
  /** What to fix, by form field: "capCurrency", "insurance.<key>.amount", "acceptedCountries"… */
  byField: Record<string, string>;
  /** The server's field names that a form field now shows (for FormProblem). */
  placed: string[];
}

/**
 * Puts the server's refusal of a policy next to the fields it names, saying
 * what a valid value looks like (the rules of the engine's policy schema) and
 * quoting what was typed. Fields the form does not show stay unplaced.
 *
 * @example
 * placePolicyProblems(draft, [{ field: "requiredInsurance.2.minimum.currency", message: "…" }]);
 * // { byField: { "insurance.7.currency": "“usd1” is not a currency code: …" }, placed: [...] }
 */
export function placePolicyProblems(
  draft: ContractPolicyDraft,
  errors: readonly FieldError[],
): PlacedProblems {
  const byField: Record<string, string> = {};
  const placed: string[] = [];
  const place = (serverField: string, field: string, message: string) => {
    // The first problem of a field is the one shown (a list names each bad entry once).
    byField[field] ??= message;
    placed.push(serverField);
  };
  const badCountries: string[] = [];

  for (const { field, message } of errors) {
    const country = /^acceptedCountries(?:\.(\d+))?$/.exec(field);
    const line = /^requiredInsurance\.(\d+)(?:\.(type|minimum)(?:\.(value|currency))?)?$/.exec(field);
    if (country) {
      const code =
        country[1] === undefined ? undefined : splitCountries(draft.acceptedCountries)[Number(country[1])];
      if (code !== undefined) badCountries.push(code);
      placed.push(field);
    } else if (field === "minimumLiabilityCap.value" || field === "minimumLiabilityCap") {
      place(field, "capAmount", AMOUNT_FIX);
    } else if (field === "minimumLiabilityCap.currency") {
      place(field, "capCurrency", currencyFix(draft.capCurrency));
    } else if (field === "minimumCapMonthsOfFees") {
      place(
        field,
        "capMonths",
        "Enter a whole number of months, 1 or more, or leave it empty for no minimum.",
      );
    } else if (field === "maxAuditNoticeDays") {
      place(field, "maxAuditNoticeDays", "Enter a whole number of days, 1 or more.");
    } else if (line) {
      const drafted = draft.insurance[Number(line[1])];
      if (!drafted) continue;
      if (line[3] === "currency")
        place(field, `insurance.${drafted.key}.currency`, currencyFix(drafted.currency));
      else if (line[2] === "minimum") place(field, `insurance.${drafted.key}.amount`, AMOUNT_FIX);
      else place(field, `insurance.${drafted.key}.type`, message);
    } else if (FIELD_NAMES.has(field)) {
      place(field, field, message);
    }
  }
  if (placed.some((f) => f.startsWith("acceptedCountries"))) {
    byField.acceptedCountries =
      badCountries.length > 0
        ? `${badCountries.map((c) => `“${c}”`).join(", ")} ${badCountries.length === 1 ? "is not a country code" : "are not country codes"}: use two letters per country, such as GB or IE, separated by commas.`
        : "Use two letters per country, such as GB or IE, separated by commas.";
  }
  return { byField, placed };
}

const AMOUNT_FIX =
  "Enter an amount in figures, 0 or more (such as 1000000), or leave it empty for no minimum.";

function currencyFix(typed: string): string {
  const shown = typed.trim();
  return `${shown ? `“${shown}” is not a currency code: use` : "Enter"} three letters, such as USD, EUR or GBP.`;
}

/** Fields that keep the server's own message (choices and switches: nothing to type wrong). */
const FIELD_NAMES = new Set([
  "jointOwnership",
  "requireAssignmentDuringEngagement",
  "requireNonCompete",
  "requireNoSolicit",
  "flowDownTo",
  "requireUncappedIpBreach",
  "requireEscrow",
]);
