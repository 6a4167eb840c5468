import { readFileSync } from "node:fs";
import { parse } from "yaml";
import type { z } from "zod";
import { WardenError } from "../../domain/errors.ts";
import {
  type Country,
  type CountryData,
  countryDataSchema,
  type Region,
  type Seat,
  type Source,
} from "./country-data-schema.ts";
import { buildCountryIndex, type CountryIndex } from "./country-index.ts";

/** The parsed, cross-checked jurisdiction data with its lookup index. */
export interface CountryDataset {
  sources: Readonly<Record<string, Source>>;
  seats: readonly Seat[];
  seatPreferences: Readonly<Record<Region, readonly string[]>>;
  countries: readonly Country[];
  index: CountryIndex;
}

export interface DataProblem {
  path: string;
  message: string;
}

const MAX_DATA_BYTES = 2 * 1024 * 1024;

/**
 * Parses and checks a jurisdiction data file (YAML text): the zod schema, then the cross-references
 * (every fact's source exists, codes and names are unique, seats and notified countries are known).
 * Throws WardenError("invalid_input") listing every problem with its place.
 *
 * @example
 * const dataset = parseCountryData(readFileSync("countries.yaml", "utf8"));
 */
export function parseCountryData(text: string): CountryDataset {
  if (Buffer.byteLength(text, "utf8") > MAX_DATA_BYTES) {
    throw new WardenError("too_large", `Jurisdiction data is larger than ${MAX_DATA_BYTES} bytes.`);
  }
  let raw: unknown;
  try {
    raw = parse(text, { maxAliasCount: 0, uniqueKeys: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new WardenError("invalid_input", `Jurisdiction data is not valid YAML: ${message}`);
  }
  const parsed = countryDataSchema.safeParse(raw);
  if (!parsed.success) fail(parsed.error.issues.map(fromZodIssue));
  const data = parsed.data;
  const index = buildCountryIndex(data.countries);
  const problems = crossCheck(data, index);
  if (problems.length > 0) fail(problems);
  return {
    sources: data.sources,
    seats: data.seats,
    seatPreferences: data.seatPreferences,
    countries: data.countries,
    index,
  };
}

let bundled: CountryDataset | undefined;

/** The data file shipped with Warden (`countries.yaml` beside this module), parsed once. */
export function loadCountryData(): CountryDataset {
  bundled ??= parseCountryData(readFileSync(new URL("./countries.yaml", import.meta.url), "utf8"));
  return bundled;
}

function fail(problems: DataProblem[]): never {
  const shown = problems
    .slice(0, 20)
    .map((p) => `${p.path}: ${p.message}`)
    .join("; ");
  const more = problems.length > 20 ? ` (and ${problems.length - 20} more)` : "";
  throw new WardenError("invalid_input", `Jurisdiction data is invalid: ${shown}${more}`, { problems });
}

function fromZodIssue(issue: z.core.$ZodIssue): DataProblem {
  return { path: formatPath(issue.path), message: issue.message };
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out || "(root)";
}

function crossCheck(data: CountryData, index: CountryIndex): DataProblem[] {
  const problems: DataProblem[] = [];
  const seen2 = new Map<string, number>();
  const seen3 = new Map<string, number>();
  data.countries.forEach((country, i) => {
    const at = `countries[${i}]`;
    const dup2 = seen2.get(country.alpha2);
    if (dup2 !== undefined)
      problems.push({ path: `${at}.alpha2`, message: `"${country.alpha2}" repeats countries[${dup2}]` });
    seen2.set(country.alpha2, i);
    const dup3 = seen3.get(country.alpha3);
    if (dup3 !== undefined)
      problems.push({ path: `${at}.alpha3`, message: `"${country.alpha3}" repeats countries[${dup3}]` });
    seen3.set(country.alpha3, i);

    const facts: [string, { source: string } | undefined][] = [
      ["euMember", country.euMember],
      ["wto", country.wto],
      ["berne", country.berne],
      ["newYork", country.newYork],
      ["awardsFromNotifiedCountriesOnly", country.awardsFromNotifiedCountriesOnly],
      ["hagueChoiceOfCourt", country.hagueChoiceOfCourt],
      ["hagueJudgments", country.hagueJudgments],
      ["judgments.US", country.judgments.US],
      ["judgments.GB", country.judgments.GB],
      ["judgments.EU", country.judgments.EU],
      ["ipLaw", country.ipLaw],
    ];
    for (const [name, fact] of facts) {
      if (fact && !(fact.source in data.sources)) {
        problems.push({ path: `${at}.${name}.source`, message: `unknown source "${fact.source}"` });
      }
    }
    if (country.judgments[country.alpha2 as "US" | "GB"]) {
      problems.push({
        path: `${at}.judgments.${country.alpha2}`,
        message: "a country's own judgments need no entry",
      });
    }
    if (country.euMember?.status === "party" && country.judgments.EU) {
      problems.push({
        path: `${at}.judgments.EU`,
        message: "between EU member states Brussels Ia applies; remove the entry",
      });
    }
    country.preferredSeats.forEach((code, j) => {
      if (!data.seats.some((seat) => seat.country === code)) {
        problems.push({ path: `${at}.preferredSeats[${j}]`, message: `"${code}" is not listed in seats` });
      }
    });
    country.awardsFromNotifiedCountriesOnly?.countries.forEach((code, j) => {
      if (!index.byAlpha2.has(code)) {
        problems.push({
          path: `${at}.awardsFromNotifiedCountriesOnly.countries[${j}]`,
          message: `unknown country "${code}"`,
        });
      }
    });
  });
  for (const collision of index.collisions) {
    problems.push({
      path: "countries",
      message: `name or code "${collision.key}" belongs to both ${collision.countries[0]} and ${collision.countries[1]}`,
    });
  }
  const seatCountries = new Set<string>();
  data.seats.forEach((seat, i) => {
    if (!index.byAlpha2.has(seat.country)) {
      problems.push({ path: `seats[${i}].country`, message: `unknown country "${seat.country}"` });
    }
    seatCountries.add(seat.country);
  });
  for (const [region, codes] of Object.entries(data.seatPreferences)) {
    codes.forEach((code, j) => {
      if (!seatCountries.has(code)) {
        problems.push({
          path: `seatPreferences.${region}[${j}]`,
          message: `"${code}" is not listed in seats`,
        });
      }
    });
  }
  return problems;
}
