import { type Kysely, sql } from "kysely";

/**
 * Questionnaire reminders and section hand-offs. A reminder is recorded on the questionnaire once
 * per window (due soon, then overdue), so a daily job that runs twice records nothing new. A section
 * hand-off is a single-use link of its own, scoped to one section: only its token's SHA-256 is kept,
 * and it ends when it is taken back, when the questionnaire is submitted, or when it expires.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table questionnaire_assignments
      add column reminder_kind text check (reminder_kind in ('due_soon', 'overdue')),
      add column reminded_at timestamptz;

    create table questionnaire_section_links (
      id uuid primary key default gen_random_uuid(),
      assignment_id uuid not null references questionnaire_assignments (id),
      section_id text not null,
      recipient_label text not null,
      token_sha256 text not null unique,
      expires_at timestamptz not null,
      created_by text not null,
      created_at timestamptz not null default now(),
      ended_at timestamptz,
      end_reason text check (end_reason in ('taken_back', 'submitted', 'expired')),
      ended_by text,
      check ((ended_at is null) = (end_reason is null))
    );
    -- One live hand-off per section: a second colleague needs the first link taken back.
    create unique index questionnaire_section_links_live_idx
      on questionnaire_section_links (assignment_id, section_id) where ended_at is null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table questionnaire_section_links;
    alter table questionnaire_assignments drop column reminder_kind, drop column reminded_at;
  `.execute(db);
}
