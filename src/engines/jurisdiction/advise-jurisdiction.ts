import {
  assessJudgmentEnforcement,
  isEuMember,
  type JudgmentEnforcement,
} from "./assess-judgment-enforcement.ts";
import type { Country, Seat } from "./country-data-schema.ts";
import { countryAtStart, countryInSentence } from "./country-name.ts";
import { isEnforceableSeat, type SeatEnforceability } from "./is-enforceable-seat.ts";
import { type CountryDataset, loadCountryData } from "./load-country-data.ts";
import { resolveCountry } from "./resolve-country.ts";
import { countryFacts, type SourcedFact } from "./sourced-fact.ts";

export interface CountryRef {
  alpha2: string;
  alpha3: string;
  name: string;
}

export interface Forum {
  kind: "home-courts" | "arbitration";
  /** For arbitration: where the arbitration is legally seated. */
  seat?: { alpha2: string; name: string; city: string };
  rules?: string[];
  reason: string;
}

export interface Risk {
  severity: "high" | "medium" | "low";
  topic: "enforcement" | "arbitration" | "ip" | "sanctions" | "data-quality" | "other";
  text: string;
}

export interface JurisdictionAdvice {
  vendor: CountryRef;
  home: CountryRef;
  recommendedForum: Forum;
  /** Other acceptable forums, best first. */
  alternatives: Forum[];
  judgmentEnforcement: Omit<JudgmentEnforcement, "facts">;
  seatEnforceability?: Omit<SeatEnforceability, "facts">;
  risks: Risk[];
  contractShouldSay: string[];
  facts: SourcedFact[];
  disclaimer: string;
}

const DISCLAIMER =
  "Decision support from public treaty lists and Warden's summary of national law, not legal advice: confirm low-confidence facts, and the clause, with counsel admitted in the vendor's country.";

/**
 * Advises on governing law and forum for a vendor in `vendorCountry` and a company whose courts are in
 * `homeCountry` (default the United States): home courts where their judgments are reliably enforced
 * in the vendor's country, otherwise arbitration at a seat whose awards that country enforces under
 * the New York Convention. Returns the risks, what the contract should say and every fact used, with
 * its source.
 *
 * @example
 * const advice = adviseJurisdiction("India");            // home = US
 * advice.recommendedForum;  // { kind: "arbitration", seat: { city: "Singapore", … }, rules: ["SIAC Rules", …], … }
 * adviseJurisdiction("GB").recommendedForum.kind;        // "home-courts"
 */
