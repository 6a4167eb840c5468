import type { ClauseType } from "./clause-types.ts";
import type { DetectedClause } from "./detect-clauses.ts";
import { findJurisdiction, type Jurisdiction } from "./jurisdiction-names.ts";
import { type LiabilityCap, readLiabilityCap } from "./liability-cap.ts";
import { findDurations, findMoney, type Money, toDays, toMonths } from "./parse-amounts.ts";

export interface ContractTerms {
  governingLaw: (Jurisdiction & { clause: number }) | null;
  venue: (Jurisdiction & { exclusive: boolean; clause: number }) | null;
  arbitration: {
    chosen: boolean;
    seat: Jurisdiction | null;
    rules: string | null;
    clause: number | null;
  };
  /** The liability cap: amount or formula, carve-outs, or the words tried when it could not be read. */
  liabilityCap: LiabilityCap | null;
  insurance: Array<{
    type: InsuranceType;
    minimum: Money | null;
    /** The sentence that names the cover, when it has a figure Warden could not read as its minimum. */
    unreadMinimum: string | null;
    clause: number;
  }>;
  audit: {
    noticeDays: number | null;
    /** Notice wording with a period Warden could not read ("upon a fortnight's notice"). */
    unreadNotice: string | null;
    reasonableNotice: boolean;
    /** Audits allowed per year; null when unlimited or not stated. */
    perYear: number | null;
    frequency: string | null;
    clause: number;
  } | null;
  nonCompete: { durationMonths: number | null; duringTerm: boolean; clause: number } | null;
  ipAssignment: {
    coversDuringEngagement: boolean;
    workForHire: boolean;
    /** How the vendor's pre-existing IP is treated. */
    preExistingIp: "assigned" | "licensed" | "retained" | "mentioned" | "not-addressed";
    clause: number;
  } | null;
  flowDown: {
    employees: boolean;
    subcontractors: boolean;
    confidentiality: boolean;
    ip: boolean;
    clauses: number[];
  };
}

export type InsuranceType =
  | "commercial-general-liability"
  | "professional-liability"
  | "cyber-liability"
  | "workers-compensation"
  | "employers-liability"
  | "automobile-liability"
  | "umbrella"
  | "crime-fidelity"
  | "product-liability";

const INSURANCE_PATTERNS: Array<[InsuranceType, RegExp]> = [
  [
    "professional-liability",
    /professional\s+(?:liability|indemnity)|errors\s+(?:and|&)\s+omissions|\bE&O\b/gi,
  ],
  [
    "cyber-liability",
    /cyber(?:\s+(?:liability|security|risk))?|network\s+security\s+and\s+privacy|privacy\s+liability/gi,
  ],
  [
    "commercial-general-liability",
    /(?:commercial\s+)?general\s+(?:third[- ]party\s+)?liability|public\s+liability/gi,
  ],
  ["workers-compensation", /workers['’]?\s+compensation|workmen['’]?s\s+compensation/gi],
  ["employers-liability", /employer['’]?s['’]?\s+liability/gi],
  ["automobile-liability", /auto(?:mobile)?\s+liability|motor\s+vehicle/gi],
  ["umbrella", /umbrella|excess\s+liability/gi],
  ["crime-fidelity", /\bcrime\b|fidelity|employee\s+dishonesty/gi],
  ["product-liability", /products?\s+liability/gi],
];

const ARBITRATION_RULES: Array<[string, RegExp]> = [
  ["ICC", /\bICC\b|International\s+Chamber\s+of\s+Commerce/],
  ["LCIA", /\bLCIA\b|London\s+Court\s+of\s+International\s+Arbitration/],
  ["SIAC", /\bSIAC\b|Singapore\s+International\s+Arbitration\s+Centre/],
  ["HKIAC", /\bHKIAC\b/],
  ["ICDR", /\bICDR\b|International\s+Centre\s+for\s+Dispute\s+Resolution/],
  ["AAA", /\bAAA\b|American\s+Arbitration\s+Association/],
  ["JAMS", /\bJAMS\b/],
  ["UNCITRAL", /\bUNCITRAL\b/],
  ["Arbitration and Conciliation Act 1996 (India)", /Arbitration\s+and\s+Conciliation\s+Act/i],
  ["Arbitration Act 1996 (England)", /Arbitration\s+Act\s+1996/],
];

