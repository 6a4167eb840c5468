import type { ClauseType } from "./clause-types.ts";

interface Rule {
  pattern: RegExp;
  /** Evidence strength, 0..1; several matching rules combine as independent evidence. */
  weight: number;
}

interface TypeRules {
  rules: Rule[];
  /** A matching section heading adds evidence (only with some textual hit). */
  heading?: RegExp;
  /** Words without which a clause cannot be of this type, whatever the model says. */
  anchor?: RegExp;
  /** Text that looks like this type but is another clause (force majeure is not a liability cap). */
  veto?: RegExp;
}

const S = "[^.;]"; // within one sentence
const NOT =
  "(?:shall|will|may|must|agrees? to|undertakes? to)\\s+not|shall\\s+refrain\\s+from|(?:is|are)\\s+prohibited\\s+from";
const PEOPLE =
  "(?:employees?|personnel|staff|workers|subcontractors?|sub-contractors?|contractors?|consultants?|agents?|representatives?)";

/** Joint ownership of IP ("jointly owned", "undivided interest", "Joint Inventions"). */
const JOINT_IP =
  "\\bjoint(?:ly)?\\s+(?:own|owned|ownership|property|intellectual|inventions?|ip|works?|improvements?)\\b|\\bowned\\s+jointly|\\bco-own|\\bundivided\\b|\\bjointly\\s+(?:by|developed|created|conceived|invented|made)";
/** An assignment or vesting of IP in one party, in a sentence that does not speak of joint ownership. */
const SOLE_ASSIGNMENT =
  "\\b(?:assigns?|assigned|transfers?|vests?|vested|convey(?:s|ed)?)\\b(?![^.;]*\\b(?:joint|jointly|undivided)\\b)[^.;]{0,160}\\b(?:right,?\\s+title|intellectual\\s+property|ownership|inventions?|deliverables|work\\s+product)|\\bworks?\\s+made\\s+for\\s+hire\\b|\\bwork\\s+for\\s+hire\\b";
/** A covenant not to compete, however it is worded. */
const COMPETE_COVENANT = `\\bnon-?compet|\\bcovenant\\s+not\\s+to\\s+compete|(?:${NOT})(?!\\s+(?:apply|prevent|prohibit|restrict|limit|preclude)\\b)${S}{0,200}\\bcompet`;
/** A carve-out from a restriction ("nothing in this Agreement shall prevent…", "the foregoing restrictions shall not apply"). */
const RESTRICTION_EXCEPTION = `nothing\\s+(?:in|contained\\s+in)\\s+this${S}{0,80}(?:limit|prohibit|prevent|restrict|preclude)|restrictions?${S}{0,60}(?:shall|will)\\s+not\\s+apply|(?:shall|will)\\s+not\\s+(?:be\\s+deemed\\s+to\\s+)?(?:prevent|preclude|prohibit)\\s+(?:\\w+\\s+){1,4}from`;
/** Non-solicitation of staff or customers, and non-disparagement: restrictions that are not a non-compete. */
const OTHER_RESTRICTION = `(?:solicit|entice|induce|hire|recruit|employ)${S}{0,160}\\b(?:employees?|personnel|staff|customers?|clients?|members?)\\b|disparag|negative\\s+light|\\breputation\\b`;

const r = (source: string, weight: number, flags = "i"): Rule => ({
  pattern: new RegExp(source, flags),
  weight,
});

/**
 * Drafting patterns for each clause type. For the types CUAD labels they back
 * up the statistical model; for the others (confidentiality, flow-down,
 * indemnification, security requirements, venue, return-or-destroy) they are
 * the detector. Written from how contracts say these things, in US, UK and
 * Indian drafting styles.
 */
