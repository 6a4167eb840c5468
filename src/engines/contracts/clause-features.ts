import { matchRules, type RuleMatches } from "./clause-rules.ts";

/** Value of a cue feature, next to word features of unit length together. */
const CUE_VALUE = 0.5;
const S = "[^.;]"; // within one sentence
const NOT =
  "(?:shall|will|may|must|agrees?\\s+to|undertakes?\\s+to|covenants?\\s+to)\\s+not|agrees?\\s+not|shall\\s+refrain\\s+from|(?:is|are)\\s+prohibited\\s+from|\\bno\\s+\\w+\\s+(?:shall|will|may)";
const cue = (source: string): RegExp => new RegExp(source, "i");

/**
 * Clause-level cues that single words and word pairs miss: a negation that
 * governs "compete" several words later, a carve-out from a restriction, a
 * restriction on soliciting customers rather than competing, a party's promise
 * not to enter into agreements with others (CUAD's exclusivity) as against a ban
 * on competing business or products (its non-compete). They let the model tell
 * a non-compete from exclusivity, non-solicitation or its own exceptions, and an
 * IP assignment from joint ownership or a licence.
 */
const CUES: ReadonlyArray<readonly [string, RegExp]> = [
  ["not-compete", cue(`(?:${NOT})${S}{0,240}\\bcompet`)],
  [
    "not-engage",
    cue(
      `(?:${NOT})${S}{0,160}\\b(?:engage|carry\\s+on|participate|be\\s+(?:interested|concerned)|own|operate)${S}{0,120}\\b(?:business|activit|enterprise)`,
    ),
  ],
  [
    "not-solicit-customers",
    cue(`(?:solicit|entice|induce|approach)${S}{0,160}\\b(?:customers?|clients?|members?|accounts?)\\b`),
  ],
  ["exclusive", cue("\\bexclusiv")],
  [
    "not-deal-with-others",
    cue(
      `(?:${NOT})${S}{0,160}\\b(?:enter\\s+into|sign|execute|negotiate)${S}{0,120}\\b(?:agreements?|arrangements?|relationships?|contracts?)`,
    ),
  ],
  [
    "thereafter",
    cue("\\bthereafter\\b|(?:following|after)\\s+(?:the\\s+)?(?:termination|expiration|expiry)"),
  ],
  ["geography", cue("\\bterritor|\\bgeographic|\\bradius\\b|\\bmiles?\\b")],
  [
    "competitor-named",
    cue(
      `competitors?["”]?\\s+(?:means|shall\\s+mean)|named\\s+competitor|list\\s+of\\s+(?:companies|competitors)`,
    ),
  ],
  ["compet", cue("\\bcompet")],
  [
    "competing-business",
    cue(
      "\\bcompet(?:ing|itive)\\s+(?:products?|services?|business|activit)|\\bcompetes?\\s+(?:directly\\s+or\\s+indirectly\\s+)?with",
    ),
  ],
  ["joint", cue("\\bjoint(?:ly)?\\b|\\bundivided\\b|\\bco-own")],
  ["license", cue("\\blicen[cs]")],
  [
    "assign-ip",
    cue(`\\bassign${S}{0,120}(?:right,?\\s+title|intellectual\\s+property|inventions?|copyrights?|patents?)`),
  ],
  ["assign-agreement", cue(`\\bassign${S}{0,80}(?:this\\s+agreement|its\\s+rights|obligations)`)],
  ["disparage", cue("disparag|reputation|negative\\s+light|goodwill")],
  [
    "restriction-exception",
    cue(
      `nothing\\s+(?:in|contained\\s+in)\\s+this${S}{0,80}(?:limit|prohibit|prevent|restrict|preclude)|(?:shall|will)\\s+not\\s+(?:be\\s+deemed\\s+to\\s+)?(?:prevent|restrict|prohibit|preclude|limit)\\b|restrictions?${S}{0,60}(?:shall|will)\\s+not\\s+apply`,
    ),
  ],
  ["purchase-only", cue(`(?:purchase|buy|obtain|source)${S}{0,120}(?:exclusively|solely|only)\\s+from`)],
];

/**
 * Turns clause text into the words the linear clause model reads: lightly
 * stemmed, numbers folded into one token. The training script and the engine
 * share this file, so the model always sees the features it was trained on.
 */
export function clauseTokens(text: string): string[] {
  const words = text.toLowerCase().match(/[a-z]+(?:['’][a-z]+)?|\d+(?:[.,]\d+)*/g) ?? [];
  const tokens: string[] = [];
  for (const word of words) {
    if (/^\d/.test(word)) {
      tokens.push("<num>");
      continue;
    }
    tokens.push(stem(word.replace(/['’]s$/, "")));
  }
  return tokens;
}

function stem(word: string): string {
  if (word.length > 5 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.length > 6 && word.endsWith("ing")) return word.slice(0, -3);
  if (word.length > 5 && word.endsWith("ed")) return word.slice(0, -2);
  if (word.length > 4 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us"))
    return word.slice(0, -1);
  return word;
}

/**
 * Feature name → value: word unigrams and bigrams (log-scaled counts, unit
 * length together), then one feature per drafting pattern of clause-rules.ts
 * that matches (given, when the caller has matched them already) and per clause
 * cue that matches.
 *
 * @example
 * clauseFeatures("Vendor shall not compete with Client.").get("cue:not-compete"); // 0.5
 */
export function clauseFeatures(text: string, rules: RuleMatches = matchRules(text)): Map<string, number> {
  const tokens = clauseTokens(text);
  const counts = new Map<string, number>();
  const add = (f: string) => counts.set(f, (counts.get(f) ?? 0) + 1);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    add(t);
    const next = tokens[i + 1];
    if (next !== undefined) add(`${t} ${next}`);
  }
  let norm = 0;
  for (const [f, c] of counts) {
    const v = 1 + Math.log(c);
    counts.set(f, v);
    norm += v * v;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [f, v] of counts) counts.set(f, v / norm);
  for (const [type, hits] of rules) for (const i of hits) counts.set(`rule:${type}:${i}`, CUE_VALUE);
  for (const [name, pattern] of CUES) if (pattern.test(text)) counts.set(`cue:${name}`, CUE_VALUE);
  return counts;
}
