import { type Kysely, sql } from "kysely";

/**
 * Mail, invitations and signed webhooks. Events are kept in an outbox written in
 * the transaction of the change that caused them (or of the evaluation that saw a
 * gate or control change), so none is lost on a restart and none exists for a
 * write that rolled back. Each mail message and webhook delivery is a row with its
 * status, attempts and last answer; the queue retries them. Stored evaluations keep
 * each control's status so that a change can be told from the previous one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table outbound_events (
      id uuid primary key default gen_random_uuid(),
      kind text not null,
      vendor_id uuid,
      engagement_id uuid,
      audit_seq bigint unique,
      payload jsonb not null,
      created_at timestamptz not null default now(),
      dispatched_at timestamptz
    );
    create index outbound_events_pending on outbound_events (created_at) where dispatched_at is null;

    create table mail_messages (
      id uuid primary key default gen_random_uuid(),
      kind text not null,
      user_id uuid references users (id) on delete set null,
      recipient text not null,
      subject text not null,
      text_body text not null,
      html_body text not null,
      status text not null default 'queued'
        check (status in ('queued', 'sent', 'failed', 'not_configured', 'digest', 'digested')),
      attempts integer not null default 0,
      message_id text,
      server_response text,
      error text,
      dedup_key text unique,
      event_id uuid references outbound_events (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      sent_at timestamptz
    );
    create index mail_messages_digest on mail_messages (user_id) where status = 'digest';

    create table notification_preferences (
      user_id uuid primary key references users (id) on delete cascade,
      events jsonb not null,
      delivery text not null check (delivery in ('immediate', 'digest')),
      digest_hour integer not null check (digest_hour between 0 and 23),
      updated_at timestamptz not null default now()
    );

    create table webhooks (
      id uuid primary key default gen_random_uuid(),
      url text not null,
      events jsonb not null,
      secret_sealed text not null,
      disabled_at timestamptz,
      created_by text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    create table webhook_deliveries (
      id uuid primary key default gen_random_uuid(),
      webhook_id uuid not null references webhooks (id) on delete cascade,
      event_id uuid references outbound_events (id) on delete set null,
      event_kind text not null,
      body text not null,
      status text not null default 'pending' check (status in ('pending', 'delivered', 'failed', 'refused')),
      attempts integer not null default 0,
      response_code integer,
      response_excerpt text,
      error text,
      created_at timestamptz not null default now(),
      last_attempt_at timestamptz,
      delivered_at timestamptz
    );
    create index webhook_deliveries_by_webhook on webhook_deliveries (webhook_id, created_at desc);

    create table user_invitations (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users (id) on delete cascade,
      token_sha256 text not null unique,
      expires_at timestamptz not null,
      used_at timestamptz,
      revoked_at timestamptz,
      created_by text not null,
      created_at timestamptz not null default now()
    );
    create index user_invitations_by_user on user_invitations (user_id);

    alter table engagement_evaluations add column control_statuses jsonb not null default '{}';

    -- Events are read from the audit log from here on: what happened before the upgrade is not replayed.
    insert into settings (key, value, updated_at)
      select 'events.audit-cursor', to_jsonb(coalesce(max(seq), 0)), now() from audit_log
      on conflict (key) do nothing;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    delete from settings where key = 'events.audit-cursor';
    alter table engagement_evaluations drop column control_statuses;
    drop table user_invitations;
    drop table webhook_deliveries;
    drop table webhooks;
    drop table notification_preferences;
    drop table mail_messages;
    drop table outbound_events;
  `.execute(db);
}
