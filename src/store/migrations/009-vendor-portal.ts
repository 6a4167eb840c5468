import { type Kysely, sql } from "kysely";

/**
 * The vendor portal: roster changes a vendor contact proposes (joiners, leavers) wait in
 * roster_change_requests until the security team approves or rejects them; acknowledgements,
 * certifications, insurance certificates and evidence say whether they came from the portal,
 * so that the security team can tell vendor submissions apart.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table roster_change_requests (
      id uuid primary key default gen_random_uuid(),
      vendor_id uuid not null references vendors (id),
      kind text not null check (kind in ('joiner', 'leaver')),
      -- A leaver's person; a joiner's once the request is approved.
      person_id uuid references people (id),
      -- A joiner's person fields and engagements, or a leaver's end date.
      details jsonb not null,
      status text not null default 'pending'
        check (status in ('pending', 'approved', 'rejected', 'withdrawn')),
      requested_by text not null,
      requested_by_user_id uuid references users (id),
      requested_at timestamptz not null default now(),
      reviewed_by text,
      reviewed_at timestamptz,
      review_reason text,
      check (kind = 'joiner' or person_id is not null),
      check (status <> 'rejected' or review_reason is not null)
    );
    create index roster_change_requests_vendor_idx on roster_change_requests (vendor_id, requested_at desc);
    create index roster_change_requests_pending_idx on roster_change_requests (requested_at)
      where status = 'pending';

    alter table policy_acknowledgements
      add column source text not null default 'internal' check (source in ('internal', 'portal')),
      add column recorded_by text,
      add column evidence_id uuid references evidence (id);

    alter table evidence
      add column source text not null default 'internal' check (source in ('internal', 'portal'));
    -- A certificate the vendor submits counts for the playbook once the security team verified it.
    alter table vendor_certifications
      add column source text not null default 'internal' check (source in ('internal', 'portal')),
      add column submitted_by text,
      add column verified_by text,
      add column verified_at timestamptz;
    alter table insurance_certificates
      add column source text not null default 'internal' check (source in ('internal', 'portal')),
      add column submitted_by text,
      add column verified_by text,
      add column verified_at timestamptz;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table insurance_certificates
      drop column source, drop column submitted_by, drop column verified_by, drop column verified_at;
    alter table vendor_certifications
      drop column source, drop column submitted_by, drop column verified_by, drop column verified_at;
    alter table evidence drop column source;
    alter table policy_acknowledgements drop column source, drop column recorded_by, drop column evidence_id;
    drop table roster_change_requests;
  `.execute(db);
}
