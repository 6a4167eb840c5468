import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

/**
 * The typed tables. Column types follow what both drivers return: timestamptz as
 * Date, jsonb as parsed JSON, bigint as number (the pg driver is told to parse int8).
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string, string>;

export type Role = "admin" | "security" | "legal" | "finance" | "auditor" | "vendor";

export interface SettingsTable {
  key: string;
  value: Json;
  updated_at: Timestamp;
}

/** A calendar date as "YYYY-MM-DD". */
export type DateString = string;
/** numeric(18,2) arrives as a decimal string on both engines. */
type Decimal = ColumnType<string, string | number, string | number>;
/** Where a record came from: entered by the client's staff, or submitted through the vendor portal. */
export type RecordSource = "internal" | "portal";
type Source = ColumnType<RecordSource, RecordSource | undefined, RecordSource>;

export interface VendorContact {
  name: string;
  email?: string;
  phone?: string;
  role?: string;
}

export interface VendorsTable {
  id: Generated<string>;
  legal_name: string;
  country: string;
  parent_vendor_id: string | null;
  contacts: ColumnType<VendorContact[], string | undefined, string>;
  website: string | null;
  internal_notes: string | null;
  assessed_on: DateString | null;
  assessment_expires_on: DateString | null;
  assessment_rating: "low" | "medium" | "high" | null;
  chain_disclosed_on: DateString | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: Date | null;
}

export interface VendorCertificationsTable {
  id: Generated<string>;
  vendor_id: string;
  kind: string;
  issuer: string | null;
  issued_on: DateString | null;
  expires_on: DateString;
  evidence_id: string | null;
  source: Source;
  submitted_by: string | null;
  /** Who checked a portal submission; until then it does not count for the playbook. */
  verified_by: string | null;
  verified_at: Date | null;
  created_at: Timestamp;
}

export interface InsuranceCertificatesTable {
  id: Generated<string>;
  vendor_id: string;
  insurer: string;
  policy_number: string | null;
  coverage_amount: Decimal;
  currency: string;
  expires_on: DateString;
  evidence_id: string | null;
  source: Source;
  submitted_by: string | null;
  /** Who checked a portal submission; until then it does not count for the playbook. */
  verified_by: string | null;
  verified_at: Date | null;
  created_at: Timestamp;
}

export type Stage = "due_diligence" | "contract" | "kick_off" | "ongoing" | "termination" | "closed";
export type Classification = "crown_jewel" | "confidential" | "internal" | "public";
export type RiskLevel = "low" | "medium" | "high" | "critical";

export interface EngagementsTable {
  id: Generated<string>;
  vendor_id: string;
  name: string;
  scope: ColumnType<string, string | undefined, string>;
  stage: ColumnType<Stage, Stage | undefined, Stage>;
  offshore: ColumnType<boolean, boolean | undefined, boolean>;
  start_date: DateString | null;
  end_date: DateString | null;
  approved_networks: ColumnType<string[], string | undefined, string>;
  required_insurance_amount: ColumnType<
    string | null,
    string | number | null | undefined,
    string | number | null
  >;
  required_insurance_currency: string | null;
  custody_freshness_hours: ColumnType<number, number | undefined, number>;
  stage_changed_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: Date | null;
}

export interface AssetsTable {
  id: Generated<string>;
  engagement_id: string;
  kind: "repository" | "dataset" | "document" | "system" | "other";
  name: string;
  location: string | null;
  classification: Classification | null;
  created_at: Timestamp;
}

export interface PeopleTable {
  id: Generated<string>;
  vendor_id: string;
  employer_vendor_id: string;
  full_name: string;
  email: string | null;
  role_title: ColumnType<string, string | undefined, string>;
  start_date: DateString;
  end_date: DateString | null;
  nda_signed_on: DateString | null;
  nda_expires_on: DateString | null;
  nda_evidence_id: string | null;
  noncompete_signed_on: DateString | null;
  noncompete_expires_on: DateString | null;
  noncompete_evidence_id: string | null;
  training_completed_on: DateString | null;
  identities: ColumnType<
    {
      emails?: string[];
      sshKeys?: string[];
      gpgFingerprints?: string[];
      gpgPublicKeys?: string[];
      accounts?: string[];
    },
    string | undefined,
    string
  >;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: Date | null;
}

