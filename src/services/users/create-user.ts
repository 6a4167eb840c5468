import { WardenError } from "../../domain/errors.ts";
import type { Role } from "../../domain/roles.ts";
import { checkPasswordStrength, hashPassword } from "../auth/password.ts";
import { requirePermission, type ServiceContext, type Tx } from "../context.ts";
import { parseInput } from "../parse-input.ts";
import { writeTransaction } from "../write.ts";
import { inviteUser } from "./invite-user.ts";
import { type PublicUser, toPublicUser } from "./public-user.ts";
import { newUserSchema, type UserFields } from "./user-input.ts";

/**
 * Creates an account (admins only). The password is hashed with argon2id; it is never stored or
 * logged. A password an admin chose must be changed at the user's first sign-in; the server's
 * own CLI (the operator at the data folder) sets none. With `invite: true` and no password, the
 * user is invited to set their own instead.
 */
export async function createUser(ctx: ServiceContext, input: unknown): Promise<PublicUser> {
  requirePermission(ctx, "users.manage", "manage users");
  if (typeof input === "object" && input !== null && (input as { invite?: unknown }).invite === true) {
    return inviteUser(ctx, input);
  }
  const data = parseInput(newUserSchema, input);
  checkPasswordStrength(data.password, [data.email, data.name]);
  const passwordHash = await hashPassword(data.password);
  return writeTransaction(ctx, async (tx, audit) => {
    const user = await insertUser(tx, data, passwordHash, { mustChangePassword: ctx.actor.kind === "user" });
    await audit({
      action: "user.create",
      targetType: "user",
      targetId: user.id,
      summary: { email: user.email, role: user.role, vendorId: user.vendor_id },
    });
    return toPublicUser(user);
  });
}

export async function insertUser(
  tx: Tx,
  data: UserFields,
  passwordHash: string,
  options: { mustChangePassword?: boolean } = {},
) {
  const taken = await tx
    .selectFrom("users")
    .select("id")
    .where((eb) => eb(eb.fn("lower", ["email"]), "=", data.email))
    .executeTakeFirst();
  if (taken)
    throw new WardenError("conflict", `A user with the email ${data.email} already exists.`, {
      field: "email",
    });
  if (data.vendorId) await assertVendorExists(tx, data.vendorId);
  return tx
    .insertInto("users")
    .values({
      email: data.email,
      name: data.name,
      role: data.role as Role,
      vendor_id: data.vendorId ?? null,
      password_hash: passwordHash,
      must_change_password: options.mustChangePassword ?? false,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

async function assertVendorExists(tx: Tx, vendorId: string): Promise<void> {
  const found = await tx
    .selectFrom("vendors")
    .select("id")
    .where("id", "=", vendorId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  if (!found)
    throw new WardenError("invalid_input", `No vendor with id ${vendorId}: create the vendor first.`, {
      field: "vendorId",
    });
}
