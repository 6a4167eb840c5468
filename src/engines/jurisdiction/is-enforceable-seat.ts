import type { Country } from "./country-data-schema.ts";
import { type CountryDataset, loadCountryData } from "./load-country-data.ts";
import { resolveCountry } from "./resolve-country.ts";
import { type SourcedFact, sourcedFact, treatyStatement } from "./sourced-fact.ts";

export type SeatVerdict = "enforceable" | "uncertain" | "not-enforceable";

export interface SeatEnforceability {
  seat: { alpha2: string; name: string };
  vendor: { alpha2: string; name: string };
  verdict: SeatVerdict;
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
  const result = (verdict: SeatVerdict, reasons: string[], facts: SourcedFact[]): SeatEnforceability => ({
    seat: { alpha2: seat.alpha2, name: seat.name },
    vendor: { alpha2: vendor.alpha2, name: vendor.name },
    verdict,
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
      [
        `An award seated in ${vendor.name} is a domestic award there, enforced under its own arbitration law.`,
      ],
      [],
    );
  }
  // Mainland China and Hong Kong enforce each other's awards under their 1999 Arrangement, not the Convention.
  const pair = [seat.alpha2, vendor.alpha2].sort().join("-");
  if (pair === "CN-HK") {
    return result(
      "enforceable",
      [
        `Awards between Mainland China and Hong Kong are enforced under the 1999 Arrangement (supplemented in 2020), not the New York Convention.`,
      ],
      [vendorFact],
    );
  }
  if (vendorNy.status !== "party") {
    return result(
      "uncertain",
      [
        `${vendor.name} is not a party to the New York Convention: a foreign award is enforced only as its own law allows, so it may not be enforceable.`,
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
        [
          `${vendor.name} applies the Convention only to awards made in another Contracting State (reciprocity reservation), and ${seat.name} is not one.`,
        ],
        [vendorFact, seatFact],
      );
    }
    reasons.push(
      `${seat.name} is not a Convention party; ${vendor.name} ${reciprocity === false ? "made no reciprocity reservation, so the Convention still applies" : "may apply a reciprocity reservation"}.`,
    );
    facts.push(seatFact);
    if (reciprocity !== false) return result("uncertain", reasons, facts);
  }
  const notified = vendor.awardsFromNotifiedCountriesOnly;
  if (notified) {
    facts.push(
      sourcedFact(
        dataset,
        vendor,
        "new-york-notified-seats",
        `${vendor.name} enforces Convention awards only from notified countries.`,
        notified,
      ),
    );
    if (!notified.countries.includes(seat.alpha2)) {
      reasons.push(
        `${vendor.name} enforces Convention awards only from countries notified in its gazette, and Warden cannot confirm that ${seat.name} is one: check the notification or choose a confirmed seat (${notified.countries.join(", ")}).`,
      );
      return result("uncertain", reasons, facts);
    }
    reasons.push(`${seat.name} is among the countries ${vendor.name} has notified for Convention awards.`);
  }
  reasons.push(
    `${vendor.name} is a party to the New York Convention, so an award seated in ${seat.name} is enforceable there, subject to the Convention's limited refusal grounds (Article V).`,
  );
  if (vendorNy.reservations?.commercial === true) {
    reasons.push(
      `${vendor.name} applies the Convention only to commercial relationships; an outsourcing contract is one.`,
    );
  }
  return result("enforceable", reasons, facts);
}
