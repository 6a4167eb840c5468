import { type Kysely, sql } from "kysely";

/**
 * Each successful sync may leave a git bundle of what it fetched in the shared object storage
 * (incremental against the bundle before it), with the refs the mirror held after it: a process on
 * another machine rebuilds or catches up its own copy of the mirror from these before it syncs or
 * verifies, and refuses to verify from a copy older than the last recorded refs.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table custody_syncs add column bundle_key text;
    alter table custody_syncs add column bundle_refs jsonb;
    create index custody_syncs_bundles_idx on custody_syncs (repository_id, finished_at) where bundle_key is not null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index custody_syncs_bundles_idx;
    alter table custody_syncs drop column bundle_refs;
    alter table custody_syncs drop column bundle_key;
  `.execute(db);
}
