import { z } from "zod";
import { WardenError } from "../../domain/errors.ts";
import { revokeTokensOfUser } from "../auth/api-tokens.ts";
import { requirePermission, type ServiceContext, type Tx } from "../context.ts";
import { parseInput } from "../parse-input.ts";
import { endSectionLinksOfIssuer } from "../questionnaires/section-links.ts";
import { writeTransaction } from "../write.ts";
import { type PublicUser, toPublicUser } from "./public-user.ts";

/**
 * Disables an account: its sessions end, its API tokens are revoked and the section links it
 * handed out end, at once and for good (enabling the account again revives none of them).
 * The row stays (the audit log names it); `enable` undoes the disable itself. A contact of a
 * deleted vendor cannot be enabled.
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
    if (!disabled && user.vendor_id) {
      const vendor = await tx
        .selectFrom("vendors")
        .select(["legal_name", "deleted_at"])
        .where("id", "=", user.vendor_id)
        .executeTakeFirst();
      if (vendor?.deleted_at)
        throw new WardenError(
          "conflict",
          `${user.email} is a contact of ${vendor.legal_name}, which is deleted: restore the vendor first.`,
        );
    }
    const updated = await tx
      .updateTable("users")
      .set({ disabled_at: disabled ? ctx.runtime.now() : null, updated_at: ctx.runtime.now() })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (disabled) await endAccessOf(ctx, tx, id);
    await audit({
      action: disabled ? "user.disable" : "user.enable",
      targetType: "user",
      targetId: id,
      summary: { email: user.email },
    });
    return toPublicUser(updated);
  });
}

/**
 * Ends everything that lets a user in, inside the caller's transaction: sessions, API tokens,
 * and the section links the user handed out. A disable, a vendor's deletion and (but for the
 * links) a password reset call it.
 */
export async function endAccessOf(
  ctx: ServiceContext,
  tx: Tx,
  userId: string,
  options: { keepSectionLinks?: boolean } = {},
): Promise<void> {
  await tx.deleteFrom("sessions").where("user_id", "=", userId).execute();
  await revokeTokensOfUser(tx, userId, ctx.runtime.now());
  if (!options.keepSectionLinks) await endSectionLinksOfIssuer(tx, userId, ctx);
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
