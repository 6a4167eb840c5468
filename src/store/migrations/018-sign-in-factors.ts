import { type Kysely, sql } from "kysely";

/**
 * Single sign-on and a second factor. A password set by an admin must be changed at the next
 * sign-in. A TOTP secret (sealed with the secret box) is held pending until a first code confirms
 * it; the last accepted time step refuses a code used twice. Recovery codes are stored hashed.
 * A sign-in waiting for its second factor is a challenge, not a session. An OpenID Connect sign-in
 * keeps its state, nonce and PKCE verifier here, one-time and short-lived, so that any process
 * behind a balancer can finish it. A session records how it was opened (password or SSO).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table users
      add column must_change_password boolean not null default false,
      add column totp_secret text,
      add column totp_pending_secret text,
      add column totp_enabled_at timestamptz,
      add column totp_last_step integer;

    alter table sessions
      add column method text not null default 'password' check (method in ('password', 'sso'));

    create table recovery_codes (
      user_id uuid not null references users (id) on delete cascade,
      code_hash text not null,
      created_at timestamptz not null,
      used_at timestamptz,
      primary key (user_id, code_hash)
    );

    create table sign_in_challenges (
      id_hash text primary key,
      user_id uuid not null references users (id) on delete cascade,
      created_at timestamptz not null,
      expires_at timestamptz not null,
      ip text,
      user_agent text
    );

    create table oidc_sign_in_requests (
      state_hash text primary key,
      nonce text not null,
      code_verifier text not null,
      created_at timestamptz not null,
      expires_at timestamptz not null
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table oidc_sign_in_requests;
    drop table sign_in_challenges;
    drop table recovery_codes;
    alter table sessions drop column method;
    alter table users
      drop column must_change_password,
      drop column totp_secret,
      drop column totp_pending_secret,
      drop column totp_enabled_at,
      drop column totp_last_step;
  `.execute(db);
}
