import { type Kysely, sql } from "kysely";

/**
 * People and access: the organisation's account connectors (LDAP with its
 * bind password sealed, or the latest CSV snapshot of a system without one),
 * reconciliation runs with their findings, offboarding runbooks, and imported
 * access logs with their flags.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table access_connectors (
      id uuid primary key default gen_random_uuid(),
      system text not null unique,
      kind text not null check (kind in ('ldap', 'csv')),
      config jsonb not null default '{}',
      secret_sealed text,
      csv_accounts jsonb,
      csv_errors jsonb,
      csv_imported_at timestamptz,
      created_by text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    create table access_reconciliation_runs (
      id uuid primary key default gen_random_uuid(),
      status text not null check (status in ('succeeded', 'failed')),
      error text,
      systems jsonb not null default '[]',
      person_ids jsonb not null default '[]',
      accounts jsonb not null default '[]',
      summary jsonb not null default '{}',
      triggered_by text not null,
      started_at timestamptz not null,
      finished_at timestamptz not null
    );
    create index access_runs_finished_idx on access_reconciliation_runs (finished_at desc);

    create table access_findings (
      id uuid primary key default gen_random_uuid(),
      run_id uuid not null references access_reconciliation_runs (id) on delete cascade,
      kind text not null,
      control text not null,
      severity text not null,
      system text not null,
      account text not null,
      person_id uuid references people (id),
      message text not null,
      evidence jsonb not null
    );
    create index access_findings_run_idx on access_findings (run_id);
    create index access_findings_person_idx on access_findings (person_id);

    create table access_runbooks (
      id uuid primary key default gen_random_uuid(),
      runbook_key text not null unique,
      subject_kind text not null check (subject_kind in ('person', 'engagement')),
      person_id uuid references people (id),
      engagement_id uuid references engagements (id),
      vendor_id uuid not null references vendors (id),
      runbook jsonb not null,
      evidence_ids jsonb not null default '{}',
      status text not null check (status in ('open', 'complete')),
      created_by text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index access_runbooks_engagement_idx on access_runbooks (engagement_id);
    create index access_runbooks_person_idx on access_runbooks (person_id);

    create table access_log_imports (
      id uuid primary key default gen_random_uuid(),
      engagement_id uuid not null references engagements (id),
      format text not null,
      system text,
      filename text,
      entry_count integer not null,
      errors jsonb not null default '[]',
      uploaded_by text not null,
      created_at timestamptz not null default now()
    );
    create index access_log_imports_engagement_idx on access_log_imports (engagement_id);

    create table access_log_flags (
      id uuid primary key default gen_random_uuid(),
      import_id uuid not null references access_log_imports (id) on delete cascade,
      engagement_id uuid not null references engagements (id),
      kind text not null,
      control text not null,
      line integer not null,
      at timestamptz,
      account text,
      source_ip text not null,
      system text not null,
      message text not null
    );
    create index access_log_flags_engagement_idx on access_log_flags (engagement_id);
  `.execute(db);
}
