export interface Money {
  value: number;
  currency: string;
  /** The amount as written. */
  text: string;
}

const CURRENCY = "(US\\$|USD|U\\.S\\.\\s?\\$|\\$|£|GBP|€|EUR|INR|Rs\\.?|₹|SGD|S\\$|CAD|C\\$|AUD|A\\$|CHF)";
const SCALE = "(million|mn|m|billion|bn|crores?|lakhs?|lacs?|thousand|k)?";
const MONEY_BEFORE = new RegExp(
  `${CURRENCY}\\s?(\\d{1,3}(?:[,\\s]\\d{2,3})+|\\d+)(?:\\.(\\d+))?\\s*${SCALE}\\b`,
  "gi",
);
const MONEY_AFTER = new RegExp(
  `(\\d{1,3}(?:,\\d{2,3})+|\\d+)(?:\\.(\\d+))?\\s*${SCALE}\\s*(?:US\\s)?(dollars|pounds(?:\\s+sterling)?|euros?|rupees|USD|GBP|EUR|INR)\\b`,
  "gi",
);

const currencyCode = (symbol: string): string => {
  const s = symbol.toUpperCase().replace(/\s/g, "");
  if (s === "£" || s === "GBP" || s.startsWith("POUND")) return "GBP";
  if (s === "€" || s.startsWith("EUR")) return "EUR";
  if (s === "₹" || s === "INR" || s.startsWith("RS") || s.startsWith("RUPEE")) return "INR";
  if (s === "SGD" || s === "S$") return "SGD";
  if (s === "CAD" || s === "C$") return "CAD";
  if (s === "AUD" || s === "A$") return "AUD";
  if (s === "CHF") return "CHF";
  return "USD";
};

const scaleOf = (word: string | undefined): number => {
  const w = (word ?? "").toLowerCase();
  if (w === "million" || w === "mn" || w === "m") return 1e6;
  if (w === "billion" || w === "bn") return 1e9;
  if (w.startsWith("crore")) return 1e7;
  if (w.startsWith("lakh") || w.startsWith("lac")) return 1e5;
  if (w === "thousand" || w === "k") return 1e3;
  return 1;
};

/** Every money amount in the text, in order of appearance, with its offset. */
export function findMoney(text: string): Array<Money & { at: number }> {
  const found: Array<Money & { at: number }> = [];
  for (const m of text.matchAll(MONEY_BEFORE)) {
    const whole = Number((m[2] ?? "0").replace(/[,\s]/g, ""));
    const value = (whole + Number(`0.${m[3] ?? "0"}`)) * scaleOf(m[4]);
    found.push({ value, currency: currencyCode(m[1] ?? "$"), text: m[0].trim(), at: m.index ?? 0 });
  }
  for (const m of text.matchAll(MONEY_AFTER)) {
    const at = m.index ?? 0;
    if (found.some((f) => Math.abs(f.at - at) < 20)) continue;
    const whole = Number((m[1] ?? "0").replace(/,/g, ""));
    const value = (whole + Number(`0.${m[2] ?? "0"}`)) * scaleOf(m[3]);
    found.push({ value, currency: currencyCode(m[4] ?? "USD"), text: m[0].trim(), at });
  }
  return found.sort((a, b) => a.at - b.at);
}

const WORD_NUMBERS: Record<string, number> = {
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
  eighteen: 18,
  twenty: 20,
  "twenty-four": 24,
  "twenty four": 24,
  thirty: 30,
  "thirty-six": 36,
  forty: 40,
  "forty-five": 45,
  sixty: 60,
  ninety: 90,
  "one hundred twenty": 120,
  "one hundred and eighty": 180,
  "one hundred eighty": 180,
};

const NUMBER = `(\\d+|${Object.keys(WORD_NUMBERS)
  .sort((a, b) => b.length - a.length)
  .join("|")})(?:\\s*\\((\\d+)\\))?`;

export interface Duration {
  value: number;
  unit: "days" | "business-days" | "weeks" | "months" | "years";
  text: string;
  at: number;
}

const DURATION = new RegExp(
  `\\b${NUMBER}\\s*[- ]?(business\\s+|working\\s+|calendar\\s+)?(days?|weeks?|months?|years?)\\b`,
  "gi",
);

/** Every duration in the text ("thirty (30) days", "12 months", "two years"). */
export function findDurations(text: string): Duration[] {
  const out: Duration[] = [];
  for (const m of text.matchAll(DURATION)) {
    const digits = m[2] ?? m[1] ?? "";
    const value = /^\d+$/.test(digits) ? Number(digits) : (WORD_NUMBERS[digits.toLowerCase()] ?? Number.NaN);
    if (!Number.isFinite(value)) continue;
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
