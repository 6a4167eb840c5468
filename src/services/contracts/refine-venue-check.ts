import type { ContractCheck, ContractPolicy, DetectedClause } from "../../engines/contracts/index.ts";
import { isVenueAtHome, type VenueMatch } from "../../engines/jurisdiction/index.ts";

// The contract engine knows the usual law-and-venue names; the jurisdiction
// engine knows every outsourcing country and its main cities. When the first
// finds a law or venue clause but no place in it, the second has a look.
const PLACE_NOT_FOUND = [
  /^The contract names no governing law, courts or arbitration\./,
  /names no jurisdiction Warden recognises/,
];

/**
 * Completes the CT-8 check with the jurisdiction engine: when the contract has
 * a venue or governing-law clause whose place the contract engine did not
 * recognise, `locateVenue`/`isVenueAtHome` read the clause and decide whether
 * disputes stay at home (the policy's home or accepted countries). Checks on
 * arbitration, or with a recognised place, are left as they are.
 *
 * @example
 * refineVenueCheck(checks, clauses, policy); // CT-8: "Disputes go to Belarus ("Minsk"), abroad, …"
 */
export function refineVenueCheck(
  checks: readonly ContractCheck[],
  clauses: readonly DetectedClause[],
  policy: ContractPolicy,
): ContractCheck[] {
  return checks.map((check) => {
    if (check.control !== "CT-8" || !PLACE_NOT_FOUND.some((p) => p.test(check.reason))) return check;
    const home = new Set([policy.homeCountry, ...policy.acceptedCountries]);
    // The venue decides where disputes go; the governing law is the fallback.
    for (const type of ["venue", "governing-law"] as const) {
      const refs = clauses.flatMap((c, i) => (c.type === type ? [i] : []));
      for (const index of refs) {
        const text = clauses[index]?.text ?? "";
        const located = isVenueAtHome(text, policy.homeCountry);
        const match: VenueMatch | undefined =
          located.matches.find((m) => home.has(m.alpha2)) ?? located.matches[0];
        if (!match) continue;
        const where = `${match.name} ("${match.matched}")`;
        return home.has(match.alpha2)
          ? {
              ...check,
              status: "pass",
              reason: `Disputes are decided at home: the ${type} clause names ${where}.`,
              clauseRefs: refs,
            }
          : {
              ...check,
              status: "fail",
              reason: `Disputes go to ${where}, abroad, without arbitration enforceable in the vendor's country.`,
              clauseRefs: refs,
            };
      }
    }
    return check;
  });
}
