import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

/**
 * The typed tables. Column types follow what both drivers return: timestamptz as
 * Date, jsonb as parsed JSON, bigint as number (the pg driver is told to parse int8).
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string, string>;

export type Role = "admin" | "security" | "legal" | "finance" | "auditor" | "vendor";

export interface SettingsTable {
  key: string;
  value: Json;
  updated_at: Timestamp;
}

export interface VendorsTable {
  id: Generated<string>;
  legal_name: string;
  country: string;
  parent_vendor_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: Date | null;
}

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  role: Role;
  vendor_id: string | null;
  password_hash: string;
  disabled_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SetupTokensTable {
  token_hash: string;
  created_at: Timestamp;
  used_at: Date | null;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  absolute_expires_at: Date;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  prefix: string;
  token_hash: string;
  created_at: Timestamp;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  account: string;
  ip: string;
  succeeded: boolean;
  at: Timestamp;
}

export interface BlobsTable {
  sha256: string;
  size: number;
  media_type: string;
  created_at: Timestamp;
}

export interface AuditLogTable {
  seq: number;
  at: Date;
  actor_id: string | null;
  actor_label: string;
  action: string;
  target_type: string;
  target_id: string | null;
  summary: Json<Record<string, unknown>>;
  prev_hash: string;
  hash: string;
}

export interface Database {
  settings: SettingsTable;
  vendors: VendorsTable;
  users: UsersTable;
  setup_tokens: SetupTokensTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_attempts: LoginAttemptsTable;
  blobs: BlobsTable;
  audit_log: AuditLogTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type AuditRow = Selectable<AuditLogTable>;
