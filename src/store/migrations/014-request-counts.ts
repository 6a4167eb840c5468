import { type Kysely, sql } from "kysely";

/**
 * Requests counted per key (a client address, a link token's hash) in fixed one-minute windows,
 * for the rate limits of the public routes: one upsert per request, atomic on both engines, so
 * several processes sharing one PostgreSQL count together.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table request_counts (
      key text not null,
      window_start timestamptz not null,
      count integer not null,
      primary key (key, window_start)
    );
    create index request_counts_window_idx on request_counts (window_start);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table request_counts`.execute(db);
}
