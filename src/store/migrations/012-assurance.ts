import { type Kysely, sql } from "kysely";

/**
 * What the assurance rules need to be provable from the records:
 * - how each delivery was accepted (a passing verification from our mirror, or a
 *   manual acceptance by security with its reason), and by whom, so that payment
 *   can be refused to the one who accepted and a paid milestone always shows
 *   what its acceptance rests on;
 * - who approved a payment, by account (separation of duties);
 * - an exception that covers one person (a marked copy for someone without a
 *   valid NDA);
 * - the blocking controls of earlier stages that no longer hold, kept with each
 *   stored evaluation for the dashboard.
 * Milestones accepted before this migration are classified from their records:
 * a passing verification where one exists, otherwise a manual acceptance that
 * says it was recorded before acceptances were kept.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table milestones
      add column acceptance_kind text check (acceptance_kind in ('verification', 'manual')),
      add column acceptance_reason text,
      add column accepted_by text,
      add column accepted_by_user_id uuid references users (id),
      add column payment_approved_by_user_id uuid references users (id);
    update milestones m
       set acceptance_kind = 'verification', accepted_by = 'system'
     where m.state in ('accepted', 'payment_approved', 'paid')
       and exists (
         select 1 from custody_verifications v
          where v.milestone_id = m.id and v.status = 'accepted'
            and v.id::text = m.delivery_ref ->> 'verificationId'
       );
    update milestones
       set acceptance_kind = 'manual',
           accepted_by = 'unknown',
           acceptance_reason = 'Accepted before Warden recorded how deliveries were accepted.'
     where state in ('accepted', 'payment_approved', 'paid') and acceptance_kind is null;
    alter table milestones add constraint milestones_acceptance_recorded check (
      state not in ('accepted', 'payment_approved', 'paid') or acceptance_kind is not null
    );
    alter table milestones add constraint milestones_manual_acceptance_reason check (
      acceptance_kind is distinct from 'manual' or acceptance_reason is not null
    );

    alter table control_exceptions add column person_id uuid references people (id);
    create index control_exceptions_person_idx on control_exceptions (person_id) where person_id is not null;

    alter table engagement_evaluations add column regressions jsonb not null default '[]';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table engagement_evaluations drop column regressions;
    drop index control_exceptions_person_idx;
    alter table control_exceptions drop column person_id;
    alter table milestones
      drop constraint milestones_manual_acceptance_reason,
      drop constraint milestones_acceptance_recorded,
      drop column payment_approved_by_user_id,
      drop column accepted_by_user_id,
      drop column accepted_by,
      drop column acceptance_reason,
      drop column acceptance_kind;
  `.execute(db);
}
