import { addMonths, toIsoDate } from "../../domain/dates.ts";
import {
  annualTurnover,
  type Coverage,
  certificationCoverage,
  isActive,
  ndaCoverage,
  type Turnover,
} from "../../domain/roster-metrics.ts";
import type { ServiceContext } from "../context.ts";
import { parseId } from "../ids.ts";
import { readOrgSettings } from "../playbook/playbook-settings.ts";
import { loadVendorFor, requireReader } from "../scope.ts";

export interface RosterMetrics {
  vendorId: string;
  headcount: number;
  /** Of the people holding a live grant. */
  ndaCoverage: Coverage;
  certificationCoverage: Coverage;
  turnover: Turnover;
  turnoverThreshold: number;
  turnoverAlert: boolean;
  /** Turnover rate at each of the last 12 month-ends, oldest first (the dashboard trend). */
  trend: { month: string; rate: number | null }[];
}

/** NDA and certification coverage of people with access, annualised turnover and its trend, for one vendor. */
export async function rosterMetrics(ctx: ServiceContext, vendorId: unknown): Promise<RosterMetrics> {
  requireReader(ctx);
  const vid = parseId(vendorId, "vendorId");
  await loadVendorFor(ctx, vid);
  const db = ctx.runtime.db;
  const today = toIsoDate(ctx.runtime.now());
  const [rows, certs, grants, settings] = await Promise.all([
    db
      .selectFrom("people")
      .selectAll()
      .where("vendor_id", "=", vid)
      .where("deleted_at", "is", null)
      .execute(),
    db
      .selectFrom("person_certifications")
      .innerJoin("people", "people.id", "person_certifications.person_id")
      .select([
        "person_certifications.person_id",
        "person_certifications.name",
        "person_certifications.expires_on",
      ])
      .where("people.vendor_id", "=", vid)
      .execute(),
    db
      .selectFrom("grants")
      .innerJoin("people", "people.id", "grants.person_id")
      .select(["grants.person_id", "grants.revoked_on", "grants.expires_on", "grants.granted_on"])
      .where("people.vendor_id", "=", vid)
      .execute(),
    readOrgSettings(db),
  ]);
  const people = rows.map((p) => ({
    id: p.id,
    startDate: p.start_date,
    endDate: p.end_date,
    ndaSignedOn: p.nda_signed_on,
    ndaExpiresOn: p.nda_expires_on,
    certifications: certs
      .filter((c) => c.person_id === p.id)
      .map((c) => ({ name: c.name, expiresOn: c.expires_on })),
  }));
  const withAccess = new Set(
    grants
      .filter((g) => !g.revoked_on && (!g.expires_on || g.expires_on >= today) && g.granted_on <= today)
      .map((g) => g.person_id),
  );
  const scope = people.filter((p) => withAccess.has(p.id));
  const turnover = annualTurnover(people, today);
  const trend = Array.from({ length: 12 }, (_, i) => {
    const month = addMonths(today, i - 11);
    return { month: month.slice(0, 7), rate: annualTurnover(people, month).rate };
  });
  return {
    vendorId: vid,
    headcount: people.filter((p) => isActive(p, today)).length,
    ndaCoverage: ndaCoverage(scope, today),
    certificationCoverage: certificationCoverage(scope, today),
    turnover,
    turnoverThreshold: settings.turnoverThreshold,
    turnoverAlert: turnover.rate !== null && turnover.rate > settings.turnoverThreshold,
    trend,
  };
}