export interface PersonCertificationsTable {
  id: Generated<string>;
  person_id: string;
  name: string;
  expires_on: DateString | null;
  created_at: Timestamp;
}

export interface EngagementPeopleTable {
  engagement_id: string;
  person_id: string;
  added_at: Timestamp;
}

export interface GrantsTable {
  id: Generated<string>;
  engagement_id: string;
  person_id: string;
  system: string;
  account: string;
  scope: ColumnType<string[], string | undefined, string>;
  reason: string;
  granted_by: string;
  granted_on: DateString;
  expires_on: DateString | null;
  revoked_on: DateString | null;
  created_at: Timestamp;
}

export interface PoliciesTable {
  id: Generated<string>;
  engagement_id: string | null;
  title: string;
  kind: ColumnType<"policy" | "sop", "policy" | "sop" | undefined, "policy" | "sop">;
  created_at: Timestamp;
  retired_at: Date | null;
}

export interface PolicyVersionsTable {
  id: Generated<string>;
  policy_id: string;
  version: number;
  summary: ColumnType<string, string | undefined, string>;
  evidence_id: string | null;
  issued_at: Timestamp;
}

export type RosterRequestKind = "joiner" | "leaver";
export type RosterRequestStatus = "pending" | "approved" | "rejected" | "withdrawn";

/** A roster change a vendor contact proposed, waiting for (or past) the security team's review. */
export interface RosterChangeRequestsTable {
  id: Generated<string>;
  vendor_id: string;
  kind: RosterRequestKind;
  person_id: string | null;
  details: Json<Record<string, unknown>>;
  status: ColumnType<RosterRequestStatus, RosterRequestStatus | undefined, RosterRequestStatus>;
  requested_by: string;
  requested_by_user_id: string | null;
  requested_at: Timestamp;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  review_reason: string | null;
}

export interface PolicyAcknowledgementsTable {
  policy_version_id: string;
  person_id: string;
  acknowledged_at: Timestamp;
  source: Source;
  /** Who recorded it through the portal (null for acknowledgements recorded internally before 009). */
  recorded_by: string | null;
  /** The signed acknowledgement, when one was uploaded. */
  evidence_id: string | null;
}

/** What a delivery names: a repository and ref (custody adds the verification it started), or a note. */
export interface DeliveryRef {
  repository?: string;
  ref?: string;
  note?: string;
  repositoryName?: string;
  verificationId?: string;
}

export type MilestoneState =
  | "planned"
  | "delivered"
  | "verifying"
  | "accepted"
  | "rejected"
  | "payment_approved"
  | "paid";

