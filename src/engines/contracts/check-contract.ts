import type { ClauseType, ContractControl } from "./clause-types.ts";
import type { ContractPolicy } from "./contract-policy.ts";
import type { DetectedClause } from "./detect-clauses.ts";
import type { ContractTerms } from "./extract-terms.ts";
import type { CapCarveOuts, CarveOut, LiabilityCap } from "./liability-cap.ts";
import type { Money } from "./parse-amounts.ts";

/**
 * How a control fares against the contract. "needs_review": a term the policy
 * judges could not be read (or compared), so the check can neither pass nor
 * fail it; `unread` says what, with the words tried. Unknown is never a pass.
 */
export type ContractCheckStatus = "pass" | "fail" | "warn" | "needs_review";

export interface ContractCheck {
  control: ContractControl;
  status: ContractCheckStatus;
  reason: string;
  /** Indexes into the analysis's `clauses`. */
  clauseRefs: number[];
  /** What could not be read, with the text Warden tried (status "needs_review"). */
  unread?: Array<{ term: string; text: string }>;
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
    unread?: ContractCheck["unread"],
  ) => checks.push({ control, status, reason, clauseRefs, ...(unread?.length ? { unread } : {}) });
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
    if (!has("indemnification") && !has("liquidated-damages") && !has("uncapped-liability")) {
      add(
        "CT-5",
        "fail",
        "No indemnity, liquidated damages or uncapped liability: losses from IP loss or breach may not be recoverable.",
        r,
      );
    } else {
      const judged = cap ? judgeCap(cap, policy) : null;
      const parts = [
        has("indemnification") ? "an indemnity" : null,
        has("liquidated-damages") ? "liquidated damages" : null,
        cap ? describeCap(cap) : "no cap",
      ].filter(Boolean);
      const summary = `Liability: ${parts.join(", ")}.${cap && cap.basis !== "unread" ? ` ${describeCarveOuts(cap.carveOuts)}` : ""}`;
      if (judged && judged.unread.length > 0) {
        add(
          "CT-5",
          "needs_review",
          `Needs review: ${[...judged.unread.map((u) => u.why), ...judged.problems].join("; ")}. ${summary}`,
          r,
          judged.unread.map((u) => ({ term: u.term, text: u.text })),
        );
      } else if (judged && judged.problems.length > 0) {
        add("CT-5", "warn", `${capitalise(judged.problems.join("; "))}. ${summary}`, r);
      } else {
        add("CT-5", "pass", summary, r);
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
    } else if (audit?.noticeDays == null && audit?.unreadNotice) {
      add(
        "CT-6",
        "needs_review",
        `Needs review: the notice an audit needs could not be read in "${audit.unreadNotice}", so it cannot be compared with the policy's ${policy.maxAuditNoticeDays} days.`,
        r,
        [{ term: "audit notice", text: audit.unreadNotice }],
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
    if (!law && !court && !arb.chosen && r.length === 0) {
      add("CT-8", "fail", "The contract names no governing law, courts or arbitration.", r);
    } else if (!law && !court && !arb.chosen) {
      // A law or venue clause whose place Warden could not read: unknown, not "none".
      const text = excerpt(clauses[r[0] ?? -1]?.text ?? "");
      add(
        "CT-8",
        "needs_review",
        `Needs review: a governing-law or venue clause is present but names no jurisdiction Warden recognises: "${text}".`,
        r,
        [{ term: "jurisdiction", text }],
      );
    } else if (arb.chosen) {
      if (!arb.seat) {
        const text = excerpt(clauses[arb.clause ?? -1]?.text ?? "");
        add(
          "CT-8",
          "needs_review",
          `Needs review: arbitration is chosen but Warden could not find its seat in "${text}", so whether its awards are enforceable in the vendor's country is not known.`,
          r,
          [{ term: "arbitration seat", text }],
        );
      } else if (home.has(arb.seat.country) || enforceable(arb.seat.country)) {
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
    }
  }

  // CT-9 Insurance
  {
    const r = refs("insurance");
    if (r.length === 0) add("CT-9", "fail", "No obligation for the vendor to carry insurance.", []);
    else {
      const problems: string[] = [];
      const unread: Array<{ term: string; text: string; why: string }> = [];
      for (const need of policy.requiredInsurance) {
        const got = terms.insurance.find((i) => i.type === need.type);
        if (!got) problems.push(`no ${need.type} insurance`);
        else if (need.minimum && !got.minimum && got.unreadMinimum) {
          unread.push({
            term: `${need.type} minimum`,
            text: got.unreadMinimum,
            why: `the ${need.type} minimum could not be read in "${got.unreadMinimum}", so it cannot be compared with ${money(need.minimum)}`,
          });
        } else if (need.minimum && !got.minimum) {
          problems.push(`no minimum is stated for ${need.type} (the policy requires ${money(need.minimum)})`);
        } else if (need.minimum && got.minimum && got.minimum.currency !== need.minimum.currency) {
          unread.push({
            term: `${need.type} minimum`,
            text: got.minimum.text,
            why: `${need.type} of ${money(got.minimum)} cannot be compared with ${money(need.minimum)} (another currency)`,
          });
        } else if (need.minimum && got.minimum && got.minimum.value < need.minimum.value) {
          problems.push(`${need.type} of ${money(got.minimum)} is below ${money(need.minimum)}`);
        }
      }
      if (unread.length > 0)
        add(
          "CT-9",
          "needs_review",
          `Needs review: ${[...unread.map((u) => u.why), ...problems].join("; ")}.`,
          r,
          unread.map(({ term, text }) => ({ term, text })),
        );
      else if (problems.length > 0)
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

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 240 ? `${flat.slice(0, 239)}…` : flat;
}

type Verdict = "meets" | "below" | "unknown";

/**
 * The cap against the policy's minimums: what is below them (warnings) and
 * what could not be read or compared (needs review). A fixed amount is judged
 * by the minimum amount (same currency only), a fee formula by the minimum
 * months of fees (its period times its multiple); a formula that no minimum
 * can judge, or a period that could not be read, is unknown, never met.
 */
function judgeCap(
  cap: LiabilityCap,
  policy: ContractPolicy,
): { problems: string[]; unread: Array<{ term: string; text: string; why: string }> } {
  const problems: string[] = [];
  const unread: Array<{ term: string; text: string; why: string }> = [];
  const minAmount = policy.minimumLiabilityCap;
  const minMonths = policy.minimumCapMonthsOfFees;
  const amountVerdict = (): { verdict: Verdict; why: string } => {
    const amount = cap.amount as Money;
    if (!minAmount) return { verdict: "meets", why: "" };
    if (amount.currency !== minAmount.currency)
      return {
        verdict: "unknown",
        why: `the cap of ${money(amount)} cannot be compared with the policy minimum of ${money(minAmount)} (another currency)`,
      };
    return amount.value < minAmount.value
      ? {
          verdict: "below",
          why: `the liability cap (${money(amount)}) is below the policy minimum (${money(minAmount)})`,
        }
      : { verdict: "meets", why: "" };
  };
  const feesVerdict = (): { verdict: Verdict; why: string } => {
    const formula = `"${cap.formula ?? cap.text}"`;
    if (minMonths === null) {
      return minAmount
        ? {
            verdict: "unknown",
            why: `the cap is a formula of the fees (${formula}) whose value cannot be compared with the policy minimum of ${money(minAmount)}`,
          }
        : { verdict: "meets", why: "" };
    }
    if (cap.monthsOfFees === null)
      return {
        verdict: "unknown",
        why: `the cap is a formula of the fees (${formula}) whose period could not be read, so it cannot be compared with the policy's ${minMonths} months of fees`,
      };
    const months = Math.round(cap.monthsOfFees * (cap.multipleOfFees ?? 1) * 10) / 10;
    return months < minMonths
      ? {
          verdict: "below",
          why: `the cap is ${months} months of fees${cap.multipleOfFees && cap.multipleOfFees !== 1 ? ` (${cap.multipleOfFees} × ${cap.monthsOfFees} months)` : ""}, below the policy's ${minMonths}`,
        }
      : { verdict: "meets", why: "" };
  };
  const record = (v: { verdict: Verdict; why: string }, term: string) => {
    if (v.verdict === "below") problems.push(v.why);
    if (v.verdict === "unknown") unread.push({ term, text: cap.text, why: v.why });
  };
  switch (cap.basis) {
    case "unread":
      unread.push({
        term: "liability cap",
        text: cap.text,
        why: `the liability cap could not be read (${cap.problem ?? "no amount"}) in "${cap.text}"`,
      });
      break;
    case "amount":
      record(amountVerdict(), "liability cap");
      break;
    case "fees":
      record(feesVerdict(), "liability cap formula");
      break;
    case "greater-of":
    case "lesser-of": {
      const sides = [amountVerdict(), feesVerdict()];
      const greater = cap.basis === "greater-of";
      const verdicts = sides.map((v) => v.verdict);
      // The greater of two limits meets the policy if either does; the lesser only if both do.
      const overall: Verdict = greater
        ? verdicts.includes("meets")
          ? "meets"
          : verdicts.includes("unknown")
            ? "unknown"
            : "below"
        : verdicts.includes("below")
          ? "below"
          : verdicts.includes("unknown")
            ? "unknown"
            : "meets";
      const why = sides
        .filter((v) => v.verdict === overall)
        .map((v) => v.why)
        .join("; ");
      record(
        { verdict: overall, why: `the cap is the ${greater ? "greater" : "lesser"} of two limits: ${why}` },
        "liability cap",
      );
      break;
    }
    case "exclusion-only":
      break;
  }
  for (const other of cap.otherUnread)
    unread.push({
      term: "liability cap",
      text: other.text,
      why: `another cap could not be read (${other.problem}) in "${other.text}"`,
    });
  if (policy.requireUncappedIpBreach) {
    const o = cap.carveOuts;
    const capped = [
      o.ipInfringement === "capped" ? "IP infringement" : null,
      o.confidentiality === "capped" ? "confidentiality breaches" : null,
    ].filter((x): x is string => x !== null);
    if (capped.length > 0) {
      if (o.unresolved.length > 0)
        unread.push({
          term: "carve-out",
          text: o.texts.join(" | ") || cap.text,
          why: `a carve-out names ${o.unresolved.map((s) => `section ${s}`).join(", ")}, which Warden could not find, so whether ${capped.join(" and ")} ${capped.length > 1 ? "are" : "is"} outside the cap is not known`,
        });
      else
        problems.push(
          `${cap.basis === "exclusion-only" ? "the limitation of liability" : "the cap"} also covers ${capped.join(" and ")}: losses from ${capped.length > 1 ? "them" : "it"} are limited with no carve-out`,
        );
    }
  }
  return { problems, unread };
}

function describeCap(cap: LiabilityCap): string {
  switch (cap.basis) {
    case "amount":
      return `a cap of ${money(cap.amount as Money)}`;
    case "fees":
      return `a cap of ${cap.formula ?? "a formula of the fees"}`;
    case "greater-of":
    case "lesser-of":
      return `a cap of the ${cap.basis === "greater-of" ? "greater" : "lesser"} of ${money(cap.amount as Money)} and ${cap.formula ?? "the fees"}`;
    case "exclusion-only":
      return "an exclusion of some kinds of damages (no amount cap)";
    case "unread":
      return "a cap Warden could not read";
  }
}

const CARVE_OUT_LABELS: Array<[keyof Omit<CapCarveOuts, "others" | "unresolved" | "texts">, string]> = [
  ["ipInfringement", "IP infringement"],
  ["confidentiality", "confidentiality breaches"],
  ["dataBreach", "data breaches"],
  ["indemnities", "indemnities"],
];

/** "Outside the cap: …; IP infringement through the uncapped indemnity. Under the cap: data breaches." */
function describeCarveOuts(o: CapCarveOuts): string {
  const where = (state: CarveOut) => CARVE_OUT_LABELS.filter(([k]) => o[k] === state).map(([, l]) => l);
  const outside = [...where("excluded"), ...o.others];
  const through = where("through-indemnity");
  const inside = where("capped");
  const parts = [
    outside.length > 0 || through.length > 0
      ? `Outside the cap: ${[...outside, ...through.map((l) => `${l} (through the uncapped indemnity)`)].join(", ")}.`
      : "Nothing is carved out of the cap.",
    inside.length > 0 ? `Under the cap: ${inside.join(", ")}.` : null,
  ];
  return parts.filter(Boolean).join(" ");
}
