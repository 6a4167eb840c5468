import type { Evidence, MatchRegion } from "../../engines/leaks/index.ts";

/** A fingerprint source as a person reads it: what was shared or delivered, and where. */
export interface SourceRef {
  sourceId: string;
  kind: string;
  ref: string;
  path: string;
  engagementId: string | null;
  /** The distribution's title for a shared document; the milestone, repository and commit for a delivered file. */
  title?: string;
}

/** The copy a watermark or canary names. */
export interface RecipientRef {
  payload: number;
  personId: string;
  label: string;
  distributionId: string;
  distributionTitle: string;
  engagementId: string;
}

export interface SourceMatch extends SourceRef {
  score: number;
  suspectCoverage: number;
  sourceCoverage: number;
  /** Share of the source's comment lines found word for word in the suspect. */
  commentCoverage: number;
  matchedFingerprints: number;
  regions: MatchRegion[];
}

export interface SuspectTrace {
  name: string;
  /** The suspect's text as traced (regions index into it), cut at a display limit. */
  text: string;
  truncated: boolean;
  matches: SourceMatch[];
  sourceConfidence: number;
  payload?: number;
  recipient?: RecipientRef;
  recipientConfidence: number;
  /** Marks of more than one copy (a mixed or re-shared text). */
  conflictingPayloads: number[];
  evidence: Evidence[];
}

/** A suspect file paired with a stored file of the program (each used once). */
export interface ProgramPair {
  suspect: string;
  sourceId: string;
  path: string;
  score: number;
  regions: MatchRegion[];
}

/**
 * The verdict on a suspect of several files taken as one program: the delivery or
 * distribution it was taken from, how sure, and the file pairs behind it.
 */
export interface ProgramFinding {
  kind: string;
  ref: string;
  title?: string;
  engagementId: string | null;
  /** Whether the evidence clears the defaults (else this is only the best candidate). */
  named: boolean;
  confidence: number;
  /** Share of the suspect explained by the pairs, weighted by their scores. */
  coverage: number;
  evidentPairs: number;
  suspectFiles: number;
  /** Chance of so many evident pairs for unrelated code. */
  chance: number;
  pairs: ProgramPair[];
}

/** The whole trace of a suspect (one text, or every file of an archive), best finding first. */
export interface TraceReport {
  verdict: "recipient" | "source" | "none";
  summary: string;
  source?: SourceMatch;
  sourceConfidence: number;
  recipient?: RecipientRef;
  recipientConfidence: number;
  /** For a suspect of several files: the program verdict (best candidate when none is named). */
  program?: ProgramFinding;
  /** The engagement the evidence points to, from the recipient's copy or else the source. */
  engagementId: string | null;
  suspects: SuspectTrace[];
  /** Files of an archive that could not be read as text. */
  skipped: { name: string; reason: string }[];
}
