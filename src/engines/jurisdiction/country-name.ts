const NAMES_WITH_THE = new Set([
  "United States",
  "United Kingdom",
  "United Arab Emirates",
  "Netherlands",
  "Philippines",
]);

/** A country's name as it reads inside a sentence: "the United States", "India". */
export function countryInSentence(country: { name: string }): string {
  return NAMES_WITH_THE.has(country.name) ? `the ${country.name}` : country.name;
}

/** A country's name at the start of a sentence: "The Netherlands", "India". */
export function countryAtStart(country: { name: string }): string {
  const name = countryInSentence(country);
  return name.charAt(0).toUpperCase() + name.slice(1);
}
