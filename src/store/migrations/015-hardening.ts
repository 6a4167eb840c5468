import { type Kysely, sql } from "kysely";

/**
 * Hardening. Sign-in throttling keeps one counter per key (an address, or an account at an
 * address), updated atomically so concurrent attempts cannot slip past it. API tokens get a
 * lifetime: a token without one expires 90 days after it was made (30 for vendor contacts),
 * and the tokens of users disabled so far are revoked. A section link records the user who
 * issued it, and may end because its issuer or vendor did ('revoked'), or because internal
 * staff revoked it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table login_throttle (
      key text primary key,
      failures integer not null default 0,
      next_allowed_at timestamptz not null,
      updated_at timestamptz not null
    );

    update api_tokens t set expires_at = t.created_at + (
      case when u.role = 'vendor' then interval '30 days' else interval '90 days' end)
      from users u where u.id = t.user_id and t.expires_at is null;
    update api_tokens t set revoked_at = now()
      from users u where u.id = t.user_id and u.disabled_at is not null and t.revoked_at is null;

    alter table questionnaire_section_links
      add column created_by_user_id uuid references users (id),
      drop constraint questionnaire_section_links_end_reason_check,
      add constraint questionnaire_section_links_end_reason_check
        check (end_reason in ('taken_back', 'submitted', 'expired', 'revoked'));
    update questionnaire_section_links l set created_by_user_id = u.id
      from users u where lower(u.email) = lower(l.created_by);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    update questionnaire_section_links set end_reason = 'taken_back' where end_reason = 'revoked';
    alter table questionnaire_section_links
      drop column created_by_user_id,
      drop constraint questionnaire_section_links_end_reason_check,
      add constraint questionnaire_section_links_end_reason_check
        check (end_reason in ('taken_back', 'submitted', 'expired'));
    drop table login_throttle;
  `.execute(db);
}
