/** Response shapes of the custody API (src/server/routes/custody.ts). */

export interface SyncView {
  id: string;
  trigger: string;
  status: "succeeded" | "failed";
  initialClone: boolean;
  changes: Array<{ ref: string; kind: string; oldOid?: string; newOid?: string; preservedAs?: string }>;
  refCount: number | null;
  preservedRefCount: number | null;
  sizeBytes: number | null;
  fsckOk: boolean | null;
  fsckProblems: string[];
  error: string | null;
  triggeredBy: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
}

export interface AlertView {
  id: string;
  repositoryId: string;
  kind: "force_push" | "deleted_ref" | "tag_moved";
  ref: string;
  oldOid: string;
  newOid: string | null;
  preservedAs: string;
  message: string;
  createdAt: string;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  acknowledgement: string | null;
}

export interface RepositoryStatus {
  id: string;
  engagementId: string;
  name: string;
  url: string;
  transport: string;
  hasCredentials: boolean;
  syncIntervalMinutes: number;
  lastSync: SyncView | null;
  lastSuccessfulSyncAt: string | null;
  lagHours: number | null;
  fresh: boolean;
  openAlerts: number;
}

export interface OverviewRow extends RepositoryStatus {
  engagementName: string;
  freshnessHours: number;
}

export interface RepositoryDetail extends RepositoryStatus {
  syncs: SyncView[];
  refs: Array<{ ref: string; oid: string }>;
  preserved: Array<{ ref: string; originalRef: string; preservedAt: string; oid: string }>;
}

export interface CustodyStatus {
  engagementId: string;
  freshnessHours: number;
  repositories: RepositoryDetail[];
  alerts: AlertView[];
}

export interface DeliveryFinding {
  check: string;
  rule: string;
  severity: "error" | "warning";
  message: string;
  file?: string;
  line?: number;
  column?: number;
  commit?: string;
  author?: string;
  fingerprint?: string;
}

export interface CheckResult {
  id: string;
  status: "passed" | "warning" | "failed" | "skipped" | "error";
  durationMs: number;
  summary: string;
  findings: DeliveryFinding[];
  log?: string;
}

export interface DeliveryReport {
  id: string;
  milestoneId: string;
  milestoneTitle: string;
  engagementId: string;
  repositoryName: string;
  ref: string;
  status: string;
  verdict: "accepted" | "rejected" | null;
  reasons: string[];
  commit: string | null;
  tree: string | null;
  previousAcceptedCommit: string | null;
  checks: CheckResult[];
  findings: DeliveryFinding[];
  findingsTotal: number;
  manifestEvidenceId: string | null;
  manifestFiles: number | null;
  error: string | null;
  requestedBy: string;
  createdAt: string;
  finishedAt: string | null;
  durationMs: number | null;
}

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
