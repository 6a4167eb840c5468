export interface Money {
  value: number;
  currency: string;
  /** The amount as written. */
  text: string;
}

/** A currency written before the amount: a code, a symbol, or a currency word ("Rupees Two Crore"). */
const CURRENCY_BEFORE =
  "(?<![A-Za-z])(US\\$|USD|U\\.S\\.\\s?\\$|\\$|£|GBP|€|EUR|INR|Rs\\.?|Rupees|₹|SGD|S\\$|CAD|C\\$|AUD|A\\$|CHF|JPY|¥)";
/** A currency written after the amount, with the word that says which dollar. */
const CURRENCY_AFTER =
  "(?:(US|U\\.S\\.|United\\s+States|American|Canadian|Australian|Singapore|Hong\\s+Kong|Indian)\\s+)?(dollars?|pounds?(?:\\s+sterling)?|sterling|euros?|rupees|swiss\\s+francs|yen|USD|GBP|EUR|INR|SGD|CAD|AUD|CHF|JPY)\\b";
/** Figures: 500000, 500,000, 2,00,00,000 (Indian grouping), 500 000; decimals after a point. */
const FIGURES =
  "(\\d{1,3}(?:,\\d{2,3})+(?![\\d])|\\d{1,3}(?:[\\u00a0\\u202f ]\\d{3})+(?![\\d,])|\\d+)(?:\\.(\\d+))?";
const SCALE = "(million|mio|mn|m|billion|bn|crores?|cr|lakhs?|lacs?|thousand|k)?";

/** Number words up to twenty, also read by the liability-cap formula ("two times the fees"). */
export const SMALL_NUMBERS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const SCALE_WORDS: Record<string, number> = {
  thousand: 1e3,
  lakh: 1e5,
  lakhs: 1e5,
  lac: 1e5,
  lacs: 1e5,
  million: 1e6,
  crore: 1e7,
  crores: 1e7,
  billion: 1e9,
};
const NUMBER_WORD = `(?:${[...Object.keys(SMALL_NUMBERS), "hundred", ...Object.keys(SCALE_WORDS)]
  .sort((a, b) => b.length - a.length)
  .join("|")})`;
/** "two hundred and fifty thousand", "One Million Five Hundred Thousand", "twenty-five". */
const NUMBER_WORDS = `\\b(${NUMBER_WORD}(?:(?:\\s*-\\s*|(?<=hundred|thousand|million|lakhs?|crores?)\\s+and\\s+|\\s+)${NUMBER_WORD})*)\\b`;
/** An amount in figures or words in brackets, as in "Five Hundred Thousand (500,000) Dollars". */
const BRACKETED = "(?:\\s*\\([^()]{1,40}\\))?";

const MONEY_PATTERNS: Array<{
  re: RegExp;
  read: (m: RegExpMatchArray) => { value: number; currency: string } | null;
}> = [
  {
    // USD 500,000 · $500k · US$1.5 million · ₹5 crore · Rs. 10 lakhs
    re: new RegExp(`${CURRENCY_BEFORE}\\s?${FIGURES}\\s*${SCALE}\\b`, "gi"),
    read: (m) => ({ value: figures(m[2], m[3]) * scaleOf(m[4]), currency: currencyCode(m[1] ?? "$") }),
  },
  {
    // 500,000 US dollars · 1.5 million euros · 250,000 (two hundred and fifty thousand) pounds sterling
    re: new RegExp(`(?<![\\d.,])${FIGURES}\\s*${SCALE}${BRACKETED}\\s*${CURRENCY_AFTER}`, "gi"),
    read: (m) => ({
      value: figures(m[1], m[2]) * scaleOf(m[3]),
      currency: currencyCode(m[5] ?? "USD", m[4]),
    }),
  },
  {
    // USD one million · Rupees Two Crore
    re: new RegExp(`${CURRENCY_BEFORE}\\s?${NUMBER_WORDS}`, "gi"),
    read: (m) => wordsMoney(m[2], currencyCode(m[1] ?? "$")),
  },
  {
    // five hundred thousand dollars · One Million US Dollars · Two Crore (20,000,000) Rupees
    re: new RegExp(`${NUMBER_WORDS}${BRACKETED}\\s+${CURRENCY_AFTER}`, "gi"),
    read: (m) => wordsMoney(m[1], currencyCode(m[3] ?? "USD", m[2])),
  },
];

function figures(whole: string | undefined, fraction: string | undefined): number {
  return Number((whole ?? "0").replace(/[,\s\u00a0\u202f]/g, "")) + Number(`0.${fraction ?? "0"}`);
}

function wordsMoney(words: string | undefined, currency: string): { value: number; currency: string } | null {
  const value = parseNumberWords(words ?? "");
  return value === null || value === 0 ? null : { value, currency };
}

const currencyCode = (symbol: string, qualifier?: string): string => {
  const s = symbol.toUpperCase().replace(/\s/g, "");
  const q = (qualifier ?? "").toUpperCase().replace(/\s/g, "");
  if (s === "£" || s === "GBP" || s.startsWith("POUND") || s === "STERLING") return "GBP";
  if (s === "€" || s.startsWith("EUR")) return "EUR";
  if (s === "₹" || s === "INR" || s.startsWith("RS") || s.startsWith("RUPEE")) return "INR";
  if (s === "SGD" || s === "S$") return "SGD";
  if (s === "CAD" || s === "C$") return "CAD";
  if (s === "AUD" || s === "A$") return "AUD";
  if (s === "CHF" || s.endsWith("FRANCS")) return "CHF";
  if (s === "JPY" || s === "¥" || s === "YEN") return "JPY";
  if (s.startsWith("DOLLAR")) {
    if (q === "CANADIAN") return "CAD";
    if (q === "AUSTRALIAN") return "AUD";
    if (q === "SINGAPORE") return "SGD";
    if (q === "HONGKONG") return "HKD";
  }
  return "USD";
};

