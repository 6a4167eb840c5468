/** Response shapes of /api/access (see src/services/access/access-overview.ts). */
export type AccountState = "enabled" | "disabled" | "missing" | "not-read";

export interface AccessFindingRow {
  id: string;
  kind: string;
  control: string;
  severity: "high" | "medium" | "low";
  system: string;
  account: string;
  personId: string | null;
  message: string;
  evidence: Record<string, unknown>;
}

export interface ReconciliationRun {
  id: string;
  status: "succeeded" | "failed";
  error: string | null;
  systems: string[];
  findings: AccessFindingRow[];
  finishedAt: string;
}

export interface RunbookItem {
  id: string;
  kind: "disable-account" | "manual";
  control: string;
  state: "pending" | "done" | "failed";
  title?: string;
  action?: string;
  ownerRole?: string;
  due?: string;
  personId: string | null;
  system: string | null;
  account: string | null;
  method?: string;
  lastError?: { message: string } | null;
  completedBy?: string | null;
  completedAt?: string | null;
}

export interface Runbook {
  id: string | null;
  key: string;
  subject: { kind: "person"; personId: string } | { kind: "engagement"; engagementId: string; name?: string };
  terminationDate: string;
  status: "open" | "complete";
  items: RunbookItem[];
  evidenceIds: Record<string, string>;
  progress: { done: number; total: number; open: number };
  updatedAt: string | null;
}

export interface MatrixRow {
  personId: string;
  name: string;
  vendorId: string;
  end: string | null;
  ndaSigned: string | null;
  cells: Record<string, { account: string; state: AccountState; groups: string[] }[]>;
}

export interface AccessOverview {
  systems: { system: string; kind: "ldap" | "csv" }[];
  lastRun: { id: string; status: "succeeded" | "failed"; error: string | null; finishedAt: string } | null;
  latestSuccessfulRun: ReconciliationRun | null;
  matrix: MatrixRow[];
  runbooks: Runbook[];
}
