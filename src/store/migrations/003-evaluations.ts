import { type Kysely, sql } from "kysely";

/**
 * The last evaluation of each engagement, kept for the portfolio views (the
 * dashboard, the heat map, vendor risk): an engagement page evaluates live,
 * a portfolio view reads these rows, which a job refreshes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table engagement_evaluations (
      engagement_id uuid primary key references engagements (id),
      vendor_id uuid not null references vendors (id),
      stage text not null,
      risk_score numeric(10, 1) not null,
      risk_level text not null,
      gate_open boolean not null,
      blockers jsonb not null default '[]',
      status_counts jsonb not null default '{}',
      evaluated_at timestamptz not null
    );
    create index engagement_evaluations_vendor_idx on engagement_evaluations (vendor_id);
    create index engagement_evaluations_risk_idx on engagement_evaluations (risk_score desc);
  `.execute(db);
}
