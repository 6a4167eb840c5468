/** Response shapes of /api/leaks (src/services/leaks). */
export interface CopyView {
  payload: number;
  personId: string;
  recipient: string;
  sha256: string | null;
  createdAt: string;
}

export interface DistributionView {
  id: string;
  engagementId: string;
  title: string;
  filename: string;
  kind: string;
  sharedBy: string;
  createdAt: string;
  copies: CopyView[];
}

export interface MatchRegion {
  suspectStart: number;
  suspectEnd: number;
  sourceStart: number;
  sourceEnd: number;
}

export interface SourceMatch {
  sourceId: string;
  kind: string;
  ref: string;
  path: string;
  title?: string;
  engagementId: string | null;
  score: number;
  suspectCoverage: number;
  sourceCoverage: number;
  matchedFingerprints: number;
  regions: MatchRegion[];
}

export interface RecipientRef {
  payload: number;
  personId: string;
  label: string;
  distributionId: string;
  distributionTitle: string;
  engagementId: string;
}

export interface SuspectTrace {
  name: string;
  text: string;
  truncated: boolean;
  matches: SourceMatch[];
  sourceConfidence: number;
  recipient?: RecipientRef;
  recipientConfidence: number;
  evidence: { kind: string; detail: string; confidence: number }[];
}

export interface TraceReport {
  verdict: "recipient" | "source" | "none";
  summary: string;
  source?: SourceMatch;
  sourceConfidence: number;
  recipient?: RecipientRef;
  recipientConfidence: number;
  engagementId: string | null;
  suspects: SuspectTrace[];
  skipped: { name: string; reason: string }[];
}

export type CaseStatus = "open" | "investigating" | "closed";

export interface LeakCaseView {
  id: string;
  title: string;
  status: CaseStatus;
  suspectName: string;
  engagementId: string | null;
  payload: number | null;
  confidence: number;
  summary: string;
  notes: { at: string; by: string; text: string }[];
  openedBy: string;
  createdAt: string;
  updatedAt: string;
  report?: TraceReport;
}