export function adviseJurisdiction(
  vendorCountry: string,
  homeCountry = "US",
  dataset: CountryDataset = loadCountryData(),
): JurisdictionAdvice {
  const vendor = resolveCountry(vendorCountry, dataset);
  const home = resolveCountry(homeCountry, dataset);
  const judgments = assessJudgmentEnforcement(vendor, home, dataset);
  const H = countryInSentence(home);
  const V = countryInSentence(vendor);
  const VC = countryAtStart(vendor);
  const facts: SourcedFact[] = [...countryFacts(dataset, vendor), ...judgments.facts];
  const risks: Risk[] = [];
  const contract: string[] = [];
  const { facts: _judgmentFacts, ...judgmentSummary } = judgments;

  if (vendor.alpha2 === home.alpha2) {
    return {
      vendor: ref(vendor),
      home: ref(home),
      recommendedForum: {
        kind: "home-courts",
        reason: `The vendor is in ${H}: a domestic contract, with the courts of ${H}.`,
      },
      alternatives: [],
      judgmentEnforcement: judgmentSummary,
      risks: ipRisks(vendor),
      contractShouldSay: [
        `Governing law: the law of ${H}. Exclusive jurisdiction: the courts of ${H}.`,
        ...vendor.contractNotes,
      ],
      facts,
      disclaimer: DISCLAIMER,
    };
  }

  const seatChoice = chooseSeat(vendor, home, dataset);
  if (seatChoice) facts.push(...seatChoice.check.facts.filter((f) => !facts.some((g) => same(f, g))));
  const arbitration: Forum | undefined = seatChoice && {
    kind: "arbitration",
    seat: { alpha2: seatChoice.seat.country, name: seatChoice.check.seat.name, city: seatChoice.seat.city },
    rules: seatChoice.seat.rules,
    reason: "",
  };
  const homeCourts: Forum = { kind: "home-courts", reason: "" };
  const seatWhy = seatChoice ? seatChoice.check.reasons.join(" ") : "";
  const how = seatChoice ? enforcedHow(seatChoice.check) : "";
  const reliable = judgments.reliability === "reliable";
  const firm = reliable && judgments.confidence !== "low";

  let recommended: Forum;
  const alternatives: Forum[] = [];
  const seatName = arbitration?.seat
    ? arbitration.seat.city === arbitration.seat.name
      ? arbitration.seat.city
      : `${arbitration.seat.city} (${arbitration.seat.name})`
    : "";
  if (firm || !arbitration) {
    homeCourts.reason = reliable
      ? `A judgment of the courts of ${H} is enforceable in ${V}: ${judgments.summary}`
      : `No arbitral seat with enforceable awards was found for ${V}; home courts are the fallback, but: ${judgments.summary}`;
    recommended = homeCourts;
    if (arbitration && seatChoice?.check.verdict === "enforceable") {
      arbitration.reason = `Also sound: an award seated in ${seatName} is enforceable in ${V} ${how}, and arbitration keeps the dispute confidential.`;
      alternatives.push(arbitration);
    }
  } else {
    const enforceableSeat = seatChoice?.check.verdict === "enforceable";
    arbitration.reason = reliable
      ? `Enforcement of judgments of the courts of ${H} in ${V} is stated with low confidence (${judgments.summary}); an award seated in ${seatName} is the safer route${enforceableSeat ? `, enforceable there ${how}.` : `: ${seatWhy}`}`
      : `Judgments of the courts of ${H} are not directly enforceable in ${V} (${judgments.summary})${
          enforceableSeat
            ? `; an award seated in ${seatName} is enforceable there ${how}.`
            : `; an award seated in ${seatName} is the better of the uncertain options: ${seatWhy}`
        }`;
    recommended = arbitration;
    if (reliable) {
      homeCourts.reason = `Possible if the low-confidence statement holds: ${judgments.summary}`;
      alternatives.push(homeCourts);
    }
  }

  // Risks: enforcement of judgments, then arbitration, then the country's own notes.
  if (judgments.reliability === "unlikely") {
    risks.push({
      severity: "high",
      topic: "enforcement",
      text: `A judgment of the courts of ${H} would very likely not be enforced in ${V}: ${judgments.summary}`,
    });
  } else if (judgments.reliability === "uncertain") {
    risks.push({
      severity: "medium",
      topic: "enforcement",
      text: `A judgment of the courts of ${H} is not directly enforceable in ${V}: ${judgments.summary}`,
    });
  } else if (judgments.reliability === "unknown") {
    risks.push({
      severity: "medium",
      topic: "enforcement",
      text: `Whether ${V} enforces judgments of the courts of ${H} is not established: ${judgments.summary}`,
    });
  }
  if (judgments.basis === "hague-2005") {
    risks.push({
      severity: "low",
      topic: "enforcement",
      text: "The Hague 2005 route works only for an exclusive choice-of-court clause (a non-exclusive or one-sided clause loses it), and it excludes the validity and infringement of IP rights other than copyright unless infringement is claimed as a breach of the contract: frame IP misuse as a breach of the contract's confidentiality and assignment terms.",
    });
  }
  if (judgments.basis === "hague-2019") {
    risks.push({
      severity: "low",
      topic: "enforcement",
      text: "Hague 2019 applies only to proceedings begun after it entered into force for both countries, and it does not cover intellectual-property judgments: contract claims (breach of confidentiality, fees, indemnities) circulate, an infringement judgment does not.",
    });
  }
  if (vendor.newYork.status !== "party") {
    risks.push({
      severity: "high",
      topic: "arbitration",
      text: `${VC} is not a party to the New York Convention: arbitral awards may not be enforceable there; enforcement depends on its own arbitration law.`,
    });
  } else if (seatChoice && seatChoice.check.verdict !== "enforceable") {
    risks.push({
      severity: "medium",
      topic: "arbitration",
      text: seatChoice.check.reasons.join(" "),
    });
  }
  if (vendor.wto.status !== "party") {
    risks.push({
      severity: "medium",
      topic: "ip",
      text: `${VC} is not a WTO member, so the TRIPS minimum standards of IP protection and enforcement do not bind it.`,
    });
  }
  if (vendor.berne.status !== "party") {
    risks.push({
      severity: vendor.wto.status === "party" ? "low" : "medium",
      topic: "ip",
      text: `${VC} is not a party to the Berne Convention${vendor.wto.status === "party" ? "; TRIPS still requires Berne-level copyright protection" : ""}.`,
    });
  }
  risks.push(...ipRisks(vendor));
  const lowConfidence = facts.filter((f) => f.confidence === "low");
  if (lowConfidence.length > 0) {
    risks.push({
      severity: "low",
      topic: "data-quality",
      text: `${lowConfidence.length} fact(s) used here are low-confidence (${[...new Set(lowConfidence.map((f) => f.topic))].join(", ")}): confirm them with local counsel.`,
    });
  }

  // What the contract should say.
  contract.push(
    `Governing law: the law of ${H} (name the state or part where that matters), excluding its conflict-of-laws rules and the UN Convention on Contracts for the International Sale of Goods.`,
  );
  if (recommended.kind === "home-courts") {
    contract.push(
      `Exclusive jurisdiction of the courts of ${H}${judgments.hagueChoiceOfCourtApplies ? " (keep the clause exclusive and mutual: the Hague Choice of Court Convention 2005 then applies)" : ""}; the vendor submits to it and appoints an agent for service of process in ${H}.`,
    );
  }
  if (arbitration && recommended.kind === "arbitration") {
    const rules = arbitration.rules?.[0] ?? "institutional rules";
    contract.push(
      `Every dispute arising out of or in connection with the contract is finally resolved by arbitration under the ${rules}, seated in ${seatName}, in English, by one arbitrator (three above an agreed amount).`,
      `The award is final and binding, and judgment on it may be entered by any competent court, including the courts of ${V}.`,
      "The emergency-arbitrator and expedited procedures of the rules are available.",
    );
    if (vendor.newYork.reservations?.commercial === true) {
      contract.push(
        `The relationship is commercial (${V} applies the New York Convention only to commercial relationships).`,
      );
    }
  }
  contract.push(
    `Either party may seek urgent interim relief (injunctions against use or disclosure of code, data or other IP, orders to deliver up or destroy materials) from any competent court, including the courts of ${V}, without waiving the agreed forum.`,
    `The IP assignment and confidentiality obligations are drafted to be valid under ${V}'s law as well as the governing law (present assignment of future rights, waiver of moral rights where allowed, further assurances).`,
    ...vendor.contractNotes,
  );

  const seatSummary = seatChoice ? (({ facts: _f, ...rest }) => rest)(seatChoice.check) : undefined;
  const advice: JurisdictionAdvice = {
    vendor: ref(vendor),
    home: ref(home),
    recommendedForum: recommended,
    alternatives,
    judgmentEnforcement: judgmentSummary,
    risks: sortRisks(risks),
    contractShouldSay: contract,
    facts,
    disclaimer: DISCLAIMER,
  };
  if (seatSummary) advice.seatEnforceability = seatSummary;
  return advice;
}

