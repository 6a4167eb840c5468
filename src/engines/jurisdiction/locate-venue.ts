import { isEuMember } from "./assess-judgment-enforcement.ts";
import type { Country } from "./country-data-schema.ts";
import { countryInSentence } from "./country-name.ts";
import { type CountryDataset, loadCountryData } from "./load-country-data.ts";
import { resolveCountry } from "./resolve-country.ts";

export interface VenueMatch {
  alpha2: string;
  name: string;
  /** The words of the venue text that named the country (a country name, alias, city or region). */
  matched: string;
}

const MAX_VENUE_TEXT = 10_000;

/**
 * Finds the countries a venue text names, by country name, alias or a known city or region
 * ("the courts of New York" → US, "London" → GB, "SIAC, Singapore" → SG). Short all-capital aliases
 * ("UK", "USA") match only in capitals so that ordinary words are not taken for codes.
 *
 * @example
 * locateVenue("exclusive jurisdiction of the courts of England and Wales"); // [{ alpha2: "GB", … }]
 */
export function locateVenue(venue: string, dataset: CountryDataset = loadCountryData()): VenueMatch[] {
  const text = venue.slice(0, MAX_VENUE_TEXT).normalize("NFC");
  const matches: VenueMatch[] = [];
  const seen = new Set<string>();
  for (const [term, country] of venueTerms(dataset)) {
    if (seen.has(country.alpha2)) continue;
    const found = findTerm(text, term);
    if (found !== undefined) {
      seen.add(country.alpha2);
      matches.push({ alpha2: country.alpha2, name: country.name, matched: found });
    }
  }
  return matches;
}

export interface VenueAtHome {
  /** true: every country the venue names is home; false: none is; null: none found, or mixed. */
  atHome: boolean | null;
  matches: VenueMatch[];
  reason: string;
}

/**
 * Whether a named venue (courts or a seat) is in the home country. With `euCountsAsHome`, a venue in
 * any EU member state counts as home for an EU home (Brussels Ia makes those judgments circulate).
 *
 * @example
 * isVenueAtHome("courts of the State of New York", "US").atHome;  // true
 * isVenueAtHome("Mumbai", "US").atHome;                          // false
 */
export function isVenueAtHome(
  venue: string,
  homeInput: string | Country = "US",
  options: { euCountsAsHome?: boolean; dataset?: CountryDataset } = {},
): VenueAtHome {
  const dataset = options.dataset ?? loadCountryData();
  const home = typeof homeInput === "string" ? resolveCountry(homeInput, dataset) : homeInput;
  const matches = locateVenue(venue, dataset);
  if (matches.length === 0) {
    return {
      atHome: null,
      matches,
      reason: `The venue "${venue.slice(0, 80)}" names no country Warden knows.`,
    };
  }
  const isHome = (m: VenueMatch) => {
    if (m.alpha2 === home.alpha2) return true;
    if (!options.euCountsAsHome || !isEuMember(home)) return false;
    const other = dataset.index.byAlpha2.get(m.alpha2);
    return other !== undefined && isEuMember(other);
  };
  const atHome = matches.filter(isHome);
  const names = matches.map((m) => `${m.name} ("${m.matched}")`).join(", ");
  if (atHome.length === matches.length)
    return { atHome: true, matches, reason: `The venue is in ${names}: at home.` };
  if (atHome.length === 0) {
    return { atHome: false, matches, reason: `The venue is in ${names}, not in ${countryInSentence(home)}.` };
  }
  return { atHome: null, matches, reason: `The venue names several countries (${names}); read the clause.` };
}

const termCache = new WeakMap<CountryDataset, [string, Country][]>();

// Longest terms first, so "New South Wales" is tried before "Wales" and "Georgia" the country is
// matched by its name only after US places such as "New York" had their chance.
function venueTerms(dataset: CountryDataset): [string, Country][] {
  const cached = termCache.get(dataset);
  if (cached) return cached;
  const terms: [string, Country][] = [];
  for (const country of dataset.countries) {
    for (const term of [country.name, ...country.aliases, ...country.places]) terms.push([term, country]);
  }
  terms.sort((a, b) => b[0].length - a[0].length);
  termCache.set(dataset, terms);
  return terms;
}

function findTerm(text: string, term: string): string | undefined {
  const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const shortCode = term.replace(/\./g, "").length <= 3 && term === term.toUpperCase();
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, shortCode ? "u" : "iu");
  return pattern.exec(text)?.[0];
}
