import { type Kysely, sql } from "kysely";

/**
 * Contracts of an engagement and their analysis: the uploaded file, the
 * extracted text, the clauses, key terms and per-control checks the contract
 * engine found, and legal's reviews (kept apart so that they survive
 * re-analysis).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table contracts (
      id uuid primary key default gen_random_uuid(),
      engagement_id uuid not null references engagements (id),
      kind text not null
        check (kind in ('msa', 'sow', 'nda', 'subcontractor-agreement', 'person-nda')),
      title text not null,
      blob_sha256 text not null references blobs (sha256),
      filename text not null,
      media_type text not null,
      size bigint not null,
      status text not null default 'queued'
        check (status in ('queued', 'analysing', 'analysed', 'failed')),
      failure_reason text,
      analysis_run integer not null default 1,
      format text,
      pages integer,
      text text,
      terms jsonb,
      uploaded_by text not null,
      created_at timestamptz not null default now(),
      analysed_at timestamptz,
      deleted_at timestamptz
    );
    create index contracts_engagement_idx on contracts (engagement_id);

    create table contract_clauses (
      contract_id uuid not null references contracts (id),
      position integer not null,
      type text not null,
      control text,
      start_offset integer not null,
      end_offset integer not null,
      text text not null,
      score double precision not null,
      section text,
      heading text,
      primary key (contract_id, position)
    );

    create table contract_checks (
      contract_id uuid not null references contracts (id),
      control text not null,
      status text not null check (status in ('pass', 'fail', 'warn')),
      reason text not null,
      clause_positions jsonb not null default '[]',
      primary key (contract_id, control)
    );

    create table contract_reviews (
      id uuid primary key default gen_random_uuid(),
      seq bigint generated always as identity,
      contract_id uuid not null references contracts (id),
      target text not null check (target in ('check', 'clause')),
      control text,
      clause_type text,
      clause_start integer,
      clause_end integer,
      decision text not null check (decision in ('confirm', 'override', 'reject')),
      status text check (status in ('pass', 'fail', 'warn')),
      comment text not null,
      reviewed_by text not null,
      reviewed_at timestamptz not null default now()
    );
    create index contract_reviews_contract_idx on contract_reviews (contract_id, seq);
  `.execute(db);
}
