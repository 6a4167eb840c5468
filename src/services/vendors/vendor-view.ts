import type { Selectable } from "kysely";
import type { VendorsTable } from "../../store/schema.ts";
import type { ServiceContext } from "../context.ts";
import { isVendorActor } from "../scope.ts";

export interface VendorView {
  id: string;
  legalName: string;
  country: string;
  parentVendorId: string | null;
  website: string | null;
  contacts: { name: string; email?: string; phone?: string; role?: string }[];
  /** Internal only: never shown to vendor contacts. */
  internalNotes?: string | null;
  assessedOn: string | null;
  assessmentExpiresOn: string | null;
  assessmentRating: VendorsTable["assessment_rating"];
  chainDisclosedOn: string | null;
  createdAt: string;
}

export function toVendorView(ctx: ServiceContext, v: Selectable<VendorsTable>): VendorView {
  return {
    id: v.id,
    legalName: v.legal_name,
    country: v.country,
    parentVendorId: v.parent_vendor_id,
    website: v.website,
    contacts: v.contacts,
    ...(isVendorActor(ctx) ? {} : { internalNotes: v.internal_notes }),
    assessedOn: v.assessed_on,
    assessmentExpiresOn: v.assessment_expires_on,
    assessmentRating: v.assessment_rating,
    chainDisclosedOn: v.chain_disclosed_on,
    createdAt: new Date(v.created_at).toISOString(),
  };
}