export interface MilestonesTable {
  id: Generated<string>;
  engagement_id: string;
  title: string;
  deliverable: ColumnType<string, string | undefined, string>;
  amount: Decimal;
  currency: string;
  due_date: DateString | null;
  acceptance_days: ColumnType<number, number | undefined, number>;
  is_final: ColumnType<boolean, boolean | undefined, boolean>;
  state: ColumnType<MilestoneState, MilestoneState | undefined, MilestoneState>;
  delivery_ref: ColumnType<DeliveryRef | null, string | null | undefined, string | null>;
  delivered_at: Date | null;
  decided_at: Date | null;
  decision_reason: string | null;
  payment_approved_by: string | null;
  payment_approved_by_user_id: string | null;
  payment_approved_at: Date | null;
  paid_at: Date | null;
  /** How the delivery was accepted: by a passing verification from our mirror, or manually by security. */
  acceptance_kind: MilestoneAcceptanceKind | null;
  /** A manual acceptance's reason (it is an exception to the verification rule). */
  acceptance_reason: string | null;
  accepted_by: string | null;
  accepted_by_user_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type MilestoneAcceptanceKind = "verification" | "manual";

export type Severity = "low" | "medium" | "high" | "critical";

export interface AuditsTable {
  id: Generated<string>;
  vendor_id: string;
  engagement_id: string | null;
  kind: "internal" | "third_party";
  auditor_org: string;
  performed_on: DateString;
  next_due_on: DateString | null;
  summary: ColumnType<string, string | undefined, string>;
  report_evidence_id: string | null;
  created_at: Timestamp;
}

export interface AuditFindingsTable {
  id: Generated<string>;
  audit_id: string;
  title: string;
  severity: Severity;
  status: ColumnType<"open" | "closed", "open" | "closed" | undefined, "open" | "closed">;
  due_on: DateString | null;
  closed_on: DateString | null;
  created_at: Timestamp;
}

export interface EvidenceTable {
  id: Generated<string>;
  vendor_id: string;
  engagement_id: string | null;
  title: string;
  blob_sha256: string | null;
  filename: string | null;
  media_type: string | null;
  size: number | null;
  effective_on: DateString | null;
  expires_on: DateString | null;
  controls: ColumnType<string[], string | undefined, string>;
  internal: ColumnType<boolean, boolean | undefined, boolean>;
  source: Source;
  uploaded_by: string;
  created_at: Timestamp;
  deleted_at: Date | null;
}

export interface IncidentsTable {
  id: Generated<string>;
  engagement_id: string;
  title: string;
  description: ColumnType<string, string | undefined, string>;
  severity: Severity;
  occurred_at: Date;
  materiality_decided_at: Date | null;
  disclosure_due_at: Date | null;
  disclosed_at: Date | null;
  status: ColumnType<"open" | "closed", "open" | "closed" | undefined, "open" | "closed">;
  created_at: Timestamp;
}

export interface AttestationsTable {
  id: Generated<string>;
  engagement_id: string;
  control_id: string;
  statement: string;
  evidence_id: string | null;
  attested_by: string;
  attested_at: Timestamp;
  expires_on: DateString | null;
  revoked_at: Date | null;
}

export interface ControlExceptionsTable {
  id: Generated<string>;
  engagement_id: string;
  control_id: string;
  asset_id: string | null;
  person_id: string | null;
  reason: string;
  approved_by: string;
  expires_on: DateString;
  created_at: Timestamp;
  revoked_at: Date | null;
}

export interface OrgControlsTable {
  control_id: string;
  disabled: boolean;
  disabled_reason: string | null;
  definition: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  updated_at: Timestamp;
}

export interface RemindersTable {
  id: Generated<string>;
  vendor_id: string | null;
  engagement_id: string | null;
  kind: string;
  subject: string;
  due_on: DateString;
  computed_at: Timestamp;
}

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  role: Role;
  vendor_id: string | null;
  password_hash: string;
  disabled_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Set when an admin set the password: the user must choose their own at the next sign-in. */
  must_change_password: Generated<boolean>;
  /** The TOTP secret (base32), sealed with the secret box; null without a second factor. */
  totp_secret: string | null;
  /** A sealed secret shown for enrolment, not yet confirmed by a code. */
  totp_pending_secret: string | null;
  totp_enabled_at: Date | null;
  /** The last accepted TOTP time step: a code of this step or before is refused. */
  totp_last_step: number | null;
}

export interface RecoveryCodesTable {
  user_id: string;
  code_hash: string;
  created_at: Date;
  used_at: Date | null;
}

/** A password sign-in waiting for its second factor: not a session. */
export interface SignInChallengesTable {
  id_hash: string;
  user_id: string;
  created_at: Date;
  expires_at: Date;
  ip: string | null;
  user_agent: string | null;
}

/** An OpenID Connect sign-in under way (one-time, short-lived). */
export interface OidcSignInRequestsTable {
  state_hash: string;
  nonce: string;
  /** The PKCE code verifier, sealed with the secret box. */
  code_verifier: string;
  created_at: Date;
  expires_at: Date;
}

