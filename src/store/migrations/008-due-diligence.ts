import { type Kysely, sql } from "kysely";

/**
 * Due diligence: questionnaire templates (definitions are immutable once stored; a change is a
 * new version), questionnaires sent for an engagement to a vendor contact or through a
 * single-use link (only the link token's SHA-256 is kept), the files attached to answers,
 * clarification requests, internal review notes, and site visits.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table questionnaire_templates (
      id uuid primary key default gen_random_uuid(),
      key text not null,
      version text not null,
      title text not null,
      definition jsonb not null,
      built_in boolean not null default false,
      created_by text not null,
      created_at timestamptz not null default now(),
      unique (key, version)
    );

    create table questionnaire_assignments (
      id uuid primary key default gen_random_uuid(),
      engagement_id uuid not null references engagements (id),
      vendor_id uuid not null references vendors (id),
      template_id uuid not null references questionnaire_templates (id),
      recipient_kind text not null check (recipient_kind in ('contact', 'link')),
      recipient_user_id uuid references users (id),
      recipient_label text not null,
      link_token_sha256 text unique,
      link_expires_at timestamptz,
      due_on date,
      status text not null default 'sent'
        check (status in ('sent', 'in_progress', 'submitted', 'clarification', 'accepted')),
      answers jsonb not null default '{}',
      grades jsonb not null default '{}',
      score jsonb,
      score_value double precision,
      critical_findings integer,
      reassess_days integer not null,
      valid_until date,
      submitted_at timestamptz,
      accepted_at timestamptz,
      accepted_by text,
      sent_by text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (recipient_kind = 'link' or recipient_user_id is not null)
    );
    create index questionnaire_assignments_engagement_idx on questionnaire_assignments (engagement_id, created_at desc);
    create index questionnaire_assignments_vendor_idx on questionnaire_assignments (vendor_id);

    -- Links already submitted: a vendor opening an old link is told it was used, not that it never existed.
    create table questionnaire_spent_links (
      sha256 text primary key,
      assignment_id uuid not null references questionnaire_assignments (id),
      spent_at timestamptz not null default now()
    );

    create table questionnaire_answer_files (
      id uuid primary key default gen_random_uuid(),
      assignment_id uuid not null references questionnaire_assignments (id),
      question_id text not null,
      evidence_id uuid not null references evidence (id),
      sha256 text not null references blobs (sha256),
      name text not null,
      size bigint not null,
      media_type text not null,
      created_at timestamptz not null default now()
    );
    create index questionnaire_answer_files_assignment_idx on questionnaire_answer_files (assignment_id);

    create table questionnaire_clarifications (
      id uuid primary key default gen_random_uuid(),
      assignment_id uuid not null references questionnaire_assignments (id),
      question_id text not null,
      request text not null,
      asked_by text not null,
      asked_at timestamptz not null default now(),
      response text,
      responded_at timestamptz
    );
    create index questionnaire_clarifications_assignment_idx on questionnaire_clarifications (assignment_id);

    create table questionnaire_review_notes (
      id uuid primary key default gen_random_uuid(),
      assignment_id uuid not null references questionnaire_assignments (id),
      question_id text,
      note text not null,
      author text not null,
      created_at timestamptz not null default now()
    );
    create index questionnaire_review_notes_assignment_idx on questionnaire_review_notes (assignment_id);

    create table site_visits (
      id uuid primary key default gen_random_uuid(),
      engagement_id uuid not null references engagements (id),
      vendor_id uuid not null references vendors (id),
      visited_on date not null,
      visitors text not null,
      checklist jsonb not null,
      observations text not null default '',
      photo_evidence_ids jsonb not null default '[]',
      status text not null default 'draft' check (status in ('draft', 'completed')),
      completed_by text,
      completed_at timestamptz,
      created_by text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index site_visits_engagement_idx on site_visits (engagement_id, visited_on desc);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table site_visits;
    drop table questionnaire_review_notes;
    drop table questionnaire_clarifications;
    drop table questionnaire_answer_files;
    drop table questionnaire_spent_links;
    drop table questionnaire_assignments;
    drop table questionnaire_templates;
  `.execute(db);
}
