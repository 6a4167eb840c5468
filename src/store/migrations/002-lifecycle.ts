import { type Kysely, sql } from "kysely";

/**
 * The engagement lifecycle: vendors and their chain, engagements and assets, the
 * roster, policies, grants, milestones, audits, evidence, insurance, incidents,
 * attestations, exceptions and the organisation's playbook settings.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table vendors
      add column contacts jsonb not null default '[]',
      add column website text,
      add column internal_notes text,
      add column assessed_on date,
      add column assessment_expires_on date,
      add column assessment_rating text check (assessment_rating in ('low', 'medium', 'high')),
      add column chain_disclosed_on date;
    create index vendors_parent_idx on vendors (parent_vendor_id);
    create index vendors_name_idx on vendors (lower(legal_name));

    create table vendor_certifications (
      id uuid primary key default gen_random_uuid(),
      vendor_id uuid not null references vendors (id),
      kind text not null,
      issuer text,
      issued_on date,
      expires_on date not null,
      evidence_id uuid,
      created_at timestamptz not null default now()
    );
    create index vendor_certifications_vendor_idx on vendor_certifications (vendor_id);

    create table insurance_certificates (
      id uuid primary key default gen_random_uuid(),
      vendor_id uuid not null references vendors (id),
      insurer text not null,
      policy_number text,
      coverage_amount numeric(18, 2) not null check (coverage_amount >= 0),
      currency text not null,
      expires_on date not null,
      evidence_id uuid,
      created_at timestamptz not null default now()
    );
    create index insurance_vendor_idx on insurance_certificates (vendor_id);

    create table engagements (
      id uuid primary key default gen_random_uuid(),
      vendor_id uuid not null references vendors (id),
      name text not null,
      scope text not null default '',
      stage text not null default 'due_diligence'
        check (stage in ('due_diligence', 'contract', 'kick_off', 'ongoing', 'termination', 'closed')),
      offshore boolean not null default true,
      start_date date,
      end_date date,
      approved_networks jsonb not null default '[]',
      required_insurance_amount numeric(18, 2),
      required_insurance_currency text,
      custody_freshness_hours integer not null default 24,
      stage_changed_at timestamptz not null default now(),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      deleted_at timestamptz
    );
    create index engagements_vendor_idx on engagements (vendor_id);
    create index engagements_stage_idx on engagements (stage);

    create table assets (
      id uuid primary key default gen_random_uuid(),
      engagement_id uuid not null references engagements (id),
      kind text not null check (kind in ('repository', 'dataset', 'document', 'system', 'other')),
      name text not null,
      location text,
      classification text check (classification in ('crown_jewel', 'confidential', 'internal', 'public')),
      created_at timestamptz not null default now()
    );
    create index assets_engagement_idx on assets (engagement_id);

    create table people (
      id uuid primary key default gen_random_uuid(),
      vendor_id uuid not null references vendors (id),
      employer_vendor_id uuid not null references vendors (id),
      full_name text not null,
      email text,
      role_title text not null default '',
      start_date date not null,
      end_date date,
      nda_signed_on date,
      nda_expires_on date,
      nda_evidence_id uuid,
      noncompete_signed_on date,
      noncompete_expires_on date,
      noncompete_evidence_id uuid,
      training_completed_on date,
      identities jsonb not null default '{}',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      deleted_at timestamptz
    );
    create index people_vendor_idx on people (vendor_id);
    create unique index people_vendor_email_key on people (vendor_id, lower(email)) where deleted_at is null and email is not null;

    create table person_certifications (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people (id),
      name text not null,
      expires_on date,
      created_at timestamptz not null default now()
    );
    create index person_certifications_person_idx on person_certifications (person_id);

    create table engagement_people (
      engagement_id uuid not null references engagements (id),
      person_id uuid not null references people (id),
      added_at timestamptz not null default now(),
      primary key (engagement_id, person_id)
    );
    create index engagement_people_person_idx on engagement_people (person_id);

    create table grants (
      id uuid primary key default gen_random_uuid(),
      engagement_id uuid not null references engagements (id),
      person_id uuid not null references people (id),
      system text not null,
      account text not null,
      scope jsonb not null default '[]',
      reason text not null,
      granted_by text not null,
      granted_on date not null,
      expires_on date,
      revoked_on date,
      created_at timestamptz not null default now()
    );
    create index grants_engagement_idx on grants (engagement_id);
    create index grants_person_idx on grants (person_id);

    create table policies (
      id uuid primary key default gen_random_uuid(),
      engagement_id uuid references engagements (id),
      title text not null,
      kind text not null default 'policy' check (kind in ('policy', 'sop')),
      created_at timestamptz not null default now(),
      retired_at timestamptz
    );

    create table policy_versions (
      id uuid primary key default gen_random_uuid(),
      policy_id uuid not null references policies (id),
      version integer not null,
      summary text not null default '',
      evidence_id uuid,
      issued_at timestamptz not null default now(),
      unique (policy_id, version)
    );

    create table policy_acknowledgements (
      policy_version_id uuid not null references policy_versions (id),
      person_id uuid not null references people (id),
      acknowledged_at timestamptz not null default now(),
      primary key (policy_version_id, person_id)
    );

    create table milestones (
      id uuid primary key default gen_random_uuid(),
      engagement_id uuid not null references engagements (id),
      title text not null,
      deliverable text not null default '',
      amount numeric(18, 2) not null check (amount >= 0),
      currency text not null,
      due_date date,
      acceptance_days integer not null default 10 check (acceptance_days >= 0),
      is_final boolean not null default false,
      state text not null default 'planned'
        check (state in ('planned', 'delivered', 'verifying', 'accepted', 'rejected', 'payment_approved', 'paid')),
      delivery_ref jsonb,
      delivered_at timestamptz,
      decided_at timestamptz,
      decision_reason text,
      payment_approved_by text,
      payment_approved_at timestamptz,
      paid_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index milestones_engagement_idx on milestones (engagement_id);

    create table audits (
      id uuid primary key default gen_random_uuid(),
      vendor_id uuid not null references vendors (id),
      engagement_id uuid references engagements (id),
      kind text not null check (kind in ('internal', 'third_party')),
      auditor_org text not null,
      performed_on date not null,
      next_due_on date,
      summary text not null default '',
      report_evidence_id uuid,
      created_at timestamptz not null default now()
    );
    create index audits_vendor_idx on audits (vendor_id);

    create table audit_findings (
      id uuid primary key default gen_random_uuid(),
      audit_id uuid not null references audits (id),
      title text not null,
      severity text not null check (severity in ('low', 'medium', 'high', 'critical')),
      status text not null default 'open' check (status in ('open', 'closed')),
      due_on date,
      closed_on date,
      created_at timestamptz not null default now()
    );
    create index audit_findings_audit_idx on audit_findings (audit_id);

    create table evidence (
      id uuid primary key default gen_random_uuid(),
      vendor_id uuid not null references vendors (id),
      engagement_id uuid references engagements (id),
      title text not null,
      blob_sha256 text references blobs (sha256),
      filename text,
      media_type text,
      size bigint,
      effective_on date,
      expires_on date,
      controls jsonb not null default '[]',
      internal boolean not null default false,
      uploaded_by text not null,
      created_at timestamptz not null default now(),
      deleted_at timestamptz
    );
    create index evidence_engagement_idx on evidence (engagement_id);
    create index evidence_vendor_idx on evidence (vendor_id);

    create table incidents (
      id uuid primary key default gen_random_uuid(),
      engagement_id uuid not null references engagements (id),
      title text not null,
      description text not null default '',
      severity text not null check (severity in ('low', 'medium', 'high', 'critical')),
      occurred_at timestamptz not null,
      materiality_decided_at timestamptz,
      disclosure_due_at timestamptz,
      disclosed_at timestamptz,
      status text not null default 'open' check (status in ('open', 'closed')),
      created_at timestamptz not null default now()
    );
    create index incidents_engagement_idx on incidents (engagement_id);

    create table attestations (
      id uuid primary key default gen_random_uuid(),
      engagement_id uuid not null references engagements (id),
      control_id text not null,
      statement text not null,
      evidence_id uuid references evidence (id),
      attested_by text not null,
      attested_at timestamptz not null default now(),
      expires_on date,
      revoked_at timestamptz
    );
    create index attestations_engagement_idx on attestations (engagement_id, control_id);

    create table control_exceptions (
      id uuid primary key default gen_random_uuid(),
      engagement_id uuid not null references engagements (id),
      control_id text not null,
      asset_id uuid references assets (id),
      reason text not null,
      approved_by text not null,
      expires_on date not null,
      created_at timestamptz not null default now(),
      revoked_at timestamptz
    );
    create index control_exceptions_engagement_idx on control_exceptions (engagement_id);

    create table org_controls (
      control_id text primary key,
      disabled boolean not null default false,
      disabled_reason text,
      definition jsonb,
      updated_at timestamptz not null default now()
    );

    create table reminders (
      id uuid primary key default gen_random_uuid(),
      vendor_id uuid references vendors (id),
      engagement_id uuid references engagements (id),
      kind text not null,
      subject text not null,
      due_on date not null,
      computed_at timestamptz not null default now()
    );
    create index reminders_due_idx on reminders (due_on);
  `.execute(db);
}
