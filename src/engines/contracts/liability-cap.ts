import type { DetectedClause } from "./detect-clauses.ts";
import {
  findDurations,
  findMoney,
  type Money,
  parseNumberWords,
  SMALL_NUMBERS,
  toMonths,
} from "./parse-amounts.ts";

/**
 * How the cap is set: a fixed amount, a formula of the fees, the greater or
 * lesser of the two, a clause that only excludes kinds of damages (no amount
 * to read), or a cap whose amount Warden could not read.
 */
export type CapBasis = "amount" | "fees" | "greater-of" | "lesser-of" | "exclusion-only" | "unread";

/** Whether a kind of loss sits outside the cap: excluded from it, excluded through an uncapped indemnity that covers it, or capped. */
export type CarveOut = "excluded" | "through-indemnity" | "capped";

export interface CapCarveOuts {
  ipInfringement: CarveOut;
  confidentiality: CarveOut;
  dataBreach: CarveOut;
  indemnities: CarveOut;
  /** Other losses taken out of the cap ("gross negligence", "fraud", "death or personal injury"). */
  others: string[];
  /** Sections a carve-out names that Warden could not find in the contract. */
  unresolved: string[];
  /** The carve-out wording, as read. */
  texts: string[];
}

export interface LiabilityCap {
  basis: CapBasis;
  /** The fixed amount, when the cap has one. */
  amount: Money | null;
  /** The cap as a formula, e.g. "the fees paid in the 12 months preceding the claim". */
  formula: string | null;
  /** Months of fees in the formula's period, when it states one ("twelve (12) months", "annual"). */
  monthsOfFees: number | null;
  /** Multiple of the fees, when stated ("two times the fees"). */
  multipleOfFees: number | null;
  /** The words the cap was read from, or tried and not read. */
  text: string;
  /** Why the cap could not be read (basis "unread"). */
  problem: string | null;
  carveOuts: CapCarveOuts;
  /** Other cap wordings in the liability clauses that could not be read. */
  otherUnread: Array<{ text: string; problem: string }>;
  /** Index into the clauses of the clause the cap was read from. */
  clause: number;
}

type Ref = { c: DetectedClause; i: number };

/** A phrase that sets a cap: the amount follows it. */
const STRONG_TRIGGERS: RegExp[] = [
  // shall not exceed · will not, in the aggregate, exceed · not to exceed · shall not be more than
  /\b(?:not|never)\s+(?:to\s+)?(?:,?\s*(?:in\s+(?:the\s+)?(?:aggregate|total|sum|any\s+(?:event|case|circumstances?)|respect\s+of\s+all\s+claims)|cumulatively|collectively|together|individually|under\s+any\s+circumstances?)\s*,?\s+)*(?:exceed|be\s+(?:more|greater|higher)\s+than)\b/gi,
  // in no event shall either party's aggregate liability … exceed · neither party's liability … shall exceed
  /\b(?:in\s+no\s+(?:event|case|circumstances?)|under\s+no\s+circumstances?|neither\b|no\s+(?:party|event))[^.]{0,300}?\b(?:exceed(?:ing)?|be\s+(?:more|greater|higher)\s+than)\b/gi,
  // for any amount in excess of · capped at · up to a maximum of · a maximum aggregate amount of
  /\b(?:(?:any\s+)?amounts?\s+)?in\s+excess\s+of\b|\bcapped\s+at\b|\bup\s+to\s+(?:a\s+)?(?:maximum|total|aggregate)\s+(?:aggregate\s+)?(?:amount\s+|sum\s+)?(?:of|equal\s+to)\b|\b(?:a\s+)?maximum\s+(?:aggregate\s+|total\s+)?(?:amount|sum)\s+(?:of|equal\s+to)\b/gi,
];
/** A phrase that may set a cap, or may limit something else ("limited to direct damages"). */
const WEAK_TRIGGERS: RegExp[] = [
  /\b(?:limited|restricted)\s+to\b/gi,
  /\b(?:maximum|aggregate|total|entire|cumulative)\s+(?:aggregate\s+)?liability\b[^.]{0,160}?\b(?:is|shall\s+be|will\s+be|equals?)\b(?!\s+(?:limited|restricted|capped|several|joint))/gi,
];
/** Where the amount ends: a carve-out, a proviso, or the end of the sentence. */
const VALUE_END =
  /,?\s*\b(?:except|excluding|other\s+than|save\s+(?:for|in\s+respect\s+of)|provided\s*,?\s*(?:however|that)|subject\s+to|with\s+the\s+exception\s+of)\b|(?<!\b(?:Rs|No|Inc|Ltd|Co|U\.S|e\.g|i\.e))\.(?:\s|$)/i;

