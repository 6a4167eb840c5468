/** Response shapes of the custody API (src/server/routes/custody.ts): the services' own types, and helpers to show them. */

export type { CheckResult, DeliveryFinding } from "../../../engines/custody/index.ts";
export type {
  AlertView,
  CustodyOverviewRow as OverviewRow,
  CustodyStatus,
  RepositoryDetail,
  RepositoryStatus,
  SyncView,
} from "../../../services/custody/custody-status.ts";
export type { DeliveryReportView as DeliveryReport } from "../../../services/custody/delivery-report.ts";

import type { RepositoryStatus } from "../../../services/custody/custody-status.ts";

export function freshnessLabel(repo: RepositoryStatus): string {
  if (repo.lagHours === null) return "Never mirrored";
  return `${repo.lagHours < 1 ? "under an hour" : `${Math.floor(repo.lagHours)} h`} ago${repo.fresh ? "" : " — stale"}`;
}