export const CLAUSE_RULES: Record<ClauseType, TypeRules> = {
  "ip-assignment": {
    anchor: /assign|own|property|title|vest|hire|transfer|belong|right/i,
    // Joint ownership is its own type (a warning for CT-1), unless a sentence also vests IP in one party.
    veto: new RegExp(`^(?![\\s\\S]*(?:${SOLE_ASSIGNMENT}))[\\s\\S]*(?:${JOINT_IP})`, "i"),
    rules: [
      r(
        `\\b(?:hereby\\s+)?(?:irrevocably\\s+)?(?:assigns?|transfers?|conveys?)(?:\\s+and\\s+(?:agrees?|shall)\\s+to\\s+assign)?${S}{0,160}(?:right,?\\s+title,?\\s+and\\s+interest|intellectual\\s+property|ownership)`,
        0.75,
      ),
      r(`\\bworks?\\s+made\\s+for\\s+hire\\b|\\bwork\\s+for\\s+hire\\b`, 0.7),
      r(
        `(?:shall|will)\\s+(?:be\\s+and\\s+remain|be|become|vest\\s+in)\\s+(?:the\\s+)?(?:sole\\s+and\\s+exclusive\\s+|exclusive\\s+|sole\\s+)?(?:property|owner)\\s+of\\s+(?:the\\s+)?(?:customer|client|company|buyer|purchaser|licensee)`,
        0.6,
      ),
      r(
        `(?:all|any)\\s+(?:intellectual\\s+property|ip|deliverables|work\\s+product)${S}{0,160}(?:shall\\s+(?:vest|belong)|(?:is|are)\\s+(?:the\\s+)?(?:sole\\s+)?property)`,
        0.6,
      ),
    ],
    heading:
      /intellectual property|ownership|work product|proprietary rights|assignment of (?:ip|rights|inventions)/i,
  },
  "joint-ip-ownership": {
    anchor: /joint|co-own|both\s+parties|each\s+party|undivided|share/i,
    rules: [
      r(`\\bjointly\\s+own|\\bjoint(?:ly)?\\s+(?:owned|ownership)|\\bowned\\s+jointly|\\bco-own`, 0.75),
    ],
  },
  "license-grant": {
    anchor: /licen[cs]|right\s+to\s+use|permi|sublicen|grant/i,
    rules: [
      r(`\\bgrants?\\s+(?:to\\s+)?(?:[\\w'’]+\\s+){0,3}(?:a|an)\\s+${S}{0,120}licen[cs]e`, 0.7),
      r(`\\b(?:is|are)\\s+(?:hereby\\s+)?granted\\s+(?:a|an)\\s+${S}{0,120}licen[cs]e`, 0.65),
    ],
    heading: /licen[cs]e/i,
  },
  confidentiality: {
    rules: [
      r(
        `(?:keep|hold|maintain|treat)${S}{0,120}(?:in\\s+(?:strict(?:est)?\\s+)?confidence|confidential|secret)`,
        0.7,
      ),
      r(
        `(?:${NOT})${S}{0,80}(?:disclose|divulge|reveal|make\\s+available)${S}{0,160}(?:confidential|proprietary|information)`,
        0.75,
      ),
      r(
        `confidential\\s+information${S}{0,200}(?:shall\\s+not|only\\s+for|solely\\s+for|need\\s+to\\s+know|non-disclosure|protect)`,
        0.6,
      ),
      r(`\\bnon-disclosure\\b|\\bconfidentiality\\s+obligations?\\b`, 0.4),
      r(
        `^\\s*(?:\\S+\\s+)?(?:"|“)?confidential\\s+information(?:"|”)?\\s+(?:means|shall\\s+mean|includes)`,
        0.55,
        "im",
      ),
    ],
    heading: /confidential|non-disclosure|secrecy/i,
  },
  "non-compete": {
    // CUAD keeps carve-outs, non-solicitation and non-disparagement apart from the covenant itself.
    veto: new RegExp(
      `^(?![\\s\\S]*(?:${COMPETE_COVENANT}))[\\s\\S]*(?:${RESTRICTION_EXCEPTION})|^(?![\\s\\S]*\\bcompet)[\\s\\S]*(?:${OTHER_RESTRICTION})`,
      "i",
    ),
    anchor:
      /compet|engage|business|sell|market|develop|provide|distribut|manufactur|offer|similar|rival|restrict/i,
    rules: [
      r(`(?:${NOT})${S}{0,200}(?:\\bcompet(?:e|ing|itive)\\b|competitor)`, 0.6),
      r(`\\bnon-?compet(?:e|ition)\\b|\\bcovenant\\s+not\\s+to\\s+compete\\b`, 0.6),
      r(
        `(?:${NOT})${S}{0,120}(?:provide|render|perform|offer)${S}{0,60}(?:same|similar|substantially\\s+similar|competing)\\s+(?:services|products|software)`,
        0.6,
      ),
      r(
        `(?:${NOT})${S}{0,160}\\b(?:engage|carry\\s+on|participate|be\\s+(?:interested|concerned|involved))\\b${S}{0,120}\\b(?:business|activit|enterprise|venture)`,
        0.5,
      ),
    ],
    heading: /non-?compet|restrictive covenant|restraint/i,
  },
  "no-solicit-employees": {
    anchor: /employ|personnel|staff|hire|recruit|worker|consultant|contractor/i,
    rules: [
      r(
        `(?:${NOT})${S}{0,160}(?:solicit|recruit|hire|employ|engage|entice|induce)${S}{0,160}(?:employees?|personnel|staff|workers)`,
        0.75,
      ),
      r(`\\bnon-?solicit(?:ation)?\\b${S}{0,120}(?:employees?|personnel|staff)`, 0.6),
    ],
    heading: /solicit|poach/i,
  },
  "flow-down": {
    rules: [
      r(
        `${PEOPLE}${S}{0,240}(?:(?:are|be|is|remain)\\s+bound\\s+by|bound\\s+by\\s+(?:written\\s+)?(?:obligations|terms|agreements|undertakings))`,
        0.75,
      ),
      r(
        `${PEOPLE}${S}{0,240}(?:written|signed)\\s+(?:confidentiality|non-disclosure|assignment|invention|intellectual\\s+property)?\\s*(?:agreements?|undertakings?|obligations)`,
        0.7,
      ),
      r(
        `(?:no\\s+less|not\\s+less|at\\s+least\\s+as)\\s+(?:protective|stringent|restrictive|onerous)${S}{0,160}${PEOPLE}|${PEOPLE}${S}{0,200}(?:no\\s+less|not\\s+less|at\\s+least\\s+as)\\s+(?:protective|stringent|restrictive|onerous)`,
        0.7,
      ),
      r(
        `(?:flow[- ]down|pass\\s+through|back-to-back)${S}{0,120}(?:obligations|terms|provisions|${PEOPLE})`,
        0.7,
      ),
      r(
        `(?:ensure|procure|cause)\\s+(?:that\\s+)?(?:each\\s+of\\s+)?(?:its|all|any|each)\\s+${S}{0,40}${PEOPLE}${S}{0,160}(?:compl(?:y|ies)|observe|abide|bound|execute|sign)`,
        0.7,
      ),
      r(
        `(?:impose|include)${S}{0,80}(?:same|equivalent|substantially\\s+similar)\\s+(?:obligations|terms)${S}{0,120}${PEOPLE}`,
        0.7,
      ),
      r(
        `disclose${S}{0,200}${PEOPLE}${S}{0,240}(?:ensure|procure|cause)${S}{0,60}(?:comply|observe|abide|bound)`,
        0.7,
      ),
    ],
    heading: /flow[- ]down|subcontract|personnel|staff/i,
  },
  "cap-on-liability": {
    veto: /^(?![\s\S]*(?:exceed|limited\s+to|consequential|indirect|aggregate|cap))[\s\S]*(?:force\s+majeure|beyond\s+(?:its|their|the)\s+(?:\w+\s+)?(?:reasonable\s+)?control|acts?\s+of\s+god)/i,
    anchor:
      /liab|damages|exceed|limit|loss|responsib|remed|refund|consequential|indirect|claim|action|indemn/i,
    rules: [
      r(
        `(?:aggregate|total|cumulative|maximum|entire)\\s+liability${S}{0,240}(?:shall\\s+not\\s+exceed|(?:is|be)\\s+limited\\s+to|(?:in\\s+)?excess\\s+of|capped\\s+at|not\\s+(?:to\\s+)?exceed)`,
        0.8,
      ),
      r(
        `liability${S}{0,120}(?:shall\\s+not\\s+exceed|(?:is|be|shall\\s+be)\\s+limited\\s+to)${S}{0,160}(?:fees|amount|sum|charges|\\$|usd|inr|£|€|rs\\.?)`,
        0.75,
      ),
      r(
        `in\\s+no\\s+event\\s+(?:shall|will)${S}{0,200}liable${S}{0,200}(?:indirect|consequential|special|incidental|punitive|exemplary|lost\\s+profits|loss\\s+of\\s+profits)`,
        0.65,
      ),
      r(
        `(?:not\\s+be|no)\\s+liab(?:le|ility)${S}{0,200}(?:indirect|consequential|special|incidental|punitive)\\s+(?:or\\s+\\w+\\s+)?(?:damages|loss)`,
        0.6,
      ),
      r(`\\b(?:sole|exclusive)\\s+(?:and\\s+exclusive\\s+)?(?:remedy|remedies|liability)\\b`, 0.5),
    ],
    heading: /limitation of liability|liability cap|limits? on liability|limitation/i,
  },
  "uncapped-liability": {
    anchor: /liab|damages|limit|exclu|cap\b|loss/i,
    rules: [
      r(`(?:limitations?|exclusions?|caps?|limits?)${S}{0,160}(?:shall|will|do|does)\\s+not\\s+apply`, 0.7),
      r(`nothing\\s+in\\s+this${S}{0,80}(?:limits?|excludes?|restricts?)${S}{0,80}liability`, 0.65),
      r(
        `\\bunlimited\\s+liability\\b|\\bliability${S}{0,60}shall\\s+be\\s+unlimited\\b|\\bnot\\s+be\\s+subject\\s+to\\s+(?:any|the)\\s+(?:cap|limitation)`,
        0.75,
      ),
      r(
        `(?:except\\s+(?:for|with\\s+respect\\s+to|in\\s+the\\s+case\\s+of)|excluding|other\\s+than)${S}{0,120}(?:breach\\s+of\\s+(?:section|clause|article|its|confidentiality)|indemnif|gross\\s+negligence|wil(?:l)?ful\\s+misconduct|fraud|infringement|intellectual\\s+property)${S}{0,300}(?:liab|exceed|limit)`,
        0.6,
      ),
    ],
  },
  "liquidated-damages": {
    anchor: /damages|credit|penalt|pay|forfeit|sum|amount|fee|\$|£|€|inr/i,
    rules: [
      r(`\\bliquidated\\s+damages\\b`, 0.8),
      r(`genuine\\s+pre-estimate|\\bnot\\s+(?:as\\s+)?a\\s+penalty\\b`, 0.7),
      r(`\\bservice\\s+credits?\\b`, 0.55),
      r(
        `(?:pay|forfeit)${S}{0,120}(?:per\\s+(?:day|week|incident|occurrence)|for\\s+each\\s+(?:day|week|breach|incident))`,
        0.55,
      ),
    ],
  },
  indemnification: {
    rules: [
      r(
        `\\b(?:shall|will|agrees?\\s+to|undertakes?\\s+to)\\s+(?:at\\s+its\\s+own\\s+(?:cost|expense)\\s*,?\\s+)?(?:defend,?\\s+)?(?:fully\\s+)?indemnify\\b`,
        0.85,
      ),
      r(`\\bindemnif(?:y|ies|ied)${S}{0,160}hold\\s+harmless|\\bhold\\s+harmless\\b`, 0.75),
      r(`\\bkeep\\s+\\w+\\s+(?:fully\\s+)?indemnified\\b|\\bindemnified\\s+part(?:y|ies)\\b`, 0.7),
    ],
    heading: /indemn/i,
  },
  "audit-rights": {
    anchor: /audit|inspect|examin|review|records|books|access|visit|verify/i,
    rules: [
      r(`(?:right|entitled|permitted|may)${S}{0,80}\\b(?:audit|inspect|examine)`, 0.7),
      r(`\\baudit\\s+rights?\\b`, 0.7),
      r(
        `(?:books|records|accounts|premises|facilities|systems)${S}{0,120}(?:available\\s+for|subject\\s+to|open\\s+to)\\s+(?:audit|inspection|examination)`,
        0.7,
      ),
      r(
        `(?:permit|allow|grant)${S}{0,120}(?:access|inspection|audit)${S}{0,120}(?:premises|facilities|records|books|systems|sites)`,
        0.6,
      ),
    ],
    heading: /audit|inspection|records/i,
  },
  "security-requirements": {
    rules: [
      r(
        `(?:implement|maintain|comply\\s+with|adhere\\s+to|establish)${S}{0,120}(?:information\\s+security|security\\s+(?:policies|policy|requirements|measures|standards|program(?:me)?|controls|procedures)|technical\\s+and\\s+organi[sz]ational\\s+(?:security\\s+)?measures)`,
        0.8,
      ),
      r(`\\b(?:ISO(?:/IEC)?\\s*27001|SOC\\s*2|PCI[- ]DSS|NIST\\s+(?:SP\\s+)?800|CIS\\s+Controls)\\b`, 0.6),
      r(
        `\\b(?:encrypt(?:ion|ed)|multi-factor|two-factor|penetration\\s+test|vulnerabilit(?:y|ies)\\s+(?:scan|assessment|management)|least\\s+privilege|access\\s+controls?)\\b`,
        0.45,
      ),
      r(
        `(?:notify|inform)${S}{0,120}(?:security\\s+(?:incident|breach)|data\\s+breach|personal\\s+data\\s+breach|unauthori[sz]ed\\s+access)`,
        0.55,
      ),
    ],
    heading: /security|data protection/i,
  },
  "governing-law": {
    anchor: /\blaws?\b|governed|jurisdiction/i,
    rules: [
      r(
        `governed\\s+by${S}{0,40}(?:and\\s+construed\\s+in\\s+accordance\\s+with\\s+)?(?:the\\s+)?laws?\\s+of`,
        0.85,
      ),
      r(`(?:construed|interpreted)${S}{0,60}in\\s+accordance\\s+with${S}{0,20}laws?\\s+of`, 0.8),
      r(
        `\\blaws?\\s+of${S}{0,60}shall\\s+govern\\b|\\bgoverning\\s+law\\b${S}{0,40}(?:is|shall\\s+be)`,
        0.75,
      ),
    ],
    heading: /governing law|applicable law|choice of law/i,
  },
  venue: {
    rules: [
      r(`(?:exclusive|non-exclusive|sole)\\s+jurisdiction\\s+of\\s+the\\s+(?:\\w+\\s+){0,4}courts?`, 0.85),
      r(
        `(?:submit|submits|consent|consents|attorn)${S}{0,40}(?:to\\s+)?(?:the\\s+)?(?:exclusive\\s+|non-exclusive\\s+)?(?:personal\\s+)?jurisdiction`,
        0.8,
      ),
      r(
        `\\bcourts?\\s+(?:of|in|located\\s+in|sitting\\s+in|at)\\s+[A-Z][^.;]{0,80}(?:shall\\s+have|jurisdiction|venue)`,
        0.75,
        "",
      ),
      r(
        `\\bvenue\\b${S}{0,80}(?:shall\\s+be|lie|lies|exclusively)|\\bforum\\b${S}{0,60}(?:shall\\s+be|exclusive)`,
        0.7,
      ),
      r(
        `(?:finally\\s+)?(?:resolved|settled|determined|referred)${S}{0,40}(?:by|to)\\s+(?:binding\\s+)?arbitration`,
        0.85,
      ),
      r(
        `\\barbitration\\s+(?:rules|act|and\\s+conciliation\\s+act)\\b|\\bseat\\s+(?:of\\s+(?:the\\s+)?arbitration|shall\\s+be)\\b|\\b(?:ICC|LCIA|SIAC|HKIAC|AAA|JAMS|ICDR|UNCITRAL)\\b`,
        0.7,
        "",
      ),
    ],
    heading: /dispute|jurisdiction|venue|arbitration/i,
  },
  insurance: {
    anchor: /insur|polic(?:y|ies)|cover|underwrit|liability|occurrence|risks/i,
    rules: [
      r(
        `(?:maintain|carry|procure|obtain|keep)${S}{0,160}(?:insurance|policy|policies|coverage|cover)\\b`,
        0.55,
      ),
      r(
        `\\b(?:general\\s+liability|professional\\s+(?:liability|indemnity)|errors\\s+and\\s+omissions|workers['’]?\\s+compensation|employer['’]?s['’]?\\s+liability|cyber(?:\\s+liability)?|public\\s+liability|product\\s+liability)\\s+(?:insurance|coverage|policy|cover)`,
        0.75,
      ),
      r(`\\bcertificates?\\s+of\\s+insurance\\b|\\badditional\\s+insured\\b`, 0.75),
    ],
    heading: /insurance/i,
  },
  "termination-for-convenience": {
    anchor: /terminat|cancel|end\s+this/i,
    rules: [
      r(
        `terminat${S}{0,120}(?:for\\s+convenience|for\\s+any\\s+reason(?:\\s+or\\s+no\\s+reason)?|without\\s+(?:cause|reason|assigning\\s+any\\s+reason)|at\\s+(?:its|their)\\s+(?:sole\\s+)?discretion)`,
        0.8,
      ),
      r(`(?:at\\s+any\\s+time|for\\s+any\\s+reason)${S}{0,80}terminat${S}{0,120}(?:notice)`, 0.5),
    ],
  },
  "post-termination-services": {
    anchor:
      /terminat|expir|transition|wind|following|after|exit|survive|continu|end\s+of|sell-?off|inventory/i,
    rules: [
      r(
        `\\b(?:transition(?:al)?|wind[- ]down|hand-?over|exit|migration)\\s+(?:assistance|services|support|plan|period|management)`,
        0.75,
      ),
      r(
        `(?:following|after|upon)\\s+(?:any\\s+)?(?:the\\s+)?(?:termination|expiry|expiration)${S}{0,160}(?:continue\\s+to\\s+provide|provide${S}{0,40}(?:assistance|services|support)|cooperate${S}{0,80}(?:transition|transfer|successor))`,
        0.65,
      ),
    ],
  },
  "return-or-destroy": {
    rules: [
      r(
        `\\b(?:return|destroy|delete|erase|purge)${S}{0,160}(?:confidential|information|materials|documents|data|copies|records|media)`,
        0.55,
      ),
      r(
        `(?:confidential|information|materials|documents|data|copies|records|media)${S}{0,160}(?:be\\s+)?(?:returned|destroyed|deleted|erased|purged)`,
        0.55,
      ),
      r(
        `(?:certif(?:y|icate|ication)|confirm)${S}{0,60}(?:destruction|deletion|return)|(?:destruction|deletion|return)${S}{0,60}(?:certif(?:y|icate|ied)|confirm)`,
        0.6,
      ),
      r(
        `(?:upon|on|following|after|within)${S}{0,60}(?:termination|expiry|expiration|end\\s+of|request|completion)`,
        0.3,
      ),
    ],
    heading: /return|destruction|deletion|exit/i,
  },
  "source-code-escrow": {
    anchor: /escrow|source\s+code|deposit/i,
    rules: [
      r(
        `\\bescrow\\b${S}{0,200}(?:source\\s+code|deposit|materials|agent|release)|\\bsource\\s+code${S}{0,200}\\bescrow\\b`,
        0.85,
      ),
      r(`\\bescrow\\s+agent\\b|\\bdeposit\\s+materials\\b`, 0.7),
    ],
  },
  "anti-assignment": {
    anchor: /assign|transfer|delegat|successor|sublicen|personal\s+to|extend\s+the\s+rights/i,
    rules: [
      r(
        `(?:${NOT})${S}{0,120}\\bassign\\b|\\bassign\\w*${S}{0,160}without\\s+(?:the\\s+)?(?:prior\\s+)?(?:written\\s+)?consent`,
        0.7,
      ),
      r(
        `\\bany\\s+(?:purported\\s+)?(?:attempted\\s+)?assignment${S}{0,80}(?:void|null|without\\s+effect)`,
        0.7,
      ),
    ],
    heading: /assignment/i,
  },
  "change-of-control": {
    anchor:
      /control|merger|merge|acqui|consolidat|sale\s+of|ownership|voting|shares|stock|reorgani[sz]|assign|liquid|public\s+offering|circumstance|affiliat/i,
    rules: [
      r(`\\bchange\\s+(?:of|in)\\s+(?:the\\s+)?(?:control|ownership)\\b`, 0.8),
      r(
        `\\b(?:merger|consolidation|acquisition)${S}{0,120}(?:all\\s+or\\s+substantially\\s+all|controlling\\s+interest|voting\\s+(?:securities|shares|stock))`,
        0.6,
      ),
    ],
  },
};

