/**
 * Jurisdiction advice (DD-4, CT-8): treaty standing and judgment enforcement for the countries most
 * used for outsourcing, each fact with its source, and the forum a contract with a vendor there
 * should choose. Data: `countries.yaml` beside this module, validated at load.
 */

export {
  adviseJurisdiction,
  type CountryRef,
  type Forum,
  type JurisdictionAdvice,
  type Risk,
} from "./advise-jurisdiction.ts";
export {
  assessJudgmentEnforcement,
  isEuMember,
  type JudgmentBasis,
  type JudgmentEnforcement,
} from "./assess-judgment-enforcement.ts";
export type {
  Confidence,
  Country,
  CountryNote,
  JudgmentFact,
  JudgmentHome,
  JudgmentRoute,
  NewYorkFact,
  Region,
  Reliability,
  Seat,
  Source,
  TreatyFact,
  TreatyStatus,
} from "./country-data-schema.ts";
export { countryDataSchema } from "./country-data-schema.ts";
export { formatAdvice } from "./format-advice.ts";
export { isEnforceableSeat, type SeatEnforceability, type SeatVerdict } from "./is-enforceable-seat.ts";
export {
  type CountryDataset,
  type DataProblem,
  loadCountryData,
  parseCountryData,
} from "./load-country-data.ts";
export { isVenueAtHome, locateVenue, type VenueAtHome, type VenueMatch } from "./locate-venue.ts";
export { type CountrySuggestion, resolveCountry, suggestCountries } from "./resolve-country.ts";
export { countryFacts, type FactTopic, type SourcedFact } from "./sourced-fact.ts";
