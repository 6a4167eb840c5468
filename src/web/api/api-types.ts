/** Shapes of the Warden API as the web UI uses them (see GET /api/openapi.json). */

export type Role = "admin" | "security" | "legal" | "finance" | "auditor" | "vendor";

export const ROLES: readonly Role[] = ["admin", "security", "legal", "finance", "auditor", "vendor"];

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  vendorId: string | null;
  disabled: boolean;
  createdAt: string;
}

export interface SessionInfo {
  user: User;
  csrfToken: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface ApiToken {
  id: string;
  userId: string;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revoked: boolean;
}

export interface NewApiToken {
  token: string;
  info: ApiToken;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  targetType: string;
  targetId: string | null;
  summary: Record<string, unknown>;
  hash: string;
}

export interface AuditVerdict {
  ok: boolean;
  checked: number;
  lastHash: string;
  problem?: { kind: string; seq: number; message: string };
}

/** One field's complaint from a problem+json `errors` list. */
export interface FieldError {
  field: string;
  message: string;
}
