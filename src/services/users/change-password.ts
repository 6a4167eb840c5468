import { z } from "zod";
import { WardenError } from "../../domain/errors.ts";
import { clearLoginThrottle } from "../auth/login-throttle.ts";
import { checkPasswordStrength, hashPassword, verifyPassword } from "../auth/password.ts";
import { requirePermission, type ServiceContext } from "../context.ts";
import { parseId } from "../ids.ts";
import { parseInput } from "../parse-input.ts";
import { writeTransaction } from "../write.ts";
import { endAccessOf } from "./disable-user.ts";

/**
 * Changes your own password (the current one is required). Your other
 * sessions end; the one you are using goes on. A password an admin set is
 * yours once changed: the change-at-first-sign-in requirement ends here.
 */
export async function changeOwnPassword(
  ctx: ServiceContext,
  input: unknown,
  keepSessionHash?: string,
): Promise<void> {
  const data = parseInput(
    z.object({ currentPassword: z.string().min(1, "is required").max(1024), newPassword: z.string() }),
    input,
  );
  if (!ctx.actor.id) throw new WardenError("forbidden", "Only a signed-in user has a password to change.");
  const user = await ctx.runtime.db
    .selectFrom("users")
    .select(["id", "email", "name", "password_hash"])
    .where("id", "=", ctx.actor.id)
    .executeTakeFirstOrThrow();
  checkPasswordStrength(data.newPassword, [user.email, user.name]);
  if (!(await verifyPassword(user.password_hash, data.currentPassword))) {
    throw new WardenError("invalid_input", "The current password is wrong.", {
      errors: [{ field: "currentPassword", message: "is wrong" }],
    });
  }
  const passwordHash = await hashPassword(data.newPassword);
  await writeTransaction(ctx, async (tx, audit) => {
    await tx
      .updateTable("users")
      .set({ password_hash: passwordHash, must_change_password: false, updated_at: ctx.runtime.now() })
      .where("id", "=", user.id)
      .execute();
    let end = tx.deleteFrom("sessions").where("user_id", "=", user.id);
    if (keepSessionHash) end = end.where("id_hash", "!=", keepSessionHash);
    await end.execute();
    await audit({ action: "user.password.change", targetType: "user", targetId: user.id });
  });
}

/**
 * An admin sets a user's password (e.g. a forgotten one): all of that user's
 * sessions end and API tokens are revoked, so the new password is needed everywhere.
 * The user must change it at their next sign-in (not when the server's CLI set it).
 */
export async function resetPassword(ctx: ServiceContext, userId: unknown, input: unknown): Promise<void> {
  requirePermission(ctx, "users.manage", "reset passwords");
  const id = parseId(userId);
  const { password } = parseInput(z.object({ password: z.string() }), input);
  const target = await ctx.runtime.db
    .selectFrom("users")
    .select(["email", "name"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!target) throw new WardenError("not_found", `No user with id ${id}.`);
  checkPasswordStrength(password, [target.email, target.name]);
  const passwordHash = await hashPassword(password);
  await writeTransaction(ctx, async (tx, audit) => {
    const updated = await tx
      .updateTable("users")
      .set({
        password_hash: passwordHash,
        must_change_password: ctx.actor.kind === "user",
        updated_at: ctx.runtime.now(),
      })
      .where("id", "=", id)
      .returning("email")
      .executeTakeFirst();
    if (!updated) throw new WardenError("not_found", `No user with id ${id}.`);
    // The new password is needed everywhere: no session or API token made before it survives.
    await endAccessOf(ctx, tx, id, { keepSectionLinks: true });
    await tx.deleteFrom("login_attempts").where("account", "=", updated.email.toLowerCase()).execute();
    await clearLoginThrottle(tx, updated.email.toLowerCase());
    await audit({
      action: "user.password.reset",
      targetType: "user",
      targetId: id,
      summary: { email: updated.email, mustChangePassword: ctx.actor.kind === "user" },
    });
  });
}
