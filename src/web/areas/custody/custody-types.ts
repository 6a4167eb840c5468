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

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return "—";
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

export function freshnessLabel(repo: RepositoryStatus): string {
  if (repo.lagHours === null) return "Never mirrored";
  return `${repo.lagHours < 1 ? "under an hour" : `${Math.floor(repo.lagHours)} h`} ago${repo.fresh ? "" : " — stale"}`;
}
