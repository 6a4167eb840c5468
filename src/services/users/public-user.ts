import type { Role } from "../../domain/roles.ts";
import type { User } from "../../store/schema.ts";

/** What a client may see of a user: never the password hash. */
export interface PublicUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  vendorId: string | null;
  disabled: boolean;
  createdAt: string;
  /** An admin set the password: the user must change it at the next sign-in. */
  mustChangePassword: boolean;
  /** A TOTP second factor is on. */
  secondFactor: boolean;
}

export function toPublicUser(user: User): PublicUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    vendorId: user.vendor_id,
    disabled: user.disabled_at !== null,
    createdAt: new Date(user.created_at).toISOString(),
    mustChangePassword: user.must_change_password,
    secondFactor: user.totp_enabled_at !== null,
  };
}

export function actorOf(user: User): import("../../domain/roles.ts").Actor {
  return { kind: "user", id: user.id, label: user.email, role: user.role, vendorId: user.vendor_id };
}
