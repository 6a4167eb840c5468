/**
 * Shapes of the engagement-lifecycle API as the web UI reads them: the types of
 * the services the routes return (src/server/routes/lifecycle.ts), so that a
 * change to a response is a compile error in every page that reads it.
 * `Wire` turns what JSON cannot carry (dates) into what it sends.
 */
import type { adviseJurisdiction } from "../../engines/jurisdiction/index.ts";
import type { ControlCheck } from "../../playbook/types.ts";
import type { Dashboard } from "../../services/dashboard/get-dashboard.ts";
import type { EngagementDetail } from "../../services/engagements/get-engagement.ts";
import type { listAudits } from "../../services/records/audits.ts";
import type { getVendor } from "../../services/vendors/get-vendor.ts";
import type { VendorView } from "../../services/vendors/vendor-view.ts";
import type { AssetsTable, Stage } from "../../store/schema.ts";

/** A value as it arrives in JSON: dates become ISO strings. */
export type Wire<T> = T extends Date
  ? string
  : T extends ReadonlyArray<infer U>
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

export type { Coverage } from "../../domain/roster-metrics.ts";
export type { GateVerdict as Gate } from "../../playbook/evaluate-engagement.ts";
export type { Remedy, RemedyArea } from "../../playbook/remedies.ts";
export type { RiskPoint } from "../../playbook/risk-score.ts";
export type { Control as PlaybookControl, ControlResult, ControlStatus } from "../../playbook/types.ts";
export type { GateBlocker } from "../../services/engagements/advance-stage.ts";
export type { EngagementView as Engagement } from "../../services/engagements/engagement-view.ts";
export type { EngagementListItem } from "../../services/engagements/list-engagements.ts";
export type { MilestoneView as Milestone } from "../../services/milestones/milestone-view.ts";
export type { OrgSettings as PlaybookSettings } from "../../services/playbook/playbook-settings.ts";
export type { EvidenceView as Evidence } from "../../services/records/evidence.ts";
export type { PersonView as Person } from "../../services/roster/person-view.ts";
export type { RosterImportResult } from "../../services/roster/roster-csv.ts";
export type { RosterMetrics } from "../../services/roster/roster-metrics.ts";
export type { Classification, MilestoneState, RiskLevel } from "../../store/schema.ts";
export type { Dashboard, EngagementDetail, Stage, VendorView as Vendor };

export type CheckKind = ControlCheck["kind"];
export type AssetKind = AssetsTable["kind"];
export type Contact = VendorView["contacts"][number];

export type VendorDetail = Wire<Awaited<ReturnType<typeof getVendor>>>;
export type VendorCertification = VendorDetail["certifications"][number];
export type InsuranceCertificate = VendorDetail["insurance"][number];
/** An engagement's risk, or a vendor's (the worst of its engagements). */
export type Risk = EngagementDetail["evaluation"]["risk"] | NonNullable<VendorDetail["risk"]>;
export type JurisdictionAdvice = ReturnType<typeof adviseJurisdiction>;

export type Asset = EngagementDetail["assets"][number];
export type ControlException = EngagementDetail["exceptions"][number];
export type HeatCell = NonNullable<Dashboard["heatMap"][number]["cells"][Stage]>;

export type AuditRecord = Wire<Awaited<ReturnType<typeof listAudits>>[number]>;
