import { z } from "zod";
import { WardenError } from "../../domain/errors.ts";
import { requirePermission, type ServiceContext } from "../context.ts";
import { parseInput } from "../parse-input.ts";
import { writeTransaction } from "../write.ts";
import { type PublicUser, toPublicUser } from "./public-user.ts";

/**
 * Disables an account: its sessions end and its API tokens stop working at once.
 * The row stays (the audit log names it); `enable` undoes it.
 */
export async function setUserDisabled(
  ctx: ServiceContext,
  userId: unknown,
  disabled: boolean,
): Promise<PublicUser> {
  requirePermission(ctx, "users.manage", "disable or enable users");
  const id = parseInput(z.string().uuid("must be a user id"), userId);
  if (disabled && id === ctx.actor.id)
    throw new WardenError("conflict", "You cannot disable your own account.");
  return writeTransaction(ctx, async (tx, audit) => {
    const user = await tx.selectFrom("users").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
    if (!user) throw new WardenError("not_found", `No user with id ${id}.`);
    if (disabled && user.role === "admin" && !user.disabled_at) {
      const admins = await tx
        .selectFrom("users")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("role", "=", "admin")
        .where("disabled_at", "is", null)
        .executeTakeFirstOrThrow();
      if (Number(admins.n) <= 1)
        throw new WardenError("conflict", "This is the last active admin: make another admin first.");
    }
    const updated = await tx
      .updateTable("users")
      .set({ disabled_at: disabled ? ctx.runtime.now() : null, updated_at: ctx.runtime.now() })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (disabled) await tx.deleteFrom("sessions").where("user_id", "=", id).execute();
    await audit({
      action: disabled ? "user.disable" : "user.enable",
      targetType: "user",
      targetId: id,
      summary: { email: user.email },
    });
    return toPublicUser(updated);
  });
}

/** Finds a user by email or id (the CLI names users by email). */
export async function findUserId(ctx: ServiceContext, emailOrId: string): Promise<string> {
  requirePermission(ctx, "users.manage", "look up users");
  const isId = z.string().uuid().safeParse(emailOrId).success;
  const row = await ctx.runtime.db
    .selectFrom("users")
    .select("id")
    .where((eb) =>
      isId ? eb("id", "=", emailOrId) : eb(eb.fn("lower", ["email"]), "=", emailOrId.toLowerCase()),
    )
    .executeTakeFirst();
  if (!row) throw new WardenError("not_found", `No user ${emailOrId}.`);
  return row.id;
}
