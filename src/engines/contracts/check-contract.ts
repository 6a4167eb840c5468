import type { ClauseType, ContractControl } from "./clause-types.ts";
import type { ContractPolicy } from "./contract-policy.ts";
import type { DetectedClause } from "./detect-clauses.ts";
import type { ContractTerms } from "./extract-terms.ts";
import type { Money } from "./parse-amounts.ts";

export interface ContractCheck {
  control: ContractControl;
  status: "pass" | "fail" | "warn";
  reason: string;
  /** Indexes into the analysis's `clauses`. */
  clauseRefs: number[];
}

export interface CheckInput {
  clauses: DetectedClause[];
  terms: ContractTerms;
  /**
   * Whether an arbitral award seated in `country` (ISO code) can be enforced in
   * the vendor's country. Default: any named seat is taken to satisfy the New
   * York Convention.
   */
  isEnforceableSeat?: (country: string) => boolean;
}

const money = (m: Pick<Money, "value" | "currency">) => `${m.currency} ${m.value.toLocaleString("en-US")}`;

/**
 * Judges an analysed contract against the organisation's contract policy, one
 * check per control (CT-1..CT-10, OG-1). Pure: same input, same checks.
 *
 * @example
 * const analysis = analyzeContract(text);
 * const checks = checkContract(analysis, defaultContractPolicy);
 * checks.find((c) => c.control === "CT-4"); // { status: "fail", reason: "No clause binds …", … }
 */
