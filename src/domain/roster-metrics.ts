import { addMonths, type IsoDate, isExpired } from "./dates.ts";

export interface RosterPerson {
  id: string;
  startDate: IsoDate;
  endDate: IsoDate | null;
  ndaSignedOn: IsoDate | null;
  ndaExpiresOn: IsoDate | null;
  certifications: { name: string; expiresOn: IsoDate | null }[];
}

function activeOn(p: RosterPerson, day: IsoDate): boolean {
  return p.startDate <= day && (p.endDate === null || p.endDate >= day);
}

export interface Turnover {
  /** Leavers in the trailing 12 months. */
  leavers: number;
  /** Mean headcount over the 12 month-ends (and today) of the window. */
  averageHeadcount: number;
  /** leavers / average headcount, 0..n (0.3 = 30 %); null with no headcount. */
  rate: number | null;
}

/**
 * Annualised turnover: people who left in the trailing 12 months divided by the
 * average headcount, sampled at the 13 month boundaries of the window.
 *
 * @example
 * annualTurnover(people, "2026-06-30") // { leavers: 3, averageHeadcount: 10, rate: 0.3 }
 */
export function annualTurnover(people: readonly RosterPerson[], today: IsoDate): Turnover {
  const from = addMonths(today, -12);
  const leavers = people.filter((p) => p.endDate !== null && p.endDate > from && p.endDate <= today).length;
  let sum = 0;
  for (let m = 0; m <= 12; m++) {
    const day = addMonths(from, m);
    sum += people.filter((p) => activeOn(p, day)).length;
  }
  const averageHeadcount = sum / 13;
  return { leavers, averageHeadcount, rate: averageHeadcount > 0 ? leavers / averageHeadcount : null };
}

export interface Coverage {
  covered: number;
  total: number;
  /** covered / total, or null when nobody is in scope. */
  ratio: number | null;
  missing: string[];
}

export function hasValidNda(p: RosterPerson, today: IsoDate): boolean {
  return Boolean(p.ndaSignedOn && p.ndaSignedOn <= today && !isExpired(p.ndaExpiresOn, today));
}

/** Of the people in scope (e.g. those with access), how many hold a valid NDA. */
export function ndaCoverage(people: readonly RosterPerson[], today: IsoDate): Coverage {
  const missing = people.filter((p) => !hasValidNda(p, today)).map((p) => p.id);
  return coverage(people.length, missing);
}

/** Of the people in scope, how many hold at least one unexpired certification. */
export function certificationCoverage(people: readonly RosterPerson[], today: IsoDate): Coverage {
  const missing = people
    .filter((p) => !p.certifications.some((c) => !isExpired(c.expiresOn, today)))
    .map((p) => p.id);
  return coverage(people.length, missing);
}

function coverage(total: number, missing: string[]): Coverage {
  return {
    covered: total - missing.length,
    total,
    ratio: total > 0 ? (total - missing.length) / total : null,
    missing,
  };
}

export function isActive(p: { startDate: IsoDate; endDate: IsoDate | null }, today: IsoDate): boolean {
  return p.startDate <= today && (p.endDate === null || p.endDate >= today);
}
