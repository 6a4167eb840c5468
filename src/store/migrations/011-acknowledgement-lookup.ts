import { type Kysely, sql } from "kysely";

/**
 * Acknowledgements looked up by person (the playbook reads those of an
 * engagement's roster; the person page lists them): the primary key leads with
 * the policy version, which serves only lookups by version.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index policy_acknowledgements_person_idx
      on policy_acknowledgements (person_id, policy_version_id)
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index policy_acknowledgements_person_idx`.execute(db);
}
