import type { Confidence, Country, JudgmentHome, JudgmentRoute, Reliability } from "./country-data-schema.ts";
import { countryInSentence } from "./country-name.ts";
import { type CountryDataset, loadCountryData } from "./load-country-data.ts";
import { resolveCountry } from "./resolve-country.ts";
import { type SourcedFact, sourcedFact } from "./sourced-fact.ts";

export type JudgmentBasis = "same-country" | "brussels-ia" | "data" | "hague-2019" | "hague-2005" | "none";

/** Whether a judgment of the home country's courts would be enforced in the vendor's country, and how. */
export interface JudgmentEnforcement {
  route: JudgmentRoute;
  reliability: Reliability;
  basis: JudgmentBasis;
  summary: string;
  confidence: Confidence;
  /** Hague 2005 covers only exclusive choice-of-court agreements: the chosen route needs one. */
  needsExclusiveChoiceOfCourt: boolean;
  /** Both countries are Hague 2005 parties, so an exclusive choice-of-court clause adds a treaty route. */
  hagueChoiceOfCourtApplies: boolean;
  facts: SourcedFact[];
}

const reliabilityRank: Record<Reliability, number> = { reliable: 3, uncertain: 2, unknown: 1, unlikely: 0 };
// Between equally reliable treaty routes, prefer the one derived from the treaty lists over a summary.
const basisRank: Record<JudgmentBasis, number> = {
  "same-country": 5,
  "brussels-ia": 4,
  "hague-2019": 3,
  "hague-2005": 2,
  data: 1,
  none: 0,
};
const routeRank: Record<JudgmentRoute, number> = {
  treaty: 5,
  registration: 4,
  exequatur: 3,
  "action-on-judgment": 2,
  none: 1,
  unknown: 0,
};

export function isEuMember(country: Country): boolean {
  return country.euMember?.status === "party";
}

/** The key under which the data states judgment enforcement for this home, if any. */
export function judgmentHomeKey(home: Country): JudgmentHome | undefined {
  if (home.alpha2 === "US" || home.alpha2 === "GB") return home.alpha2;
  return isEuMember(home) ? "EU" : undefined;
}

/**
 * Assesses whether a judgment of `home`'s courts is enforced in `vendor`: the EU regime between member
 * states, the data file's statement for the home (US, UK, EU), and the Hague 2005 and 2019 conventions
 * when both are parties; the strongest route wins.
 *
 * @example
 * assessJudgmentEnforcement("IN", "US").route;       // "action-on-judgment" (a fresh suit)
 * assessJudgmentEnforcement("MX", "GB").basis;       // "hague-2005" or "data" (exclusive clause needed)
 */
