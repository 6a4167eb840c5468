import countries from "i18n-iso-countries";
import english from "i18n-iso-countries/langs/en.json" with { type: "json" };

countries.registerLocale(english);

export interface CountryOption {
  alpha2: string;
  name: string;
}

/**
 * Common names that are not ISO 3166 codes or official names but that people type for a country:
 * "UK" is reserved by ISO 3166 for the United Kingdom, whose code is GB.
 */
const ALIASES: Record<string, string> = {
  uk: "GB",
  "great britain": "GB",
  england: "GB",
  usa: "US",
  "viet nam": "VN",
  holland: "NL",
};

function key(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
}

let options: CountryOption[] | undefined;
let byName: Map<string, string> | undefined;

/** Every English name and alias ISO 3166 data knows, by its folded form. */
function names(): Map<string, string> {
  byName ??= new Map(
    Object.entries(countries.getNames("en", { select: "all" })).flatMap(([alpha2, all]) =>
      all.map((name) => [key(name), alpha2] as const),
    ),
  );
  return byName;
}

/** Every ISO 3166-1 country, by English name. */
export function countryOptions(): CountryOption[] {
  options ??= Object.entries(countries.getNames("en", { select: "official" }))
    .map(([alpha2, name]) => ({ alpha2, name }))
    .sort((a, b) => a.name.localeCompare(b.name, "en"));
  return options;
}

/** A country's English name from its alpha-2 code, or the code itself when it is not one. */
export function countryName(alpha2: string): string {
  return countries.getName(alpha2, "en", { select: "official" }) ?? alpha2;
}

/**
 * The ISO 3166-1 alpha-2 code for an alpha-2 or alpha-3 code or an English name (any case, with
 * or without accents), or undefined when the text is none of them. Never guesses from a prefix:
 * "Ukraine" is UA and "UK" the United Kingdom (GB), "Germany" is DE and "GE" Georgia.
 *
 * @example
 * countryCode("ukraine"); // "UA"
 * countryCode("DEU");     // "DE"
 * countryCode("Atlantis"); // undefined
 */
export function countryCode(input: string): string | undefined {
  const text = input.trim();
  if (text === "" || text.length > 100) return undefined;
  const k = key(text);
  if (ALIASES[k]) return ALIASES[k];
  if (/^[a-z]{2}$/.test(k)) return countries.isValid(k.toUpperCase()) ? k.toUpperCase() : undefined;
  if (/^[a-z]{3}$/.test(k)) {
    const alpha2 = countries.alpha3ToAlpha2(k.toUpperCase());
    if (alpha2) return alpha2;
  }
  return names().get(k);
}