/**
 * Reads the key terms out of the detected clauses: jurisdictions, arbitration,
 * the liability cap, insurance minimums, audit notice and frequency, the
 * non-compete's length, the reach of the IP assignment, and flow-down.
 * `clause` fields index into the `clauses` array.
 */
export function extractTerms(clauses: DetectedClause[], source = ""): ContractTerms {
  const of = (type: ClauseType) => clauses.flatMap((c, i) => (c.type === type ? [{ c, i }] : []));
  const text = source || clauses.map((c) => c.text).join("\n");
  const defined = definitions(text);
  return {
    governingLaw: governingLaw(of("governing-law")),
    venue: venue(of("venue")),
    arbitration: arbitration([...of("venue"), ...of("governing-law")]),
    liabilityCap: readLiabilityCap(of("cap-on-liability"), of("uncapped-liability"), {
      clauses,
      source: text,
      definitions: defined,
    }),
    insurance: insurance(of("insurance")),
    audit: audit(of("audit-rights")),
    nonCompete: nonCompete(of("non-compete")),
    ipAssignment: ipAssignment(of("ip-assignment"), text),
    flowDown: flowDown(clauses, defined),
  };
}

type Ref = { c: DetectedClause; i: number };

function governingLaw(refs: Ref[]): ContractTerms["governingLaw"] {
  for (const { c, i } of refs) {
    const anchor = /laws?\s+(?:of|in\s+force\s+in)\s+/i.exec(c.text);
    const window = anchor ? c.text.slice(anchor.index, anchor.index + 140) : c.text;
    const place = findJurisdiction(window);
    if (place) return { ...place, clause: i };
  }
  return null;
}

function venue(refs: Ref[]): ContractTerms["venue"] {
  for (const { c, i } of refs) {
    const anchor =
      /(?:courts?|tribunals?)\s+(?:of|in|at|located\s+in|sitting\s+in|situated\s+in|having\s+jurisdiction\s+(?:in|over))\s+|jurisdiction\s+of\s+(?:the\s+)?|venue\s+(?:shall\s+be|for\s+any)\s+/i.exec(
        c.text,
      );
    if (!anchor) continue;
    const place = findJurisdiction(c.text.slice(anchor.index, anchor.index + 160));
    if (place) {
      return {
        ...place,
        exclusive: /\bexclusive(?:ly)?\b/i.test(c.text) && !/non-exclusive/i.test(c.text),
        clause: i,
      };
    }
  }
  return null;
}

function arbitration(refs: Ref[]): ContractTerms["arbitration"] {
  for (const { c, i } of refs) {
    if (!/\barbitrat(?:ion|or|ors|al)\b/i.test(c.text)) continue;
    // "shall not be subject to arbitration" and similar are not a choice of arbitration.
    if (/(?:not|no)\s+(?:be\s+)?(?:subject\s+to|submitted\s+to|resolved\s+by)\s+arbitration/i.test(c.text))
      continue;
    const seatAnchor =
      /(?:seat|place|venue|location)\s+of\s+(?:the\s+)?arbitration|arbitration\s+shall\s+(?:be\s+)?(?:held|conducted|take\s+place|seated)|seated\s+in|held\s+in|conducted\s+in/i.exec(
        c.text,
      );
    const seat = seatAnchor ? findJurisdiction(c.text.slice(seatAnchor.index, seatAnchor.index + 160)) : null;
    const rules = ARBITRATION_RULES.find(([, re]) => re.test(c.text))?.[0] ?? null;
    return { chosen: true, seat, rules, clause: i };
  }
  return { chosen: false, seat: null, rules: null, clause: null };
}

