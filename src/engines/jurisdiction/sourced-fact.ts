import type { Confidence, Country, Source, TreatyFact } from "./country-data-schema.ts";
import { countryAtStart, countryInSentence } from "./country-name.ts";
import type { CountryDataset } from "./load-country-data.ts";

export type FactTopic =
  | "wto-trips"
  | "berne"
  | "new-york-convention"
  | "new-york-notified-seats"
  | "hague-choice-of-court-2005"
  | "hague-judgments-2019"
  | "eu-membership"
  | "judgment-enforcement"
  | "ip-law";

/** One fact as shown to a user: a sentence, how sure we are, when it held, and where it comes from. */
export interface SourcedFact {
  /** ISO alpha-2 code of the country the fact is about. */
  country: string;
  topic: FactTopic;
  statement: string;
  confidence: Confidence;
  asOf: string;
  note?: string;
  source: Source & { id: string };
}

interface FactLike {
  source: string;
  asOf: string;
  confidence: Confidence;
  note?: string | undefined;
}

export function sourcedFact(
  dataset: CountryDataset,
  country: Country,
  topic: FactTopic,
  statement: string,
  fact: FactLike,
): SourcedFact {
  // The loader guarantees every source id resolves.
  const source = dataset.sources[fact.source]!;
  const out: SourcedFact = {
    country: country.alpha2,
    topic,
    statement,
    confidence: fact.confidence,
    asOf: fact.asOf,
    source: { id: fact.source, ...source },
  };
  if (fact.note) out.note = fact.note;
  return out;
}

const treatyNames: Record<string, string> = {
  "wto-trips": "a WTO member (so bound by TRIPS)",
  berne: "a party to the Berne Convention",
  "new-york-convention": "a party to the New York Convention (1958)",
  "hague-choice-of-court-2005": "a party to the Hague Choice of Court Convention (2005)",
  "hague-judgments-2019": "a party to the Hague Judgments Convention (2019)",
  "eu-membership": "an EU member state",
};

export function treatyStatement(country: Country, topic: FactTopic, fact: TreatyFact): string {
  const what = treatyNames[topic] ?? topic;
  const since = fact.since ? ` since ${fact.since}` : "";
  switch (fact.status) {
    case "party":
      return `${countryAtStart(country)} is ${what}${since}.`;
    case "signatory":
      return `${countryAtStart(country)} has signed but not ratified: not ${what}.`;
    case "not-party":
      return `${countryAtStart(country)} is not ${what}.`;
    default:
      return `Unknown whether ${countryInSentence(country)} is ${what}.`;
  }
}

/** The treaty and law facts about one country, each with its source. */
export function countryFacts(dataset: CountryDataset, country: Country): SourcedFact[] {
  const facts: SourcedFact[] = [];
  const treaty = (topic: FactTopic, fact: TreatyFact) =>
    facts.push(sourcedFact(dataset, country, topic, treatyStatement(country, topic, fact), fact));
  if (country.euMember) treaty("eu-membership", country.euMember);
  treaty("wto-trips", country.wto);
  treaty("berne", country.berne);
  const ny = country.newYork;
  let nyStatement = treatyStatement(country, "new-york-convention", ny);
  if (ny.status === "party" && ny.reservations) {
    const r = ny.reservations;
    const kept: string[] = [];
    if (r.reciprocity === true) kept.push("reciprocity");
    if (r.commercial === true) kept.push("commercial");
    const unknown = r.reciprocity === "unknown" || r.commercial === "unknown";
    if (kept.length > 0) nyStatement += ` Reservations: ${kept.join(" and ")}`;
    else if (!unknown) nyStatement += " No reservations";
    if (unknown) nyStatement += `${kept.length > 0 ? "; others" : " Reservations"} not confirmed`;
    nyStatement += ` (${r.confidence} confidence).`;
  }
  facts.push(sourcedFact(dataset, country, "new-york-convention", nyStatement, ny));
  const notified = country.awardsFromNotifiedCountriesOnly;
  if (notified) {
    facts.push(
      sourcedFact(
        dataset,
        country,
        "new-york-notified-seats",
        `${countryAtStart(country)} enforces Convention awards only from notified countries; known notified seats: ${notified.countries.join(", ")}.`,
        notified,
      ),
    );
  }
  treaty("hague-choice-of-court-2005", country.hagueChoiceOfCourt);
  treaty("hague-judgments-2019", country.hagueJudgments);
  facts.push(
    sourcedFact(
      dataset,
      country,
      "ip-law",
      `IP-law maturity in ${countryInSentence(country)}: ${country.ipLaw.maturity}.`,
      country.ipLaw,
    ),
  );
  return facts;
}
