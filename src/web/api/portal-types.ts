/** What the vendor portal and the roster review queue read from the API (src/server/routes/portal.ts). */

export type RecordSource = "internal" | "portal";

export interface RosterRequest {
  id: string;
  vendorId: string;
  vendorName: string;
  kind: "joiner" | "leaver";
  status: "pending" | "approved" | "rejected" | "withdrawn";
  personId: string | null;
  fullName: string;
  joiner: {
    person: {
      fullName: string;
      email?: string | null;
      employerVendorId?: string | null;
      roleTitle: string;
      startDate: string;
      endDate?: string | null;
      ndaSignedOn?: string | null;
      ndaExpiresOn?: string | null;
      noncompeteSignedOn?: string | null;
      noncompeteExpiresOn?: string | null;
    };
    engagements: { id: string; name: string }[];
  } | null;
  leaver: { endDate: string } | null;
  requestedBy: string;
  requestedAt: string;
  reviewedBy: string | null;
  reviewedAt: string | null;
  reviewReason: string | null;
}

export interface RosterRequestPage {
  items: RosterRequest[];
  total: number;
  limit: number;
  offset: number;
  pending: number;
}

export interface PortalPolicies {
  policies: {
    id: string;
    title: string;
    kind: "policy" | "sop";
    engagement: { id: string; name: string } | null;
    version: { id: string; version: number; summary: string; issuedAt: string };
    requiredPersonIds: string[];
  }[];
  people: { id: string; fullName: string; roleTitle: string }[];
  acknowledgements: {
    policyId: string;
    personId: string;
    acknowledgedAt: string;
    source: RecordSource;
    recordedBy: string | null;
    evidenceId: string | null;
  }[];
}

export interface PortalEvidence {
  id: string;
  engagementId: string | null;
  engagementName: string | null;
  title: string;
  filename: string | null;
  controls: string[];
  effectiveOn: string | null;
  expiresOn: string | null;
  source: RecordSource;
  uploadedBy: string;
  createdAt: string;
}