export function checkContract(input: CheckInput, policy: ContractPolicy): ContractCheck[] {
  const { clauses, terms } = input;
  const refs = (...types: ClauseType[]) => clauses.flatMap((c, i) => (types.includes(c.type) ? [i] : []));
  const has = (type: ClauseType) => refs(type).length > 0;
  const checks: ContractCheck[] = [];
  const add = (
    control: ContractControl,
    status: ContractCheck["status"],
    reason: string,
    clauseRefs: number[],
  ) => checks.push({ control, status, reason, clauseRefs });
  const home = new Set([policy.homeCountry, ...policy.acceptedCountries]);

  // CT-1 IP ownership
  {
    const r = refs("ip-assignment", "joint-ip-ownership", "license-grant");
    const ip = terms.ipAssignment;
    if (!has("ip-assignment")) {
      add(
        "CT-1",
        "fail",
        has("license-grant")
          ? "Only a licence is granted: no clause assigns the IP in the work to us (work for hire / assignment)."
          : "No clause assigns the IP in the work to us (work for hire / assignment of all IP produced).",
        r,
      );
    } else if (has("joint-ip-ownership")) {
      add(
        "CT-1",
        policy.jointOwnership,
        "A clause makes IP jointly owned with the vendor; joint owners can exploit it alone in many jurisdictions.",
        r,
      );
    } else if (policy.requireAssignmentDuringEngagement && ip && !ip.coversDuringEngagement) {
      add(
        "CT-1",
        "warn",
        "The IP assignment does not clearly cover everything produced during the engagement.",
        r,
      );
    } else {
      const pre =
        ip?.preExistingIp === "not-addressed"
          ? " Pre-existing vendor IP is not addressed."
          : ip
            ? ` Pre-existing vendor IP: ${ip.preExistingIp}.`
            : "";
      add(
        "CT-1",
        "pass",
        `IP produced under the contract is assigned to us${ip?.workForHire ? " (work for hire)" : ""}.${pre}`,
        r,
      );
    }
  }

  // CT-2 Confidentiality
  if (has("confidentiality"))
    add("CT-2", "pass", "A confidentiality (non-disclosure) clause is present.", refs("confidentiality"));
  else
    add(
      "CT-2",
      "fail",
      "No confidentiality clause: nothing stops the vendor disclosing our information.",
      [],
    );

  // CT-3 Non-compete and non-solicit
  {
    const missing: string[] = [];
    if (policy.requireNonCompete && !has("non-compete")) missing.push("non-compete");
    if (policy.requireNoSolicit && !has("no-solicit-employees")) missing.push("non-solicitation of staff");
    const r = refs("non-compete", "no-solicit-employees");
    const duration = terms.nonCompete?.durationMonths;
    if (missing.length === 0) {
      add(
        "CT-3",
        "pass",
        `Non-compete${duration ? ` (${duration} months)` : ""} and non-solicit clauses are present.`,
        r,
      );
    } else if (r.length > 0) {
      add("CT-3", "warn", `Missing: ${missing.join(" and ")}.`, r);
    } else {
      add("CT-3", "fail", `Missing: ${missing.join(" and ")}.`, r);
    }
  }

  // CT-4 Flow-down
  {
    const fd = terms.flowDown;
    const covered = policy.flowDownTo.filter((who) => fd[who]);
    const missing = policy.flowDownTo.filter((who) => !fd[who]);
    if (fd.clauses.length === 0) {
      add(
        "CT-4",
        "fail",
        "No clause binds the vendor's employees and subcontractors to the confidentiality and IP obligations.",
        [],
      );
    } else if (missing.length > 0) {
      add(
        "CT-4",
        covered.length > 0 ? "warn" : "fail",
        `Obligations do not flow down to the vendor's ${missing.join(" and ")}.`,
        fd.clauses,
      );
    } else {
      add("CT-4", "pass", `Obligations flow down to the vendor's ${covered.join(" and ")}.`, fd.clauses);
    }
  }

  // CT-5 Liability and penalties
  {
    const r = refs("cap-on-liability", "uncapped-liability", "liquidated-damages", "indemnification");
    const cap = terms.liabilityCap;
    const problems: string[] = [];
    if (!has("indemnification") && !has("liquidated-damages") && !has("uncapped-liability")) {
      add(
        "CT-5",
        "fail",
        "No indemnity, liquidated damages or uncapped liability: losses from IP loss or breach may not be recoverable.",
        r,
      );
    } else {
      if (cap) {
        const min = policy.minimumLiabilityCap;
        if (cap.amount && min && cap.amount.currency === min.currency && cap.amount.value < min.value) {
          problems.push(
            `the liability cap (${money(cap.amount)}) is below the policy minimum (${money(min)})`,
          );
        }
        if (
          cap.monthsOfFees !== null &&
          policy.minimumCapMonthsOfFees !== null &&
          cap.monthsOfFees < policy.minimumCapMonthsOfFees
        ) {
          problems.push(
            `the cap is ${cap.monthsOfFees} months of fees, below the policy's ${policy.minimumCapMonthsOfFees}`,
          );
        }
        if (policy.requireUncappedIpBreach && !has("uncapped-liability")) {
          problems.push("the cap has no carve-out for IP infringement or confidentiality breaches");
        }
      }
      if (problems.length > 0) add("CT-5", "warn", `${capitalise(problems.join("; "))}.`, r);
      else {
        const parts = [
          has("indemnification") ? "an indemnity" : null,
          has("liquidated-damages") ? "liquidated damages" : null,
          cap
            ? `a cap${cap.amount ? ` of ${money(cap.amount)}` : cap.formula ? ` (${cap.formula})` : ""}`
            : "no cap",
          has("uncapped-liability") ? "uncapped carve-outs" : null,
        ].filter(Boolean);
        add("CT-5", "pass", `Liability: ${parts.join(", ")}.`, r);
      }
    }
  }

  // CT-6 Audit
  {
    const r = refs("audit-rights");
    const audit = terms.audit;
    if (r.length === 0) add("CT-6", "fail", "No right to inspect or audit the vendor.", []);
    else if (audit?.noticeDays != null && audit.noticeDays > policy.maxAuditNoticeDays) {
      add(
        "CT-6",
        "warn",
        `Audits need ${audit.noticeDays} days' notice, more than the policy's ${policy.maxAuditNoticeDays}.`,
        r,
      );
    } else {
      const detail = [
        audit?.noticeDays != null
          ? `${audit.noticeDays} days' notice`
          : audit?.reasonableNotice
            ? "reasonable notice"
            : null,
        audit?.frequency ?? null,
      ].filter(Boolean);
      add("CT-6", "pass", `A right to audit is present${detail.length ? ` (${detail.join(", ")})` : ""}.`, r);
    }
  }

  // CT-7 Security
  if (has("security-requirements"))
    add("CT-7", "pass", "Security requirements are spelled out.", refs("security-requirements"));
  else
    add(
      "CT-7",
      "fail",
      "No security requirements (measures, standards, breach notification) are spelled out.",
      [],
    );

  // CT-8 Governing law and venue
  {
    const r = refs("governing-law", "venue");
    const law = terms.governingLaw;
    const court = terms.venue;
    const arb = terms.arbitration;
    const enforceable = input.isEnforceableSeat ?? (() => true);
    const forum = court ?? law;
    if (!law && !court && !arb.chosen) {
      add("CT-8", "fail", "The contract names no governing law, courts or arbitration.", r);
    } else if (arb.chosen) {
      if (!arb.seat) add("CT-8", "warn", "Arbitration is chosen but its seat is not named.", r);
      else if (home.has(arb.seat.country) || enforceable(arb.seat.country)) {
        add(
          "CT-8",
          "pass",
          `Disputes go to arbitration seated in ${arb.seat.name}${arb.rules ? ` (${arb.rules})` : ""}, enforceable in the vendor's country.`,
          r,
        );
      } else {
        add(
          "CT-8",
          "fail",
          `Arbitration is seated in ${arb.seat.name}, whose awards may not be enforceable in the vendor's country.`,
          r,
        );
      }
    } else if (forum && !home.has(forum.country)) {
      add(
        "CT-8",
        "fail",
        `Disputes go to ${forum.name} (${forum.country}), abroad, without arbitration enforceable in the vendor's country.`,
        r,
      );
    } else if (forum) {
      const lawAbroad = law && !home.has(law.country) ? ` but the governing law is ${law.name}'s` : "";
      add(
        "CT-8",
        lawAbroad ? "warn" : "pass",
        `Disputes are decided at home (${forum.name})${lawAbroad}.`,
        r,
      );
    } else {
      add(
        "CT-8",
        "warn",
        "A governing-law or venue clause is present but names no jurisdiction Warden recognises.",
        r,
      );
    }
  }

  // CT-9 Insurance
  {
    const r = refs("insurance");
    if (r.length === 0) add("CT-9", "fail", "No obligation for the vendor to carry insurance.", []);
    else {
      const problems: string[] = [];
      for (const need of policy.requiredInsurance) {
        const got = terms.insurance.find((i) => i.type === need.type);
        if (!got) problems.push(`no ${need.type} insurance`);
        else if (
          need.minimum &&
          got.minimum &&
          got.minimum.currency === need.minimum.currency &&
          got.minimum.value < need.minimum.value
        ) {
          problems.push(`${need.type} of ${money(got.minimum)} is below ${money(need.minimum)}`);
        }
      }
      if (problems.length > 0)
        add("CT-9", "warn", `Insurance clause present, but ${problems.join("; ")}.`, r);
      else
        add(
          "CT-9",
          "pass",
          `Insurance required: ${terms.insurance.map((i) => (i.minimum ? `${i.type} ${money(i.minimum)}` : i.type)).join(", ") || "as stated"}.`,
          r,
        );
    }
  }

  // CT-10 Termination
  {
    const r = refs("termination-for-convenience", "post-termination-services", "return-or-destroy");
    const missing = [
      has("return-or-destroy") ? null : "return or destruction of our information",
      has("post-termination-services") ? null : "hand-over / transition assistance",
      has("termination-for-convenience") ? null : "termination for convenience",
    ].filter((m): m is string => m !== null);
    if (!has("return-or-destroy"))
      add("CT-10", "fail", `Termination procedure missing: ${missing.join(", ")}.`, r);
    else if (missing.length > 0)
      add("CT-10", "warn", `Termination procedure incomplete: no ${missing.join(", no ")}.`, r);
    else
      add(
        "CT-10",
        "pass",
        "Termination for convenience, return or destruction of information and hand-over are covered.",
        r,
      );
  }

  // OG-1 Custody (escrow)
  if (has("source-code-escrow"))
    add("OG-1", "pass", "Source code is deposited in escrow.", refs("source-code-escrow"));
  else
    add(
      "OG-1",
      policy.requireEscrow ? "fail" : "warn",
      "No source-code escrow: custody rests on mirroring the vendor's repositories.",
      [],
    );

  return checks;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
