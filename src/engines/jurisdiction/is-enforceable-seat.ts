import type { Country } from "./country-data-schema.ts";
import { countryAtStart, countryInSentence } from "./country-name.ts";
import { type CountryDataset, loadCountryData } from "./load-country-data.ts";
import { resolveCountry } from "./resolve-country.ts";
import { type SourcedFact, sourcedFact, treatyStatement } from "./sourced-fact.ts";

export type SeatVerdict = "enforceable" | "uncertain" | "not-enforceable";
/** What the verdict rests on. */
export type SeatBasis = "domestic" | "mainland-hong-kong-arrangement" | "new-york-convention" | "local-law";

export interface SeatEnforceability {
  seat: { alpha2: string; name: string };
  vendor: { alpha2: string; name: string };
  verdict: SeatVerdict;
  basis: SeatBasis;
  reasons: string[];
  facts: SourcedFact[];
}

/**
 * Whether an arbitral award made in `seat` can be enforced in `vendor`'s country: the New York
 * Convention in the vendor's country, its reciprocity reservation, and notification lists such as
 * India's. Accepts codes or names.
 *
 * @example
 * isEnforceableSeat("SG", "IN").verdict;  // "enforceable" (Singapore is a notified country)
 * isEnforceableSeat("GB", "TW").verdict;  // "uncertain" (Taiwan is not a Convention party)
 */
export function isEnforceableSeat(
  seatInput: string | Country,
  vendorInput: string | Country,
  dataset: CountryDataset = loadCountryData(),
): SeatEnforceability {
  const seat = typeof seatInput === "string" ? resolveCountry(seatInput, dataset) : seatInput;
  const vendor = typeof vendorInput === "string" ? resolveCountry(vendorInput, dataset) : vendorInput;
  const result = (
    verdict: SeatVerdict,
    basis: SeatBasis,
    reasons: string[],
    facts: SourcedFact[],
  ): SeatEnforceability => ({
    seat: { alpha2: seat.alpha2, name: seat.name },
    vendor: { alpha2: vendor.alpha2, name: vendor.name },
    verdict,
    basis,
    reasons,
    facts,
  });
  const vendorNy = vendor.newYork;
  const vendorFact = sourcedFact(
    dataset,
    vendor,
    "new-york-convention",
    treatyStatement(vendor, "new-york-convention", vendorNy),
    vendorNy,
  );
  if (seat.alpha2 === vendor.alpha2) {
    return result(
      "enforceable",
      "domestic",
      [
        `An award seated in ${countryInSentence(vendor)} is a domestic award there, enforced under its own arbitration law.`,
      ],
      [],
    );
  }
  // Mainland China and Hong Kong enforce each other's awards under their 1999 Arrangement, not the Convention.
  const pair = [seat.alpha2, vendor.alpha2].sort().join("-");
  if (pair === "CN-HK") {
    return result(
      "enforceable",
      "mainland-hong-kong-arrangement",
      [
        `Awards between Mainland China and Hong Kong are enforced under the 1999 Arrangement (supplemented in 2020), not the New York Convention.`,
      ],
      [vendorFact],
    );
  }
  if (vendorNy.status !== "party") {
    return result(
      "uncertain",
      "local-law",
      [
        `${countryAtStart(vendor)} is not a party to the New York Convention: a foreign award is enforced only as its own law allows, so it may not be enforceable.`,
      ],
      [vendorFact],
    );
  }
  const reasons: string[] = [];
  const facts = [vendorFact];
  const seatNy = seat.newYork;
  if (seatNy.status !== "party") {
    const seatFact = sourcedFact(
      dataset,
      seat,
      "new-york-convention",
      treatyStatement(seat, "new-york-convention", seatNy),
      seatNy,
    );
    const reciprocity = vendorNy.reservations?.reciprocity;
    if (reciprocity === true) {
      return result(
        "not-enforceable",
        "new-york-convention",
        [
          `${countryAtStart(vendor)} applies the Convention only to awards made in another Contracting State (reciprocity reservation), and ${countryInSentence(seat)} is not one.`,
        ],
        [vendorFact, seatFact],
      );
    }
    reasons.push(
      `${countryAtStart(seat)} is not a Convention party; ${countryInSentence(vendor)} ${reciprocity === false ? "made no reciprocity reservation, so the Convention still applies" : "may apply a reciprocity reservation"}.`,
    );
    facts.push(seatFact);
    if (reciprocity !== false) return result("uncertain", "new-york-convention", reasons, facts);
  }
  const notified = vendor.awardsFromNotifiedCountriesOnly;
  if (notified) {
    facts.push(
      sourcedFact(
        dataset,
        vendor,
        "new-york-notified-seats",
        `${countryAtStart(vendor)} enforces Convention awards only from notified countries.`,
        notified,
      ),
    );
    if (!notified.countries.includes(seat.alpha2)) {
      reasons.push(
        `${countryAtStart(vendor)} enforces Convention awards only from countries notified in its gazette, and Warden cannot confirm that ${countryInSentence(seat)} is one: check the notification or choose a confirmed seat (${notified.countries.join(", ")}).`,
      );
      return result("uncertain", "new-york-convention", reasons, facts);
    }
    reasons.push(
      `${countryAtStart(seat)} is among the countries ${countryInSentence(vendor)} has notified for Convention awards.`,
    );
  }
  reasons.push(
    `${countryAtStart(vendor)} is a party to the New York Convention, so an award seated in ${countryInSentence(seat)} is enforceable there, subject to the Convention's limited refusal grounds (Article V).`,
  );
  if (vendorNy.reservations?.commercial === true) {
    reasons.push(
      `${countryAtStart(vendor)} applies the Convention only to commercial relationships; an outsourcing contract is one.`,
    );
  }
  return result("enforceable", "new-york-convention", reasons, facts);
}