export interface SetupTokensTable {
  token_hash: string;
  created_at: Timestamp;
  used_at: Date | null;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  absolute_expires_at: Date;
  ip: string | null;
  user_agent: string | null;
  method: Generated<"password" | "sso">;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  prefix: string;
  token_hash: string;
  created_at: Timestamp;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  account: string;
  ip: string;
  succeeded: boolean;
  at: Timestamp;
}

export interface RequestCountsTable {
  key: string;
  window_start: Timestamp;
  count: number;
}

/** One sign-in throttle counter: an address (`ip:…`) or an account at an address (`pair:…`). */
export interface LoginThrottleTable {
  key: string;
  failures: number;
  next_allowed_at: Date;
  updated_at: Date;
}

export interface BlobsTable {
  sha256: string;
  size: number;
  media_type: string;
  created_at: Timestamp;
}

export interface AuditLogTable {
  seq: number;
  at: Date;
  actor_id: string | null;
  actor_label: string;
  action: string;
  target_type: string;
  target_id: string | null;
  summary: Json<Record<string, unknown>>;
  prev_hash: string;
  hash: string;
}

export interface EngagementEvaluationsTable {
  engagement_id: string;
  vendor_id: string;
  stage: Stage;
  risk_score: ColumnType<string, string | number, string | number>;
  risk_level: RiskLevel;
  gate_open: boolean;
  blockers: ColumnType<string[], string, string>;
  /** Blocking controls of stages already left that no longer hold. */
  regressions: ColumnType<string[], string | undefined, string>;
  status_counts: ColumnType<Record<string, number>, string, string>;
  /** Each control's status at this evaluation, to tell a change from the previous one. */
  control_statuses: ColumnType<Record<string, string>, string | undefined, string>;
  evaluated_at: Date;
}

export type ContractKind = "msa" | "sow" | "nda" | "subcontractor-agreement" | "person-nda";
export type ContractStatus = "queued" | "analysing" | "analysed" | "failed";

export interface ContractsTable {
  id: Generated<string>;
  engagement_id: string;
  kind: ContractKind;
  title: string;
  blob_sha256: string;
  filename: string;
  media_type: string;
  size: number;
  status: ColumnType<ContractStatus, ContractStatus | undefined, ContractStatus>;
  failure_reason: string | null;
  analysis_run: ColumnType<number, number | undefined, number>;
  format: string | null;
  pages: number | null;
  text: string | null;
  terms: ColumnType<unknown, string | null | undefined, string | null>;
  uploaded_by: string;
  created_at: Timestamp;
  analysed_at: Date | null;
  deleted_at: Date | null;
}

export interface ContractClausesTable {
  contract_id: string;
  position: number;
  type: string;
  control: string | null;
  start_offset: number;
  end_offset: number;
  text: string;
  score: number;
  section: string | null;
  heading: string | null;
}

export interface ContractChecksTable {
  contract_id: string;
  control: string;
  /** needs_review: a term the policy judges could not be read. */
  status: "pass" | "fail" | "warn" | "needs_review";
  reason: string;
  clause_positions: ColumnType<number[], string | undefined, string>;
}

export interface ContractReviewsTable {
  id: Generated<string>;
  /** Order of the decisions: the last one on a target applies. */
  seq: Generated<number>;
  contract_id: string;
  target: "check" | "clause";
  control: string | null;
  clause_type: string | null;
  clause_start: number | null;
  clause_end: number | null;
  decision: "confirm" | "override" | "reject";
  status: "pass" | "fail" | "warn" | null;
  comment: string;
  reviewed_by: string;
  reviewed_at: Timestamp;
}

export interface LeakDistributionsTable {
  id: Generated<string>;
  engagement_id: string;
  vendor_id: string;
  title: string;
  filename: string;
  kind: "document" | "docx" | "pdf" | "source" | "archive";
  media_type: string;
  original_sha256: string;
  note: string | null;
  shared_by: string;
  created_at: Timestamp;
}