function insurance(refs: Ref[]): ContractTerms["insurance"] {
  const out = new Map<InsuranceType, ContractTerms["insurance"][number]>();
  for (const { c, i } of refs) {
    for (const sentence of c.text.replace(/\s+/g, " ").split(/(?<=[.;])\s+(?=[A-Z(])/)) {
      const mentions = INSURANCE_PATTERNS.flatMap(([type, re]) =>
        [...sentence.matchAll(re)].map((m) => ({ type, at: m.index ?? 0 })),
      ).sort((a, b) => a.at - b.at);
      const money = findMoney(sentence);
      mentions.forEach((mention, k) => {
        const next = mentions[k + 1]?.at ?? Number.POSITIVE_INFINITY;
        const after = money.find((m) => m.at > mention.at && m.at < next);
        const before = [...money].reverse().find((m) => m.at < mention.at && mention.at - m.at < 120);
        const minimum = after ?? (mentions.length === 1 ? (before ?? money[0] ?? null) : (before ?? null));
        // A figure beside the cover that is not a money amount Warden reads ("limits of 2,000,000").
        const near = sentence.slice(mention.at, Number.isFinite(next) ? next : undefined);
        const unreadMinimum = minimum === null && UNREAD_AMOUNT.test(near) ? near.trim().slice(0, 240) : null;
        const known = out.get(mention.type);
        if (!known || (known.minimum === null && (minimum || (!known.unreadMinimum && unreadMinimum))))
          out.set(mention.type, { type: mention.type, minimum, unreadMinimum, clause: i });
      });
    }
  }
  return [...out.values()];
}

/** Figures that look like an amount: grouped thousands, four or more digits, or a scale word. */
const UNREAD_AMOUNT =
  /\b\d{1,3}(?:,\d{2,3})+\b|\b\d{4,}\b|\b\d+(?:\.\d+)?\s*(?:million|mn|m|k|thousand|lakhs?|crores?)\b|\b(?:hundred|thousand|million)\b/i;

function audit(refs: Ref[]): ContractTerms["audit"] {
  if (refs.length === 0) return null;
  const first = refs[0] as Ref;
  let noticeDays: number | null = null;
  let unreadNotice: string | null = null;
  let reasonableNotice = false;
  let perYear: number | null = null;
  let frequency: string | null = null;
  let clause = first.i;
  for (const { c, i } of refs) {
    const notice = findDurations(c.text).find((d) =>
      /^[^.;]{0,40}(?:prior|advance|written)?\s*(?:written\s+)?notice/i.test(
        c.text.slice(d.at + d.text.length),
      ),
    );
    if (notice && noticeDays === null) {
      noticeDays = toDays(notice);
      clause = i;
    }
    if (/reasonable\s+(?:prior\s+|advance\s+)?(?:written\s+)?notice/i.test(c.text)) reasonableNotice = true;
    // "upon a fortnight's notice", "on not less than ten business days' notice" read as nothing.
    if (!notice && unreadNotice === null) {
      const period =
        /\b[\w()-]+\s+(?:[\w()-]+\s+)?(?:days?|weeks?|fortnight|months?)['’]?s?['’]?\s+(?:(?:prior|advance)\s+)?(?:written\s+)?notice\b/i.exec(
          c.text.replace(/\s+/g, " "),
        );
      if (period) unreadNotice = period[0].trim();
    }
    const f =
      /(?:not\s+more\s+than|no\s+more\s+(?:often\s+)?than|up\s+to|at\s+most)?\s*(once|twice|one\s+time|two\s+times)\s+(?:(?:per|in\s+any|in\s+each|each|every|a)\s+)(?:calendar\s+|contract\s+)?(year|twelve\s*(?:\(12\)\s*)?[- ]?month\s+period|12[- ]month\s+period|quarter|month)/i.exec(
        c.text,
      ) ?? /\b(annual(?:ly)?|quarterly|semi-annual(?:ly)?|monthly|at\s+any\s+time)\b/i.exec(c.text);
    if (f && frequency === null) {
      frequency = f[0].trim().replace(/\s+/g, " ");
      const times = /twice|two/i.test(f[0]) ? 2 : 1;
      const span = (f[2] ?? f[1] ?? "").toLowerCase();
      if (/quarter/.test(span)) perYear = 4 * times;
      else if (/^month|monthly/.test(span)) perYear = 12 * times;
      else if (/semi/.test(span)) perYear = 2;
      else if (/any\s+time/.test(span)) perYear = null;
      else perYear = times;
    }
  }
  if (noticeDays !== null) unreadNotice = null;
  return { noticeDays, unreadNotice, reasonableNotice, perYear, frequency, clause };
}

function nonCompete(refs: Ref[]): ContractTerms["nonCompete"] {
  if (refs.length === 0) return null;
  for (const { c, i } of refs) {
    const after =
      /(?:after|following|from|post)[^.;]{0,30}(?:termination|expiry|expiration|end|the\s+date)/i.exec(
        c.text,
      );
    const durations = findDurations(c.text).filter((d) => d.unit === "months" || d.unit === "years");
    const duration =
      (after ? durations.find((d) => Math.abs(d.at - after.index) < 120) : undefined) ?? durations[0] ?? null;
    const duringTerm = /during\s+the\s+(?:term|engagement|period)/i.test(c.text);
    if (duration || duringTerm) {
      return { durationMonths: duration ? Math.round(toMonths(duration)) : null, duringTerm, clause: i };
    }
  }
  return { durationMonths: null, duringTerm: false, clause: (refs[0] as Ref).i };
}

function ipAssignment(refs: Ref[], everything: string): ContractTerms["ipAssignment"] {
  if (refs.length === 0) return null;
  const texts = refs.map((r) => r.c.text).join("\n");
  const coversDuringEngagement =
    /during\s+(?:the\s+)?(?:term|course|period|engagement|performance)|in\s+the\s+course\s+of|in\s+(?:the\s+)?(?:performance|connection\s+with\s+the\s+(?:performance|services|agreement))|(?:arising|resulting)\s+(?:out\s+of|from|under)|(?:created|developed|conceived|made|produced|prepared|generated|authored)[^.;]{0,120}(?:under|pursuant\s+to|for\s+the\s+purposes?\s+of|in\s+connection\s+with)\s+(?:this|the|any)|(?:deliverables|work\s+product|materials|code)\s+(?:produced\s+|created\s+|developed\s+)?(?:under|pursuant\s+to)\s+this/i.test(
      texts,
    ) || /work\s+(?:made\s+)?for\s+hire/i.test(texts);
  const pre =
    /pre-?existing|background\s+(?:ip|intellectual\s+property|technology|materials)|prior\s+inventions?|(?:supplier|vendor|contractor|consultant)['’]?s?\s+(?:existing|retained)\s+(?:ip|intellectual\s+property|materials|tools)/i;
  let preExistingIp: NonNullable<ContractTerms["ipAssignment"]>["preExistingIp"] = "not-addressed";
  const sentences = everything.split(/(?<=[.;])\s+/).filter((s) => pre.test(s));
  if (sentences.length > 0) {
    const joined = sentences.join(" ");
    if (/licen[cs]e/i.test(joined)) preExistingIp = "licensed";
    else if (
      /(?:retain|remain)[^.;]{0,80}(?:property|own|title)|(?:exclud|not\s+(?:be\s+)?(?:assign|transfer))/i.test(
        joined,
      )
    )
      preExistingIp = "retained";
    else if (/assign|transfer|vest/i.test(joined)) preExistingIp = "assigned";
    else preExistingIp = "mentioned";
  }
  return {
    coversDuringEngagement,
    workForHire: /work\s+(?:made\s+)?for\s+hire/i.test(texts),
    preExistingIp,
    clause: (refs[0] as Ref).i,
  };
}

const EMPLOYEES = /\b(?:employees?|personnel|staff|workers|team\s+members)\b/i;
const SUBCONTRACTORS =
  /\bsub-?contractors?\b|\bsub-?processors?\b|\bcontractors\b|\bthird[- ]party\s+(?:service\s+providers?|vendors?)\b/i;

/** Defined terms ("Staff" means …) so that a clause binding "Staff" is read with what Staff covers. */
function definitions(source: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of source.matchAll(
    /["“]([A-Z][A-Za-z -]{1,40})["”]\s+(?:means|shall\s+mean|includes)\s+([^;]{1,400})/g,
  )) {
    out.set(m[1] as string, m[2] as string);
  }
  return out;
}

function flowDown(clauses: DetectedClause[], defined: Map<string, string>): ContractTerms["flowDown"] {
  const result = {
    employees: false,
    subcontractors: false,
    confidentiality: false,
    ip: false,
    clauses: [] as number[],
  };
  clauses.forEach((c, i) => {
    if (c.type !== "flow-down") return;
    result.clauses.push(i);
    let reach = c.text;
    for (const [term, meaning] of defined)
      if (new RegExp(`\\b${term}\\b`).test(c.text)) reach += ` ${meaning}`;
    if (EMPLOYEES.test(reach)) result.employees = true;
    if (SUBCONTRACTORS.test(reach)) result.subcontractors = true;
    const related = clauses.filter((o) => o.start < c.end && c.start < o.end).map((o) => o.type);
    if (/confidential|non-disclosure|secrecy/i.test(c.text) || related.includes("confidentiality"))
      result.confidentiality = true;
    if (
      /intellectual\s+property|invention|assign|work\s+product|deliverables/i.test(c.text) ||
      related.includes("ip-assignment")
    )
      result.ip = true;
  });
  return result;
}