const FEES =
  /\b(?:fees?|charges|sums?|amounts?|price|compensation|consideration|payments?|monies|remuneration|contract\s+value)\b/i;
/** Words that name the fees themselves; "amounts" and "sums" need "paid" or "payable" to be fees. */
const FEE_WORDS = /\bfees?\b|\bcharges\b|\bcontract\s+(?:value|price)|\bprice\b/i;
const PAID =
  /\b(?:paid|payable|received|due|invoiced|owed|owing|charged|receivable|earned|incurred)\b|\b(?:annual|yearly|monthly)\s+(?:fees?|charges|contract\s+value|subscription)|\b(?:year|month)['’]?s['’]?\s+(?:fees?|charges)|\bcontract\s+(?:value|price)/i;
const ANNUAL =
  /\bannual(?:ly)?\b|\byearly\b|\bper\s+annum\b|\b(?:calendar|contract)\s+year\b|\b(?:prior|preceding|previous|last|current)\s+year\b|\ba\s+year['’]?s\b/i;
const COMBINATION =
  /\b(greater|higher|larger|lesser|lower|smaller)\s+of\b|\bwhichever\s+is\s+(?:the\s+)?(greater|higher|larger|lesser|lower|smaller)\b/i;
const MULTIPLE_WORDS: Record<string, number> = { ...SMALL_NUMBERS, twice: 2, double: 2, triple: 3 };
const MULTIPLE =
  /\b(one\s+and\s+(?:a|one)[- ]half|one|two|three|four|five|six|ten|\d+(?:\.\d+)?)\s*(?:\(\s*\d+(?:\.\d+)?\s*\)\s*)?(?:times|x|×)(?=\s|$)|\b(twice|double|triple)\b|\b(\d+(?:\.\d+)?)\s*(?:%|percent|per\s+cent)\s+of\b/i;
const NUMBER_LIKE =
  /\d|\b(?:hundred|thousand|million|billion|lakhs?|crores?)\b|[$£€₹¥]|\b(?:USD|EUR|GBP|INR|dollars?|euros?|pounds|rupees)\b/i;
const NOT_AN_AMOUNT =
  /^\s*(?:the\s+)?(?:extent|such\s+extent|direct|actual|proven|repair|replacement|re-?perform|correction|refund(?!\s+of\s+(?:the\s+)?(?:fees|amounts|sums|charges)))/i;
/** "the foregoing limit", "such amount": a cap that refers back to one already read. */
const BACK_REFERENCE =
  /^\s*(?:the\s+)?(?:foregoing|above|aforesaid|aforementioned|such|that|this|said)\s+(?:cap|limit|limitation|amount|sum)/i;

const CATEGORIES = {
  ipInfringement:
    /\binfring|\bmisappropriat|\bintellectual\s+property|\bproprietary\s+rights|\bpatents?\b|\bcopyrights?\b|\btrade\s+secrets?|\bIPRs?\b/i,
  confidentiality: /\bconfidential|\bnon-?disclosure|\bsecrecy\b/i,
  dataBreach:
    /\bdata\s+(?:protection|breach|security|privacy|loss)|\bpersonal\s+(?:data|information)|\bsecurity\s+(?:breach|incident)|\bprivacy\b|\bGDPR\b/i,
  indemnities: /\bindemn/i,
} as const;
type Category = keyof typeof CATEGORIES;
const OTHER_CARVE_OUTS: Array<[string, RegExp]> = [
  ["gross negligence", /\bgross(?:ly)?\s+neglig/i],
  ["wilful misconduct", /\bwil(?:l)?ful\s+(?:misconduct|default|breach)|\bintentional\s+misconduct/i],
  ["fraud", /\bfraud/i],
  ["death or personal injury", /\bdeath\b|\b(?:personal|bodily)\s+injury/i],
  ["payment obligations", /\bpayment\s+obligations|\bobligations?\s+to\s+pay|\bfees\s+(?:due|owed|payable)/i],
];

/** Carve-out wording whose subject follows it ("except for …", "shall not apply to …"). */
const CARVE_OUT_AFTER =
  /\bexcept\b(?:\s+(?:for|with\s+respect\s+to|in\s+(?:the\s+case\s+of|respect\s+of|relation\s+to)|as\s+(?:otherwise\s+)?(?:provided|set\s+(?:forth|out)|stated)\s+in|that))?|\bexcluding\b|\bother\s+than\b|\bsave\s+(?:for|in\s+respect\s+of|as\s+(?:provided|set\s+out)\s+in)\b|\bwith\s+the\s+exception\s+of\b|\bnot\s+(?:apply|be\s+applicable)\s+(?:to|in\s+(?:respect|relation)\s+(?:of|to)|with\s+respect\s+to)\b|\bnothing\b[^.]{0,120}?\b(?:limits?|excludes?|restricts?|limit|exclude|restrict)\b[^.]{0,80}?\bliabilit(?:y|ies)\b/gi;
/** Carve-out wording whose subject comes before it ("… shall not be subject to the cap", "… shall be unlimited"). */
const CARVE_OUT_BEFORE =
  /\b(?:shall|will|is|are)\s+not\s+be\s+(?:subject\s+to|limited\s+by|included\s+in|counted\s+(?:towards|against))\b|\b(?:is|are|shall\s+be|will\s+be)\s+(?:excluded\s+from|not\s+subject\s+to|outside)\s+(?:the\s+|any\s+)?(?:cap|limitation|limit)|\b(?:is|are|shall\s+be|will\s+be)\s+(?:unlimited|uncapped)\b/gi;
const SECTION_REF =
  /(?:\b(?:sections?|clauses?|articles?|paragraphs?)|§)\s*((?:\d+(?:\.\d+)*(?:\s*(?:,|and|or|to)\s*)?)+)/gi;

/**
 * Reads the liability cap from the cap clauses: its amount (figures or words,
 * any currency), or its formula (the fees of a period, a multiple of them),
 * "the greater/lesser of" both, and what is carved out of it (IP
 * infringement, confidentiality, data breaches, indemnities, others) from the
 * cap clauses and the uncapped-liability clauses. A cap worded as a cap whose
 * amount cannot be read is returned with basis "unread" and the words tried:
 * never as a cap without an amount.
 */
export function readLiabilityCap(
  caps: Ref[],
  uncapped: Ref[],
  context: { clauses: DetectedClause[]; source: string; definitions: Map<string, string> },
): LiabilityCap | null {
  if (caps.length === 0) return null;
  const found: Array<ReadCap & { clause: number }> = [];
  for (const { c, i } of caps) {
    for (const sentence of sentences(c.text)) {
      const read = readCapSentence(sentence, context.definitions);
      if (read) found.push({ ...read, clause: i });
    }
  }
  const isRead = (r: ReadCap) => r.basis !== "unread";
  const primary = found.find(isRead) ?? found[0];
  const carveOuts = readCarveOuts([...caps, ...uncapped], context);
  if (!primary) {
    const first = caps[0] as Ref;
    // No cap wording, yet an amount or fee formula: a cap Warden could not read, not "no cap".
    for (const { c, i } of caps) {
      const flat = c.text.replace(/\s+/g, " ");
      const money = findMoney(flat)[0];
      const fees = FEE_WORDS.exec(flat) ?? (FEES.test(flat) && PAID.test(flat) ? FEES.exec(flat) : null);
      const number = /\b\d{1,3}(?:,\d{2,3})+\b|\b\d{4,}\b/.exec(flat);
      const at = money?.at ?? fees?.index ?? number?.index;
      if (at === undefined) continue;
      return {
        basis: "unread",
        amount: null,
        formula: null,
        monthsOfFees: null,
        multipleOfFees: null,
        text: excerpt(flat.slice(Math.max(0, at - 120))),
        problem: `the clause states ${money ? `an amount (${money.text})` : fees ? "a fee formula" : `an amount (${number?.[0]})`} without wording Warden reads as a cap`,
        carveOuts,
        otherUnread: [],
        clause: i,
      };
    }
    return {
      basis: "exclusion-only",
      amount: null,
      formula: null,
      monthsOfFees: null,
      multipleOfFees: null,
      text: excerpt(first.c.text),
      problem: null,
      carveOuts,
      otherUnread: [],
      clause: first.i,
    };
  }
  return {
    ...primary,
    carveOuts,
    otherUnread: found
      .filter((r) => r !== primary && !isRead(r))
      .map((r) => ({ text: r.text, problem: r.problem ?? "" })),
  };
}

/** What one sentence says of a cap: the cap's own terms, before carve-outs and other clauses. */
type ReadCap = Pick<
  LiabilityCap,
  "basis" | "amount" | "formula" | "monthsOfFees" | "multipleOfFees" | "text" | "problem"
>;

function readCapSentence(sentence: string, definitions: Map<string, string>): ReadCap | null {
  const triggers = [
    ...STRONG_TRIGGERS.flatMap((re) => [...sentence.matchAll(re)].map((m) => ({ m, strong: true }))),
    ...WEAK_TRIGGERS.flatMap((re) => [...sentence.matchAll(re)].map((m) => ({ m, strong: false }))),
  ].sort((a, b) => (a.m.index ?? 0) + a.m[0].length - ((b.m.index ?? 0) + b.m[0].length));
  for (const { m, strong } of triggers) {
    const after = sentence.slice((m.index ?? 0) + m[0].length);
    const end = after.search(VALUE_END);
    let value = (end < 0 ? after : after.slice(0, end)).trim().slice(0, 400);
    if (BACK_REFERENCE.test(value)) continue;
    if (!strong && (NOT_AN_AMOUNT.test(value) || !(NUMBER_LIKE.test(value) || FEES.test(value)))) continue;
    let read = readValue(value);
    // "the Liability Cap": read what the contract defines it as.
    const defined = read.basis === "unread" ? definedTerm(value, definitions) : null;
    if (defined) {
      const meaning = readValue(defined);
      if (meaning.basis !== "unread") {
        read = meaning;
        value = `${value} (defined as ${defined})`;
      }
    }
    return { ...read, text: `${m[0].trim()} ${value}`.trim() };
  }
  return null;
}

function readValue(value: string): Omit<ReadCap, "text"> {
  const money = findMoney(value);
  const amount = money[0] ?? null;
  const fees = FEE_WORDS.test(value) || (FEES.test(value) && PAID.test(value)) ? value.search(FEES) : -1;
  const combination = COMBINATION.exec(value);
  const none = {
    amount: null,
    formula: null,
    monthsOfFees: null,
    multipleOfFees: null,
  };
  // The same amount in words and in figures that differ ("five hundred thousand dollars ($50,000)").
  const second = money[1];
  if (
    amount &&
    second &&
    second.value !== amount.value &&
    /^\s*\(?\s*$/.test(between(value, amount, second))
  ) {
    return {
      basis: "unread",
      ...none,
      problem: `the amount in words and in figures differ (${amount.text} and ${second.text})`,
    };
  }
  let months: number | null = null;
  let multiple: number | null = null;
  let formula: string | null = null;
  if (fees >= 0) {
    const feesText = value.slice(fees);
    const period = findDurations(feesText).find((d) => d.unit === "months" || d.unit === "years");
    months = period ? Math.round(toMonths(period)) : ANNUAL.test(value) ? 12 : null;
    if (months === null && /\bmonthly\s+(?:fees?|charges)/i.test(value)) months = 1;
    const m = MULTIPLE.exec(value.slice(0, fees + 40));
    if (m) {
      const word = (m[1] ?? m[2] ?? "").toLowerCase();
      multiple = m[3]
        ? Number(m[3]) / 100
        : /half/.test(word)
          ? 1.5
          : (MULTIPLE_WORDS[word] ?? (Number(word) || null));
    }
    formula = value.replace(/\s+/g, " ").trim().slice(0, 240);
  }
  if (amount && fees >= 0) {
    const greater = /greater|higher|larger/i.test(combination?.[1] ?? combination?.[2] ?? "");
    return {
      // Without "greater of" or "whichever is greater", both limits apply: the lower binds.
      basis: combination && greater ? "greater-of" : "lesser-of",
      amount,
      formula,
      monthsOfFees: months,
      multipleOfFees: multiple,
      problem: null,
    };
  }
  if (amount) return { basis: "amount", ...none, amount, problem: null };
  if (fees >= 0)
    return { basis: "fees", ...none, formula, monthsOfFees: months, multipleOfFees: multiple, problem: null };
  const bare = /\b\d{1,3}(?:,\d{2,3})+\b|\b\d{4,}\b/.exec(value);
  const words = /\b(?:[a-z]+[\s-]+)*(?:hundred|thousand|million|billion|lakhs?|crores?)\b/i.exec(value);
  const wordsValue = words ? parseNumberWords(words[0]) : null;
  return {
    basis: "unread",
    ...none,
    problem: bare
      ? `the amount ${bare[0]} has no currency`
      : wordsValue
        ? `the amount "${words?.[0]}" has no currency`
        : "it names no amount or fee formula that Warden can read",
  };
}

function between(value: string, a: Money & { at: number }, b: Money & { at: number }): string {
  return value.slice(a.at + a.text.length, b.at);
}

/** "the Liability Cap" → what "Liability Cap" means, when the contract defines it. */
function definedTerm(value: string, definitions: Map<string, string>): string | null {
  const m =
    /^(?:the\s+|an?\s+amount\s+equal\s+to\s+the\s+)?["“]?([A-Z][A-Za-z]*(?:\s+[A-Z][A-Za-z]*){0,5})["”]?/.exec(
      value,
    );
  if (!m?.[1]) return null;
  for (const [term, meaning] of definitions) {
    if (m[1].startsWith(term) && term.length >= 3) return meaning.split(/[.;](?:\s|$)/)[0] ?? meaning;
  }
  return null;
}

function readCarveOuts(refs: Ref[], context: { clauses: DetectedClause[]; source: string }): CapCarveOuts {
  const result: CapCarveOuts = {
    ipInfringement: "capped",
    confidentiality: "capped",
    dataBreach: "capped",
    indemnities: "capped",
    others: [],
    unresolved: [],
    texts: [],
  };
  const seen = new Set<number>();
  const excluded = new Set<Category>();
  const places = new Map<string, Category[] | null>();
  for (const { c } of refs) {
    if (seen.has(c.start)) continue;
    seen.add(c.start);
    for (const sentence of sentences(c.text)) {
      const windows = [
        ...[...sentence.matchAll(CARVE_OUT_AFTER)].map((m) =>
          afterWindow(sentence.slice((m.index ?? 0) + m[0].length)),
        ),
        ...[...sentence.matchAll(CARVE_OUT_BEFORE)].map((m) => beforeWindow(sentence.slice(0, m.index ?? 0))),
      ].filter((w) => w.trim().length > 0);
      for (const window of windows) {
        let matched = false;
        for (const [category, re] of Object.entries(CATEGORIES) as Array<[Category, RegExp]>) {
          if (re.test(window)) {
            excluded.add(category);
            matched = true;
          }
        }
        for (const [label, re] of OTHER_CARVE_OUTS) {
          if (re.test(window)) {
            if (!result.others.includes(label)) result.others.push(label);
            matched = true;
          }
        }
        for (const ref of sectionRefs(window)) {
          if (!places.has(ref)) places.set(ref, resolveSection(ref, context));
          const place = places.get(ref) ?? null;
          if (place === null) {
            if (!result.unresolved.includes(ref)) result.unresolved.push(ref);
            continue;
          }
          for (const category of place) excluded.add(category);
          matched = true;
        }
        if (matched) result.texts.push(window.trim().slice(0, 240));
      }
    }
  }
  for (const category of excluded) result[category] = "excluded";
  // An uncapped indemnity carries what it indemnifies out of the cap with it.
  if (result.indemnities === "excluded") {
    const indemnity = context.clauses
      .filter((c) => c.type === "indemnification")
      .map((c) => c.text)
      .join("\n");
    for (const category of ["ipInfringement", "confidentiality", "dataBreach"] as const) {
      if (result[category] === "capped" && CATEGORIES[category].test(indemnity))
        result[category] = "through-indemnity";
    }
  }
  return result;
}

/** The subject of "except for …": up to the main clause that follows it, or the end of the sentence. */
function afterWindow(rest: string): string {
  let window = rest.slice(0, 500);
  const parts = window.split(/(?<=,)/);
  let out = "";
  for (const [k, part] of parts.entries()) {
    if (k > 0 && /\b(?:shall|will|must|may|is|are)\b/i.test(part)) break;
    out += part;
  }
  window = out;
  return window;
}

/** The subject of "… shall not be subject to the cap": back to the start of the sentence or the last semicolon. */
function beforeWindow(before: string): string {
  const cut = Math.max(before.lastIndexOf(";"), 0);
  return before.slice(cut).slice(-400);
}

function sectionRefs(window: string): string[] {
  const refs: string[] = [];
  for (const m of window.matchAll(SECTION_REF)) {
    for (const n of (m[1] ?? "").match(/\d+(?:\.\d+)*/g) ?? []) if (!refs.includes(n)) refs.push(n);
  }
  return refs;
}

/**
 * What a section named in a carve-out is about: from the clauses detected in
 * it, or from its heading in the text. Null when the section cannot be found.
 */
function resolveSection(
  ref: string,
  context: { clauses: DetectedClause[]; source: string },
): Category[] | null {
  const inSection = context.clauses.filter((c) => {
    const n = (c.section ?? "").replace(/^(?:section|clause|article)\s+/i, "").replace(/\.$/, "");
    return n === ref || n.startsWith(`${ref}.`);
  });
  const categories = new Set<Category>();
  for (const c of inSection) {
    if (c.type === "confidentiality") categories.add("confidentiality");
    if (c.type === "indemnification") categories.add("indemnities");
    if (c.type === "security-requirements") categories.add("dataBreach");
    if (c.type === "ip-assignment" || c.type === "license-grant") categories.add("ipInfringement");
    for (const [category, re] of Object.entries(CATEGORIES) as Array<[Category, RegExp]>)
      if (c.heading && re.test(c.heading)) categories.add(category);
  }
  const escaped = ref.replace(/\./g, "\\.");
  const heading = new RegExp(
    `(?:^|\\n)[ \\t]*(?:(?:section|clause|article)[ \\t]+)?${escaped}(?![\\d.]\\d)\\.?[ \\t]*[-–—:.]?[ \\t]*([^\\n]{0,80})`,
    "i",
  ).exec(context.source);
  if (heading?.[1]) {
    const title = heading[1].split(/[.:](?:\s|$)/)[0] ?? heading[1];
    for (const [category, re] of Object.entries(CATEGORIES) as Array<[Category, RegExp]>)
      if (re.test(title)) categories.add(category);
  }
  if (inSection.length === 0 && !heading) return null;
  return [...categories];
}

/** A clause's sentences, whitespace made single; abbreviations and amounts do not end one. */
function sentences(text: string): string[] {
  return text
    .replace(/\s+/g, " ")
    .split(/(?<=\.)(?<!\b(?:Inc|Ltd|Co|No|Nos|Sec|U\.S|e\.g|i\.e|etc|Rs|St|Art|cl|para)\.)\s+(?=[A-Z(“"])/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 240 ? `${flat.slice(0, 239)}…` : flat;
}
