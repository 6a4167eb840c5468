import { WardenError } from "../../domain/errors.ts";
import type { Country } from "./country-data-schema.ts";
import { countryKeys, normalizeCountryKey } from "./country-index.ts";
import { type CountryDataset, loadCountryData } from "./load-country-data.ts";

export interface CountrySuggestion {
  alpha2: string;
  name: string;
}

const MAX_INPUT = 200;

/**
 * Finds a country by ISO 3166 alpha-2 or alpha-3 code, name or common alias, ignoring case and
 * accents. Throws WardenError("not_found") naming the closest matches when nothing fits.
 *
 * @example
 * resolveCountry("in").name;           // "India"
 * resolveCountry("IND").alpha2;        // "IN"
 * resolveCountry("Türkiye").alpha2;    // "TR"
 * resolveCountry("Indai");             // throws not_found: … Did you mean India (IN)?
 */
export function resolveCountry(input: string, dataset: CountryDataset = loadCountryData()): Country {
  const trimmed = input.trim();
  if (trimmed === "" || trimmed.length > MAX_INPUT) {
    throw new WardenError(
      "invalid_input",
      "Give a country as an ISO 3166 alpha-2 code (IN), alpha-3 code (IND) or name (India).",
    );
  }
  const key = normalizeCountryKey(trimmed);
  const found = dataset.index.byKey.get(key);
  if (found) return found;
  if (key === "eu" || key === "european union") {
    throw new WardenError(
      "invalid_input",
      "The European Union is not a country: give the member state whose courts you would use (e.g. DE, FR, NL); Warden treats the judgments of every member state's courts alike.",
    );
  }
  const suggestions = suggestCountries(trimmed, dataset);
  const hint =
    suggestions.length > 0
      ? ` Did you mean ${suggestions.map((s) => `${s.name} (${s.alpha2})`).join(", ")}?`
      : " Use an ISO 3166 alpha-2 or alpha-3 code or an English country name.";
  throw new WardenError(
    "not_found",
    `No jurisdiction data for country "${trimmed}".${hint} Warden knows ${dataset.countries.length} countries.`,
    { input: trimmed, suggestions },
  );
}

/** The countries whose codes, names or aliases are closest to `input` (at most five). */
export function suggestCountries(
  input: string,
  dataset: CountryDataset = loadCountryData(),
): CountrySuggestion[] {
  const query = normalizeCountryKey(input);
  if (query === "") return [];
  const scored: { country: Country; distance: number }[] = [];
  for (const country of dataset.countries) {
    let best = Number.POSITIVE_INFINITY;
    for (const key of countryKeys(country)) {
      if (key.length > 3 && query.length >= 3 && (key.startsWith(query) || query.startsWith(key))) best = 0;
      else best = Math.min(best, editDistance(query, key));
    }
    const allowed = Math.max(1, Math.floor(query.length / 3));
    if (best <= allowed) scored.push({ country, distance: best });
  }
  scored.sort((a, b) => a.distance - b.distance || a.country.name.localeCompare(b.country.name));
  return scored.slice(0, 5).map(({ country }) => ({ alpha2: country.alpha2, name: country.name }));
}

// Damerau-style distance (adjacent swaps count once) so that "Indai" is one step from "India".
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 4) return Math.abs(a.length - b.length);
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i]!;
      let value = Math.min(d[i - 1]![j]! + 1, row[j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, d[i - 2]![j - 2]! + 1);
      }
      row[j] = value;
    }
  }
  return d[a.length]![b.length]!;
}