/** Whether the text carries the words a clause of this type cannot do without, and nothing that rules it out. */
export function hasAnchor(type: ClauseType, text: string): boolean {
  const spec = CLAUSE_RULES[type];
  return (spec.anchor?.test(text) ?? true) && !(spec.veto?.test(text) ?? false);
}

/** The drafting patterns a text matches: for each type with any, the indices of its matching rules. */
export type RuleMatches = ReadonlyMap<ClauseType, readonly number[]>;

/** Tests every drafting pattern once; the clause model's features and the pattern evidence both read the result. */
export function matchRules(text: string): RuleMatches {
  const matches = new Map<ClauseType, number[]>();
  for (const [type, spec] of Object.entries(CLAUSE_RULES) as Array<[ClauseType, TypeRules]>) {
    const hits = spec.rules.flatMap((rule, i) => (rule.pattern.test(text) ? [i] : []));
    if (hits.length > 0) matches.set(type, hits);
  }
  return matches;
}

/** Evidence from the drafting patterns matched, for each type that has any, 0..1. */
export function ruleScores(matches: RuleMatches, headings: string): Map<ClauseType, number> {
  const scores = new Map<ClauseType, number>();
  for (const [type, hits] of matches) {
    const spec = CLAUSE_RULES[type];
    let miss = 1;
    for (const i of hits) miss *= 1 - (spec.rules[i]?.weight ?? 0);
    if (spec.heading?.test(headings)) miss *= 0.6;
    scores.set(type, 1 - miss);
  }
  return scores;
}