export function assessJudgmentEnforcement(
  vendorInput: string | Country,
  homeInput: string | Country,
  dataset: CountryDataset = loadCountryData(),
): JudgmentEnforcement {
  const vendor = typeof vendorInput === "string" ? resolveCountry(vendorInput, dataset) : vendorInput;
  const home = typeof homeInput === "string" ? resolveCountry(homeInput, dataset) : homeInput;
  if (vendor.alpha2 === home.alpha2) {
    return {
      route: "treaty",
      reliability: "reliable",
      basis: "same-country",
      summary: `The vendor and home are both in ${countryInSentence(home)}: a domestic judgment is enforced directly.`,
      confidence: "high",
      needsExclusiveChoiceOfCourt: false,
      hagueChoiceOfCourtApplies: false,
      facts: [],
    };
  }
  const candidates: Omit<JudgmentEnforcement, "hagueChoiceOfCourtApplies">[] = [];
  if (isEuMember(vendor) && isEuMember(home)) {
    candidates.push({
      route: "treaty",
      reliability: "reliable",
      basis: "brussels-ia",
      summary: `Both are EU member states: a judgment of the courts of ${countryInSentence(home)} is enforceable in ${countryInSentence(vendor)} under Regulation (EU) 1215/2012 (Brussels Ia) without a declaration of enforceability.`,
      confidence: "high",
      needsExclusiveChoiceOfCourt: false,
      facts: [
        sourcedFact(
          dataset,
          vendor,
          "judgment-enforcement",
          `Brussels Ia applies between ${countryInSentence(home)} and ${countryInSentence(vendor)}.`,
          {
            source: "eu-brussels-1a",
            asOf: "2025",
            confidence: "high",
          },
        ),
      ],
    });
  }
  const key = judgmentHomeKey(home);
  const stated = key ? vendor.judgments[key] : undefined;
  if (stated) {
    candidates.push({
      route: stated.route,
      reliability: stated.reliability,
      basis: "data",
      summary: stated.summary,
      confidence: stated.confidence,
      needsExclusiveChoiceOfCourt: false,
      facts: [
        sourcedFact(
          dataset,
          vendor,
          "judgment-enforcement",
          `Judgments of ${key === "EU" ? "EU member-state courts" : `the courts of ${countryInSentence(home)}`} in ${countryInSentence(vendor)}: ${stated.route}, ${stated.reliability}. ${stated.summary}`,
          stated,
        ),
      ],
    });
  }
  if (vendor.hagueJudgments.status === "party" && home.hagueJudgments.status === "party") {
    const from = [vendor.hagueJudgments.since, home.hagueJudgments.since].filter(Boolean).sort().at(-1);
    candidates.push({
      route: "treaty",
      reliability: "reliable",
      basis: "hague-2019",
      summary: `Both are parties to the Hague Judgments Convention 2019: judgments in civil and commercial matters circulate between them${from ? ` (for proceedings begun once it was in force for both, ${from})` : ""}.`,
      confidence: minConfidence(vendor.hagueJudgments.confidence, home.hagueJudgments.confidence),
      needsExclusiveChoiceOfCourt: false,
      facts: [
        sourcedFact(
          dataset,
          vendor,
          "hague-judgments-2019",
          `${countryInSentence(vendor)} is a party to Hague 2019.`,
          vendor.hagueJudgments,
        ),
        sourcedFact(
          dataset,
          home,
          "hague-judgments-2019",
          `${countryInSentence(home)} is a party to Hague 2019.`,
          home.hagueJudgments,
        ),
      ],
    });
  }
  if (vendor.hagueChoiceOfCourt.status === "party" && home.hagueChoiceOfCourt.status === "party") {
    candidates.push({
      route: "treaty",
      reliability: "reliable",
      basis: "hague-2005",
      summary: `Both are parties to the Hague Choice of Court Convention 2005: a judgment of the ${countryInSentence(home)} court chosen in an exclusive choice-of-court agreement must be recognised in ${countryInSentence(vendor)}.`,
      confidence: minConfidence(vendor.hagueChoiceOfCourt.confidence, home.hagueChoiceOfCourt.confidence),
      needsExclusiveChoiceOfCourt: true,
      facts: [
        sourcedFact(
          dataset,
          vendor,
          "hague-choice-of-court-2005",
          `${countryInSentence(vendor)} is a party to Hague 2005.`,
          vendor.hagueChoiceOfCourt,
        ),
        sourcedFact(
          dataset,
          home,
          "hague-choice-of-court-2005",
          `${countryInSentence(home)} is a party to Hague 2005.`,
          home.hagueChoiceOfCourt,
        ),
      ],
    });
  }
  if (candidates.length === 0) {
    return {
      route: "unknown",
      reliability: "unknown",
      basis: "none",
      summary: `Warden has no statement on enforcing ${countryInSentence(home)} judgments in ${countryInSentence(vendor)}, and no Hague convention is in force between them.`,
      confidence: "low",
      needsExclusiveChoiceOfCourt: false,
      hagueChoiceOfCourtApplies: false,
      facts: [],
    };
  }
  candidates.sort(
    (a, b) =>
      reliabilityRank[b.reliability] - reliabilityRank[a.reliability] ||
      routeRank[b.route] - routeRank[a.route] ||
      basisRank[b.basis] - basisRank[a.basis],
  );
  const best = candidates[0]!;
  // The other candidates still explain the picture (e.g. national law behind a treaty route).
  return {
    ...best,
    hagueChoiceOfCourtApplies: candidates.some((c) => c.basis === "hague-2005"),
    facts: candidates.flatMap((c) => c.facts),
  };
}

function minConfidence(a: Confidence, b: Confidence): Confidence {
  const order: Confidence[] = ["low", "medium", "high"];
  return order[Math.min(order.indexOf(a), order.indexOf(b))]!;
}
