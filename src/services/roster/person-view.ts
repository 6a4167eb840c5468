import type { Selectable } from "kysely";
import { isExpired } from "../../domain/dates.ts";
import type { PeopleTable } from "../../store/schema.ts";

export interface PersonView {
  id: string;
  vendorId: string;
  employerVendorId: string;
  fullName: string;
  email: string | null;
  roleTitle: string;
  startDate: string;
  endDate: string | null;
  ndaSignedOn: string | null;
  ndaExpiresOn: string | null;
  noncompeteSignedOn: string | null;
  noncompeteExpiresOn: string | null;
  trainingCompletedOn: string | null;
  certifications: { name: string; expiresOn: string | null }[];
  identities: {
    emails?: string[];
    sshKeys?: string[];
    gpgFingerprints?: string[];
    gpgPublicKeys?: string[];
    accounts?: string[];
  };
  status: "active" | "leaver" | "future";
  ndaStatus: "valid" | "expired" | "missing";
}

export function toPersonView(
  p: Selectable<PeopleTable>,
  certifications: { name: string; expires_on: string | null }[],
  today: string,
): PersonView {
  return {
    id: p.id,
    vendorId: p.vendor_id,
    employerVendorId: p.employer_vendor_id,
    fullName: p.full_name,
    email: p.email,
    roleTitle: p.role_title,
    startDate: p.start_date,
    endDate: p.end_date,
    ndaSignedOn: p.nda_signed_on,
    ndaExpiresOn: p.nda_expires_on,
    noncompeteSignedOn: p.noncompete_signed_on,
    noncompeteExpiresOn: p.noncompete_expires_on,
    trainingCompletedOn: p.training_completed_on,
    certifications: certifications.map((c) => ({ name: c.name, expiresOn: c.expires_on })),
    identities: p.identities,
    status: p.end_date && p.end_date < today ? "leaver" : p.start_date > today ? "future" : "active",
    ndaStatus: !p.nda_signed_on ? "missing" : isExpired(p.nda_expires_on, today) ? "expired" : "valid",
  };
}
