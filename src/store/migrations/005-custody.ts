import { type Kysely, sql } from "kysely";

/**
 * Code custody: the vendor repositories of each engagement (credentials sealed),
 * every mirror sync with its ref changes, the history-rewrite alerts it raised,
 * the verification of each code delivery, and each engagement's verification
 * settings (build and test commands, signing, secret allowlist, licence policy).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table custody_repositories (
      id uuid primary key default gen_random_uuid(),
      engagement_id uuid not null references engagements (id),
      name text not null,
      url text not null,
      transport text not null check (transport in ('https', 'ssh', 'file', 'git')),
      username text,
      credentials_sealed text,
      sync_interval_minutes integer not null default 60,
      created_by text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      deleted_at timestamptz
    );
    create unique index custody_repositories_name_idx
      on custody_repositories (engagement_id, name) where deleted_at is null;

    create table custody_syncs (
      id uuid primary key default gen_random_uuid(),
      repository_id uuid not null references custody_repositories (id),
      engagement_id uuid not null references engagements (id),
      trigger text not null check (trigger in ('schedule', 'manual', 'delivery')),
      status text not null check (status in ('succeeded', 'failed')),
      initial_clone boolean not null default false,
      changes jsonb not null default '[]',
      ref_count integer,
      preserved_ref_count integer,
      size_bytes bigint,
      fsck_ok boolean,
      fsck_problems jsonb not null default '[]',
      error text,
      triggered_by text not null,
      started_at timestamptz not null,
      finished_at timestamptz not null,
      duration_ms integer not null
    );
    create index custody_syncs_repository_idx on custody_syncs (repository_id, started_at);
    create index custody_syncs_engagement_idx on custody_syncs (engagement_id, started_at);

    create table custody_alerts (
      id uuid primary key default gen_random_uuid(),
      engagement_id uuid not null references engagements (id),
      repository_id uuid not null references custody_repositories (id),
      sync_id uuid not null references custody_syncs (id),
      kind text not null check (kind in ('force_push', 'deleted_ref', 'tag_moved')),
      ref text not null,
      old_oid text not null,
      new_oid text,
      preserved_as text not null,
      message text not null,
      created_at timestamptz not null default now(),
      acknowledged_by text,
      acknowledged_at timestamptz,
      acknowledgement text
    );
    create index custody_alerts_engagement_idx on custody_alerts (engagement_id, created_at);

    create table custody_verifications (
      id uuid primary key default gen_random_uuid(),
      milestone_id uuid not null references milestones (id),
      engagement_id uuid not null references engagements (id),
      repository_id uuid not null references custody_repositories (id),
      ref text not null,
      status text not null default 'queued'
        check (status in ('queued', 'running', 'accepted', 'rejected', 'error')),
      sync_id uuid references custody_syncs (id),
      commit_oid text,
      tree_oid text,
      previous_accepted_commit text,
      reasons jsonb not null default '[]',
      checks jsonb not null default '[]',
      findings jsonb not null default '[]',
      findings_total integer not null default 0,
      manifest_evidence_id uuid references evidence (id),
      manifest_files integer,
      error text,
      requested_by text not null,
      created_at timestamptz not null default now(),
      started_at timestamptz,
      finished_at timestamptz,
      duration_ms integer
    );
    create index custody_verifications_milestone_idx on custody_verifications (milestone_id, created_at);
    create index custody_verifications_engagement_idx on custody_verifications (engagement_id, created_at);

    create table custody_engagement_settings (
      engagement_id uuid primary key references engagements (id),
      commands jsonb not null default '[]',
      require_signed_commits boolean not null default false,
      secret_allowlist jsonb not null default '{}',
      licence_policy jsonb,
      wall_time_seconds integer not null default 900,
      updated_by text not null,
      updated_at timestamptz not null default now()
    );
  `.execute(db);
}
