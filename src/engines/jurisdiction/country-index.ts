import type { Country } from "./country-data-schema.ts";

/**
 * Folds a country name, alias or code to the form it is looked up by: case, accents, dots, "the",
 * "&" and extra spaces do not matter ("Türkiye" = "turkiye", "U.K." = "uk", "The Netherlands" = "netherlands").
 */
export function normalizeCountryKey(input: string): string {
  return input
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[.'’]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .replace(/^the /, "");
}

/** Every key a country answers to: alpha-2, alpha-3, name and aliases, normalised. */
export function countryKeys(country: Country): string[] {
  const keys = [country.alpha2, country.alpha3, country.name, ...country.aliases].map(normalizeCountryKey);
  return [...new Set(keys)].filter((key) => key.length > 0);
}

export interface CountryIndex {
  byAlpha2: ReadonlyMap<string, Country>;
  byKey: ReadonlyMap<string, Country>;
  /** Keys claimed by two countries; a valid data file has none. */
  collisions: { key: string; countries: [string, string] }[];
}

export function buildCountryIndex(countries: readonly Country[]): CountryIndex {
  const byAlpha2 = new Map<string, Country>();
  const byKey = new Map<string, Country>();
  const collisions: CountryIndex["collisions"] = [];
  for (const country of countries) {
    byAlpha2.set(country.alpha2, country);
    for (const key of countryKeys(country)) {
      const other = byKey.get(key);
      if (other && other !== country) collisions.push({ key, countries: [other.alpha2, country.alpha2] });
      else byKey.set(key, country);
    }
  }
  return { byAlpha2, byKey, collisions };
}
