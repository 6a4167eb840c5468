import { type Kysely, sql } from "kysely";

/** Users, sessions, API tokens, login throttling, settings, blobs and the hash-chained audit log. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table settings (
      key text primary key,
      value jsonb not null,
      updated_at timestamptz not null default now()
    );

    create table vendors (
      id uuid primary key default gen_random_uuid(),
      legal_name text not null,
      country text not null,
      parent_vendor_id uuid references vendors (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      deleted_at timestamptz
    );

    create table users (
      id uuid primary key default gen_random_uuid(),
      email text not null,
      name text not null,
      role text not null check (role in ('admin', 'security', 'legal', 'finance', 'auditor', 'vendor')),
      vendor_id uuid references vendors (id),
      password_hash text not null,
      disabled_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((role = 'vendor') = (vendor_id is not null))
    );
    create unique index users_email_key on users (lower(email));

    create table setup_tokens (
      token_hash text primary key,
      created_at timestamptz not null default now(),
      used_at timestamptz
    );

    create table sessions (
      id_hash text primary key,
      user_id uuid not null references users (id) on delete cascade,
      csrf_token text not null,
      created_at timestamptz not null,
      last_seen_at timestamptz not null,
      expires_at timestamptz not null,
      absolute_expires_at timestamptz not null,
      ip text,
      user_agent text
    );
    create index sessions_user_idx on sessions (user_id);

    create table api_tokens (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users (id) on delete cascade,
      name text not null,
      prefix text not null,
      token_hash text not null unique,
      created_at timestamptz not null default now(),
      expires_at timestamptz,
      last_used_at timestamptz,
      revoked_at timestamptz
    );
    create index api_tokens_user_idx on api_tokens (user_id);

    create table login_attempts (
      id bigserial primary key,
      account text not null,
      ip text not null,
      succeeded boolean not null,
      at timestamptz not null default now()
    );
    create index login_attempts_account_idx on login_attempts (account, at);
    create index login_attempts_ip_idx on login_attempts (ip, at);

    create table blobs (
      sha256 text primary key,
      size bigint not null,
      media_type text not null,
      created_at timestamptz not null default now()
    );

    create table audit_log (
      seq bigint primary key,
      at timestamptz not null,
      actor_id uuid,
      actor_label text not null,
      action text not null,
      target_type text not null,
      target_id text,
      summary jsonb not null,
      prev_hash text not null,
      hash text not null
    );
    create index audit_log_target_idx on audit_log (target_type, target_id);
  `.execute(db);
}
