import { can, type Permission } from "../../domain/roles.ts";
import type { User } from "../api/api-types.ts";

export type { Permission };

/**
 * What the signed-in user may see, from the same role table the services use.
 * The UI only hides what would be refused; the server decides.
 */
export function userCan(user: User, permission: Permission): boolean {
  return can(
    { kind: "user", id: user.id, label: user.email, role: user.role, vendorId: user.vendorId },
    permission,
  );
}
