import { type Kysely, sql } from "kysely";

/**
 * Leak watch: distributions of marked copies (one payload per recipient, allocated
 * here so that no two copies ever share one), the fingerprint postings of everything
 * shared or delivered, and leak cases with their trace reports.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table leak_distributions (
      id uuid primary key default gen_random_uuid(),
      engagement_id uuid not null references engagements (id),
      vendor_id uuid not null references vendors (id),
      title text not null,
      filename text not null,
      kind text not null check (kind in ('document', 'docx', 'pdf', 'source', 'archive')),
      media_type text not null,
      original_sha256 text not null references blobs (sha256),
      note text,
      shared_by text not null,
      created_at timestamptz not null default now()
    );
    create index leak_distributions_engagement_idx on leak_distributions (engagement_id, created_at desc);

    create table leak_copies (
      payload bigint generated always as identity (start with 1000) primary key,
      distribution_id uuid not null references leak_distributions (id),
      person_id uuid not null references people (id),
      recipient_label text not null,
      blob_sha256 text references blobs (sha256),
      created_at timestamptz not null default now(),
      unique (distribution_id, person_id)
    );
    create index leak_copies_person_idx on leak_copies (person_id);

    create table leak_sources (
      id uuid primary key default gen_random_uuid(),
      engagement_id uuid references engagements (id),
      kind text not null,
      ref text not null,
      path text not null,
      language text not null,
      distinct_hashes integer not null,
      created_at timestamptz not null default now(),
      unique (kind, ref, path)
    );
    create index leak_sources_engagement_idx on leak_sources (engagement_id);

    create table leak_fingerprints (
      hash integer not null,
      source_id uuid not null references leak_sources (id) on delete cascade,
      start_at integer not null,
      end_at integer not null
    );
    create index leak_fingerprints_hash_idx on leak_fingerprints (hash);
    create index leak_fingerprints_source_idx on leak_fingerprints (source_id);

    create table leak_cases (
      id uuid primary key default gen_random_uuid(),
      title text not null,
      status text not null default 'open' check (status in ('open', 'investigating', 'closed')),
      suspect_name text not null,
      suspect_sha256 text references blobs (sha256),
      report jsonb not null,
      engagement_id uuid references engagements (id),
      distribution_id uuid references leak_distributions (id),
      copy_payload bigint references leak_copies (payload),
      person_id uuid references people (id),
      confidence double precision not null default 0,
      notes jsonb not null default '[]',
      opened_by text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index leak_cases_engagement_idx on leak_cases (engagement_id, status);
  `.execute(db);
}
