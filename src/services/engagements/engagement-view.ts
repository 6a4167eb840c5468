import type { Selectable } from "kysely";
import type { EngagementsTable, Stage } from "../../store/schema.ts";

export interface EngagementView {
  id: string;
  vendorId: string;
  name: string;
  scope: string;
  stage: Stage;
  offshore: boolean;
  startDate: string | null;
  endDate: string | null;
  approvedNetworks: string[];
  requiredInsurance: { amount: number; currency: string } | null;
  custodyFreshnessHours: number;
  stageChangedAt: string;
  createdAt: string;
}

export function toEngagementView(e: Selectable<EngagementsTable>): EngagementView {
  return {
    id: e.id,
    vendorId: e.vendor_id,
    name: e.name,
    scope: e.scope,
    stage: e.stage,
    offshore: e.offshore,
    startDate: e.start_date,
    endDate: e.end_date,
    approvedNetworks: e.approved_networks,
    requiredInsurance:
      e.required_insurance_amount !== null && e.required_insurance_currency
        ? { amount: Number(e.required_insurance_amount), currency: e.required_insurance_currency }
        : null,
    custodyFreshnessHours: e.custody_freshness_hours,
    stageChangedAt: new Date(e.stage_changed_at).toISOString(),
    createdAt: new Date(e.created_at).toISOString(),
  };
}