export interface LeakCopiesTable {
  payload: Generated<number>;
  distribution_id: string;
  person_id: string;
  recipient_label: string;
  blob_sha256: string | null;
  created_at: Timestamp;
}

export interface LeakSourcesTable {
  id: Generated<string>;
  engagement_id: string | null;
  kind: string;
  ref: string;
  path: string;
  language: string;
  distinct_hashes: number;
  created_at: Timestamp;
}

export interface LeakFingerprintsTable {
  hash: number;
  source_id: string;
  start_at: number;
  end_at: number;
}

export type LeakCaseStatus = "open" | "investigating" | "closed";

export interface LeakCasesTable {
  id: Generated<string>;
  title: string;
  status: ColumnType<LeakCaseStatus, LeakCaseStatus | undefined, LeakCaseStatus>;
  suspect_name: string;
  suspect_sha256: string | null;
  report: Json<Record<string, unknown>>;
  engagement_id: string | null;
  distribution_id: string | null;
  copy_payload: number | null;
  person_id: string | null;
  confidence: number;
  notes: ColumnType<{ at: string; by: string; text: string }[], string | undefined, string>;
  opened_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CustodyRepositoriesTable {
  id: Generated<string>;
  engagement_id: string;
  name: string;
  /** The URL as shown and fetched; never holds credentials (those are `credentials_sealed`). */
  url: string;
  transport: "https" | "ssh" | "file" | "git";
  username: string | null;
  credentials_sealed: string | null;
  sync_interval_minutes: ColumnType<number, number | undefined, number>;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: Date | null;
}

export interface CustodySyncsTable {
  id: Generated<string>;
  repository_id: string;
  engagement_id: string;
  trigger: "schedule" | "manual" | "delivery";
  status: "succeeded" | "failed";
  initial_clone: ColumnType<boolean, boolean | undefined, boolean>;
  changes: ColumnType<unknown[], string | undefined, string>;
  ref_count: number | null;
  preserved_ref_count: number | null;
  size_bytes: ColumnType<number | null, number | null | undefined, number | null>;
  fsck_ok: boolean | null;
  fsck_problems: ColumnType<string[], string | undefined, string>;
  error: string | null;
  triggered_by: string;
  started_at: Date;
  finished_at: Date;
  duration_ms: number;
  /** The git bundle this sync left in the shared object storage (null without one). */
  bundle_key: ColumnType<string | null, string | null | undefined, string | null>;
  /** Every ref the mirror held after the sync (our own preserved ones too), with its object. */
  bundle_refs: ColumnType<Record<string, string> | null, string | null | undefined, string | null>;
}

export interface CustodyAlertsTable {
  id: Generated<string>;
  engagement_id: string;
  repository_id: string;
  sync_id: string;
  kind: "force_push" | "deleted_ref" | "tag_moved";
  ref: string;
  old_oid: string;
  new_oid: string | null;
  preserved_as: string;
  message: string;
  created_at: Timestamp;
  acknowledged_by: string | null;
  acknowledged_at: Date | null;
  acknowledgement: string | null;
}

export type CustodyVerificationStatus = "queued" | "running" | "accepted" | "rejected" | "error";

export interface CustodyVerificationsTable {
  id: Generated<string>;
  milestone_id: string;
  engagement_id: string;
  repository_id: string;
  ref: string;
  status: ColumnType<
    CustodyVerificationStatus,
    CustodyVerificationStatus | undefined,
    CustodyVerificationStatus
  >;
  sync_id: string | null;
  commit_oid: string | null;
  tree_oid: string | null;
  previous_accepted_commit: string | null;
  reasons: ColumnType<string[], string | undefined, string>;
  checks: ColumnType<unknown[], string | undefined, string>;
  findings: ColumnType<unknown[], string | undefined, string>;
  findings_total: ColumnType<number, number | undefined, number>;
  manifest_evidence_id: string | null;
  manifest_files: number | null;
  error: string | null;
  requested_by: string;
  created_at: Timestamp;
  started_at: Date | null;
  finished_at: Date | null;
  duration_ms: number | null;
}

export interface CustodyEngagementSettingsTable {
  engagement_id: string;
  commands: ColumnType<string[], string | undefined, string>;
  require_signed_commits: ColumnType<boolean, boolean | undefined, boolean>;
  secret_allowlist: ColumnType<
    { paths?: string[]; rules?: string[]; fingerprints?: string[] },
    string | undefined,
    string
  >;
  licence_policy: ColumnType<
    { deny: string[]; warn: string[] } | null,
    string | null | undefined,
    string | null
  >;
  wall_time_seconds: ColumnType<number, number | undefined, number>;
  updated_by: string;
  updated_at: Timestamp;
}

export interface AccessConnectorsTable {
  id: Generated<string>;
  system: string;
  kind: "ldap" | "csv";
  /** The LDAP settings without the bind password (that is `secret_sealed`). */
  config: ColumnType<Record<string, unknown>, string | undefined, string>;
  secret_sealed: string | null;
  csv_accounts: ColumnType<unknown[] | null, string | null | undefined, string | null>;
  csv_errors: ColumnType<unknown[] | null, string | null | undefined, string | null>;
  csv_imported_at: Date | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AccessReconciliationRunsTable {
  id: Generated<string>;
  status: "succeeded" | "failed";
  error: string | null;
  systems: ColumnType<string[], string | undefined, string>;
  person_ids: ColumnType<string[], string | undefined, string>;
  accounts: ColumnType<
    { system: string; account: string; enabled: boolean; groups: string[] }[],
    string | undefined,
    string
  >;
  summary: ColumnType<Record<string, unknown>, string | undefined, string>;
  triggered_by: string;
  started_at: Date;
  finished_at: Date;
}

export interface AccessFindingsTable {
  id: Generated<string>;
  run_id: string;
  kind: string;
  control: string;
  severity: string;
  system: string;
  account: string;
  person_id: string | null;
  message: string;
  evidence: ColumnType<Record<string, unknown>, string, string>;
}

export interface AccessRunbooksTable {
  id: Generated<string>;
  runbook_key: string;
  subject_kind: "person" | "engagement";
  person_id: string | null;
  engagement_id: string | null;
  vendor_id: string;
  runbook: ColumnType<Record<string, unknown>, string, string>;
  /** Runbook item id → the evidence row holding its read-back. */
  evidence_ids: ColumnType<Record<string, string>, string | undefined, string>;
  status: "open" | "complete";
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AccessLogImportsTable {
  id: Generated<string>;
  engagement_id: string;
  format: string;
  system: string | null;
  filename: string | null;
  entry_count: number;
  errors: ColumnType<{ line: number; message: string }[], string | undefined, string>;
  uploaded_by: string;
  created_at: Timestamp;
}

export interface AccessLogFlagsTable {
  id: Generated<string>;
  import_id: string;
  engagement_id: string;
  kind: string;
  control: string;
  line: number;
  at: Date | null;
  account: string | null;
  source_ip: string;
  system: string;
  message: string;
}

export type QuestionnaireStatus = "sent" | "in_progress" | "submitted" | "clarification" | "accepted";

export interface QuestionnaireTemplatesTable {
  id: Generated<string>;
  key: string;
  version: string;
  title: string;
  definition: Json;
  built_in: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: string;
  created_at: Timestamp;
}

export interface QuestionnaireAssignmentsTable {
  id: Generated<string>;
  engagement_id: string;
  vendor_id: string;
  template_id: string;
  recipient_kind: "contact" | "link";
  recipient_user_id: string | null;
  recipient_label: string;
  link_token_sha256: string | null;
  link_expires_at: Date | null;
  due_on: DateString | null;
  status: ColumnType<QuestionnaireStatus, QuestionnaireStatus | undefined, QuestionnaireStatus>;
  answers: ColumnType<Record<string, unknown>, string | undefined, string>;
  grades: ColumnType<Record<string, unknown>, string | undefined, string>;
  score: ColumnType<unknown, string | null | undefined, string | null>;
  score_value: number | null;
  critical_findings: number | null;
  reassess_days: number;
  valid_until: DateString | null;
  submitted_at: Date | null;
  accepted_at: Date | null;
  accepted_by: string | null;
  sent_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  reminder_kind: QuestionnaireReminderKind | null;
  reminded_at: Date | null;
}

/** A reminder recorded for a questionnaire not yet submitted: its due date is near, or past. */
export type QuestionnaireReminderKind = "due_soon" | "overdue";

export interface QuestionnaireAnswerFilesTable {
  id: Generated<string>;
  assignment_id: string;
  question_id: string;
  evidence_id: string;
  sha256: string;
  name: string;
  size: number;
  media_type: string;
  created_at: Timestamp;
}

export interface QuestionnaireSpentLinksTable {
  sha256: string;
  assignment_id: string;
  spent_at: Timestamp;
}

export interface QuestionnaireClarificationsTable {
  id: Generated<string>;
  assignment_id: string;
  question_id: string;
  request: string;
  asked_by: string;
  asked_at: Timestamp;
  response: string | null;
  responded_at: Date | null;
}

export interface QuestionnaireReviewNotesTable {
  id: Generated<string>;
  assignment_id: string;
  question_id: string | null;
  note: string;
  author: string;
  created_at: Timestamp;
}

export interface SiteVisitsTable {
  id: Generated<string>;
  engagement_id: string;
  vendor_id: string;
  visited_on: DateString;
  visitors: string;
  checklist: ColumnType<unknown[], string, string>;
  observations: ColumnType<string, string | undefined, string>;
  photo_evidence_ids: ColumnType<string[], string | undefined, string>;
  status: ColumnType<"draft" | "completed", "draft" | "completed" | undefined, "draft" | "completed">;
  completed_by: string | null;
  completed_at: Date | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface QuestionnaireSectionLinksTable {
  id: Generated<string>;
  assignment_id: string;
  section_id: string;
  recipient_label: string;
  token_sha256: string;
  expires_at: Date;
  created_by: string;
  /** The signed-in vendor contact who handed the section off (null when a link holder did). */
  created_by_user_id: string | null;
  created_at: Timestamp;
  ended_at: Date | null;
  end_reason: "taken_back" | "submitted" | "expired" | "revoked" | null;
  ended_by: string | null;
}

export interface OutboundEventsTable {
  id: Generated<string>;
  kind: string;
  vendor_id: string | null;
  engagement_id: string | null;
  /** The audit entry the event was read from, if any (each is read once). */
  audit_seq: number | null;
  payload: Json<Record<string, unknown>>;
  created_at: Timestamp;
  dispatched_at: Date | null;
}

export type MailStatus = "queued" | "sent" | "failed" | "not_configured" | "digest" | "digested";

export interface MailMessagesTable {
  id: Generated<string>;
  kind: string;
  user_id: string | null;
  recipient: string;
  subject: string;
  /** Sealed with the secret box: a body may carry a one-time link. */
  text_body: string;
  /** Sealed with the secret box. */
  html_body: string;
  status: ColumnType<MailStatus, MailStatus | undefined, MailStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  message_id: string | null;
  server_response: string | null;
  error: string | null;
  dedup_key: string | null;
  event_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  sent_at: Date | null;
}

export interface NotificationPreferencesTable {
  user_id: string;
  events: Json<string[]>;
  delivery: "immediate" | "digest";
  digest_hour: number;
  updated_at: Timestamp;
}

export interface WebhooksTable {
  id: Generated<string>;
  url: string;
  events: Json<string[]>;
  secret_sealed: string;
  disabled_at: Date | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type WebhookDeliveryStatus = "pending" | "delivered" | "failed" | "refused";

export interface WebhookDeliveriesTable {
  id: Generated<string>;
  webhook_id: string;
  event_id: string | null;
  event_kind: string;
  body: string;
  status: ColumnType<WebhookDeliveryStatus, WebhookDeliveryStatus | undefined, WebhookDeliveryStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  response_code: number | null;
  response_excerpt: string | null;
  error: string | null;
  created_at: Timestamp;
  last_attempt_at: Date | null;
  delivered_at: Date | null;
}

export interface UserInvitationsTable {
  id: Generated<string>;
  user_id: string;
  token_sha256: string;
  expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
  created_by: string;
  created_at: Timestamp;
}

export interface Database {
  outbound_events: OutboundEventsTable;
  mail_messages: MailMessagesTable;
  notification_preferences: NotificationPreferencesTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  user_invitations: UserInvitationsTable;
  questionnaire_section_links: QuestionnaireSectionLinksTable;
  questionnaire_templates: QuestionnaireTemplatesTable;
  questionnaire_assignments: QuestionnaireAssignmentsTable;
  questionnaire_answer_files: QuestionnaireAnswerFilesTable;
  questionnaire_spent_links: QuestionnaireSpentLinksTable;
  questionnaire_clarifications: QuestionnaireClarificationsTable;
  questionnaire_review_notes: QuestionnaireReviewNotesTable;
  site_visits: SiteVisitsTable;
  custody_repositories: CustodyRepositoriesTable;
  custody_syncs: CustodySyncsTable;
  custody_alerts: CustodyAlertsTable;
  custody_verifications: CustodyVerificationsTable;
  custody_engagement_settings: CustodyEngagementSettingsTable;
  engagement_evaluations: EngagementEvaluationsTable;
  leak_distributions: LeakDistributionsTable;
  leak_copies: LeakCopiesTable;
  leak_sources: LeakSourcesTable;
  leak_fingerprints: LeakFingerprintsTable;
  leak_cases: LeakCasesTable;
  settings: SettingsTable;
  vendors: VendorsTable;
  vendor_certifications: VendorCertificationsTable;
  insurance_certificates: InsuranceCertificatesTable;
  engagements: EngagementsTable;
  assets: AssetsTable;
  people: PeopleTable;
  person_certifications: PersonCertificationsTable;
  engagement_people: EngagementPeopleTable;
  grants: GrantsTable;
  policies: PoliciesTable;
  policy_versions: PolicyVersionsTable;
  policy_acknowledgements: PolicyAcknowledgementsTable;
  roster_change_requests: RosterChangeRequestsTable;
  milestones: MilestonesTable;
  audits: AuditsTable;
  audit_findings: AuditFindingsTable;
  evidence: EvidenceTable;
  incidents: IncidentsTable;
  attestations: AttestationsTable;
  control_exceptions: ControlExceptionsTable;
  org_controls: OrgControlsTable;
  reminders: RemindersTable;
  users: UsersTable;
  setup_tokens: SetupTokensTable;
  sessions: SessionsTable;
  recovery_codes: RecoveryCodesTable;
  sign_in_challenges: SignInChallengesTable;
  oidc_sign_in_requests: OidcSignInRequestsTable;
  api_tokens: ApiTokensTable;
  login_attempts: LoginAttemptsTable;
  request_counts: RequestCountsTable;
  login_throttle: LoginThrottleTable;
  blobs: BlobsTable;
  audit_log: AuditLogTable;
  access_connectors: AccessConnectorsTable;
  access_reconciliation_runs: AccessReconciliationRunsTable;
  access_findings: AccessFindingsTable;
  access_runbooks: AccessRunbooksTable;
  access_log_imports: AccessLogImportsTable;
  access_log_flags: AccessLogFlagsTable;
  contracts: ContractsTable;
  contract_clauses: ContractClausesTable;
  contract_checks: ContractChecksTable;
  contract_reviews: ContractReviewsTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type AuditRow = Selectable<AuditLogTable>;
