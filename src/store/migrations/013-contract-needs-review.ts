import { type Kysely, sql } from "kysely";

/**
 * A contract check may end "needs_review": a term the policy judges (a
 * liability cap, an insurance minimum, an audit notice, a jurisdiction) could
 * not be read, so the check neither passes nor fails. Legal's overrides stay
 * pass, warn or fail: a review settles the question.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table contract_checks drop constraint contract_checks_status_check;
    alter table contract_checks add constraint contract_checks_status_check
      check (status in ('pass', 'fail', 'warn', 'needs_review'));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    update contract_checks set status = 'warn' where status = 'needs_review';
    alter table contract_checks drop constraint contract_checks_status_check;
    alter table contract_checks add constraint contract_checks_status_check
      check (status in ('pass', 'fail', 'warn'));
  `.execute(db);
}