const scaleOf = (word: string | undefined): number => {
  const w = (word ?? "").toLowerCase();
  if (w === "million" || w === "mio" || w === "mn" || w === "m") return 1e6;
  if (w === "billion" || w === "bn") return 1e9;
  if (w.startsWith("cr")) return 1e7;
  if (w.startsWith("lakh") || w.startsWith("lac")) return 1e5;
  if (w === "thousand" || w === "k") return 1e3;
  return 1;
};

/**
 * The value of a number in words ("two hundred and fifty thousand" → 250000,
 * "one million five hundred thousand" → 1500000, "two crore" → 20000000), or
 * null when the words are not a number.
 */
export function parseNumberWords(words: string): number | null {
  const tokens = words
    .toLowerCase()
    .split(/[\s-]+/)
    .filter((t) => t && t !== "and");
  if (tokens.length === 0) return null;
  let total = 0;
  let current = 0;
  let seen = false;
  for (const token of tokens) {
    const small = SMALL_NUMBERS[token];
    if (small !== undefined) {
      current += small;
      seen = true;
    } else if (token === "hundred") {
      current = (current || 1) * 100;
      seen = true;
    } else if (SCALE_WORDS[token] !== undefined) {
      total += (current || 1) * (SCALE_WORDS[token] as number);
      current = 0;
      seen = true;
    } else return null;
  }
  return seen ? total + current : null;
}

/**
 * Every money amount in the text, in order of appearance, with its offset: in
 * figures or words, with a currency code, symbol or word before or after
 * ("USD 500,000", "$500k", "€1.5 million", "₹5 crore", "five hundred thousand
 * dollars", "One Million US Dollars (US$1,000,000)"). An amount written in
 * words and repeated in figures right after counts once.
 */
export function findMoney(text: string): Array<Money & { at: number }> {
  const candidates: Array<Money & { at: number; end: number }> = [];
  for (const { re, read } of MONEY_PATTERNS) {
    for (const m of text.matchAll(re)) {
      const money = read(m);
      if (!money || !Number.isFinite(money.value)) continue;
      const at = m.index ?? 0;
      const written = m[0].trimEnd();
      candidates.push({ ...money, text: written.trim(), at, end: at + written.length });
    }
  }
  // Longest first at each offset, so "USD one million" beats "USD one".
  candidates.sort((a, b) => a.at - b.at || b.end - a.end);
  const kept: Array<Money & { at: number; end: number }> = [];
  for (const c of candidates) {
    const last = kept.at(-1);
    if (last && c.at < last.end) continue; // overlaps an amount already read
    // "one million US dollars (US$1,000,000)": the same amount again in brackets.
    if (
      last &&
      last.value === c.value &&
      last.currency === c.currency &&
      /^\s*\(?\s*$/.test(text.slice(last.end, c.at))
    )
      continue;
    kept.push(c);
  }
  return kept.map(({ end: _end, ...money }) => money);
}

/** A count in figures or words ("thirty-one", "one hundred and eighty"), with figures in brackets after it. */
const NUMBER = `(\\d+|${NUMBER_WORD}(?:(?:\\s*-\\s*|\\s+|(?<=hundred|thousand)\\s+and\\s+)${NUMBER_WORD})*)(?:\\s*\\((\\d+)\\))?`;

export interface Duration {
  value: number;
  unit: "days" | "business-days" | "weeks" | "months" | "years";
  text: string;
  at: number;
}

const DURATION = new RegExp(
  `(?<![\\w-])${NUMBER}\\s*[- ]?(business\\s+|working\\s+|calendar\\s+)?(days?|weeks?|months?|years?)\\b`,
  "gi",
);

/** Every duration in the text ("thirty (30) days", "12 months", "two years"). */
export function findDurations(text: string): Duration[] {
  const out: Duration[] = [];
  for (const m of text.matchAll(DURATION)) {
    const digits = m[2] ?? m[1] ?? "";
    const value = /^\d+$/.test(digits) ? Number(digits) : (parseNumberWords(digits) ?? Number.NaN);
    if (!Number.isFinite(value) || value === 0) continue;
    const unitWord = (m[4] ?? "").toLowerCase();
    const business = /business|working/i.test(m[3] ?? "");
    const unit: Duration["unit"] = unitWord.startsWith("day")
      ? business
        ? "business-days"
        : "days"
      : unitWord.startsWith("week")
        ? "weeks"
        : unitWord.startsWith("month")
          ? "months"
          : "years";
    out.push({ value, unit, text: m[0], at: m.index ?? 0 });
  }
  return out;
}

/** A duration in months (days counted as 30, business days as 1.4 calendar days). */
export function toMonths(d: Duration): number {
  if (d.unit === "years") return d.value * 12;
  if (d.unit === "months") return d.value;
  if (d.unit === "weeks") return (d.value * 7) / 30;
  return ((d.unit === "business-days" ? 1.4 : 1) * d.value) / 30;
}

/** A duration in calendar days. */
export function toDays(d: Duration): number {
  if (d.unit === "years") return d.value * 365;
  if (d.unit === "months") return d.value * 30;
  if (d.unit === "weeks") return d.value * 7;
  if (d.unit === "business-days") return Math.ceil(d.value * 1.4);
  return d.value;
}