/**
 * Picks the arbitral seat: the vendor's own preferred seats, then its region's (nearest the home
 * first), then the home country if it is a seat; the vendor's own country only if nothing else fits. The first seat
 * whose awards the vendor's country enforces wins; failing that, the first uncertain one.
 */
function chooseSeat(
  vendor: Country,
  home: Country,
  dataset: CountryDataset,
): { seat: Seat; check: SeatEnforceability } | undefined {
  const bySeatCountry = new Map(dataset.seats.map((s) => [s.country, s]));
  // Within the region's usual seats, those nearest the home come first: the home itself, then, for
  // an EU home, seats in the EU (Paris before New York for a German company's Argentine vendor).
  const closeness = (code: string) => {
    if (code === home.alpha2) return 0;
    const seatCountry = dataset.index.byAlpha2.get(code);
    return isEuMember(home) && seatCountry && isEuMember(seatCountry) ? 1 : 2;
  };
  const regional = [...(dataset.seatPreferences[vendor.region] ?? [])].sort(
    (a, b) => closeness(a) - closeness(b),
  );
  // The vendor's own country is a seat of last resort: a neutral seat is the point.
  const neutral = [...vendor.preferredSeats, ...regional, home.alpha2].filter(
    (code) => code !== vendor.alpha2,
  );
  const tried: { seat: Seat; check: SeatEnforceability }[] = [];
  for (const code of [...new Set(neutral), vendor.alpha2]) {
    const seat = bySeatCountry.get(code);
    if (!seat) continue;
    if (code === vendor.alpha2 && tried.length > 0) continue;
    const seatCountry = dataset.index.byAlpha2.get(code);
    if (!seatCountry) continue;
    tried.push({ seat, check: isEnforceableSeat(seatCountry, vendor, dataset) });
  }
  return (
    tried.find((t) => t.check.verdict === "enforceable") ?? tried.find((t) => t.check.verdict === "uncertain")
  );
}

function enforcedHow(check: SeatEnforceability): string {
  switch (check.basis) {
    case "domestic":
      return "as a domestic award";
    case "mainland-hong-kong-arrangement":
      return "under the Mainland-Hong Kong arrangement on arbitral awards";
    case "new-york-convention":
      return "under the New York Convention";
    default:
      return "only as its own law allows";
  }
}

function ipRisks(vendor: Country): Risk[] {
  const risks: Risk[] = [];
  const V = countryInSentence(vendor);
  if (vendor.ipLaw.maturity !== "strong") {
    risks.push({
      severity: vendor.ipLaw.maturity === "developing" ? "medium" : "low",
      topic: "ip",
      text: `IP-law maturity in ${V} is ${vendor.ipLaw.maturity}${vendor.ipLaw.note ? `: ${vendor.ipLaw.note}` : "."}`,
    });
  }
  for (const note of vendor.notes) {
    risks.push({
      severity: note.severity,
      topic:
        note.topic === "ip"
          ? "ip"
          : note.topic === "sanctions"
            ? "sanctions"
            : note.topic === "enforcement"
              ? "enforcement"
              : "other",
      text: note.text,
    });
  }
  return risks;
}

function sortRisks(risks: Risk[]): Risk[] {
  const rank = { high: 0, medium: 1, low: 2 };
  return risks
    .map((r, i) => ({ r, i }))
    .sort((a, b) => rank[a.r.severity] - rank[b.r.severity] || a.i - b.i)
    .map((x) => x.r);
}

function ref(country: Country): CountryRef {
  return { alpha2: country.alpha2, alpha3: country.alpha3, name: country.name };
}

function same(a: SourcedFact, b: SourcedFact): boolean {
  return a.country === b.country && a.topic === b.topic;
}
