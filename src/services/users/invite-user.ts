import { z } from "zod";
import { WardenError } from "../../domain/errors.ts";
import type { Actor } from "../../domain/roles.ts";
import { checkPasswordStrength, hashPassword } from "../auth/password.ts";
import { hashSecret, newSecretToken } from "../auth/secret-token.ts";
import { type Runtime, requirePermission, type ServiceContext, type Tx } from "../context.ts";
import { parseId } from "../ids.ts";
import { queueMail } from "../mail/queue-mail.ts";
import { renderMail } from "../mail/render-mail.ts";
import { parseInput } from "../parse-input.ts";
import { writeTransaction } from "../write.ts";
import { insertUser } from "./create-user.ts";
import { type PublicUser, toPublicUser } from "./public-user.ts";
import { invitedUserSchema } from "./user-input.ts";

/** How long an invitation link works. */
export const INVITATION_HOURS = 72;

export interface PendingInvitation {
  userId: string;
  email: string;
  name: string;
  role: string;
  invitedBy: string;
  expiresAt: string;
  expired: boolean;
}

/**
 * Creates a user without a password (admins) and mails them a one-time link, valid for
 * 72 hours, where they set their own. Only the link's sha256 is stored.
 *
 * @example
 * await inviteUser(ctx, { email: "ana@example.com", name: "Ana", role: "legal", invite: true });
 */
export async function inviteUser(ctx: ServiceContext, input: unknown): Promise<PublicUser> {
  requirePermission(ctx, "users.manage", "invite users");
  const data = parseInput(invitedUserSchema, input);
  // Nobody knows this password: the account cannot be signed into until the link is used.
  const unusable = await hashPassword(newSecretToken());
  return writeTransaction(ctx, async (tx, audit) => {
    const user = await insertUser(tx, data, unusable);
    await issueInvitation(ctx, tx, user);
    await audit({
      action: "user.invite",
      targetType: "user",
      targetId: user.id,
      summary: { email: user.email, role: user.role, vendorId: user.vendor_id },
    });
    return toPublicUser(user);
  });
}

/** Sends a new invitation link to a user who has not set their password yet; the old link stops working. */
export async function resendInvitation(ctx: ServiceContext, userId: unknown): Promise<PendingInvitation> {
  requirePermission(ctx, "users.manage", "invite users");
  const id = parseId(userId);
  return writeTransaction(ctx, async (tx, audit) => {
    const user = await tx.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
    if (!user) throw new WardenError("not_found", `No user with id ${id}.`);
    const pending = await tx
      .selectFrom("user_invitations")
      .select("id")
      .where("user_id", "=", id)
      .where("used_at", "is", null)
      .where("revoked_at", "is", null)
      .execute();
    const everUsed = await tx
      .selectFrom("user_invitations")
      .select("id")
      .where("user_id", "=", id)
      .where("used_at", "is not", null)
      .executeTakeFirst();
    if (pending.length === 0 || everUsed) {
      throw new WardenError(
        "conflict",
        `${user.email} has no pending invitation: they have set a password, or were never invited.`,
      );
    }
    if (user.disabled_at)
      throw new WardenError("conflict", `${user.email} is disabled: enable the account first.`);
    await tx
      .updateTable("user_invitations")
      .set({ revoked_at: ctx.runtime.now() })
      .where("user_id", "=", id)
      .where("used_at", "is", null)
      .where("revoked_at", "is", null)
      .execute();
    const expiresAt = await issueInvitation(ctx, tx, user);
    await audit({
      action: "user.invite.resend",
      targetType: "user",
      targetId: id,
      summary: { email: user.email },
    });
    return {
      userId: id,
      email: user.email,
      name: user.name,
      role: user.role,
      invitedBy: ctx.actor.label,
      expiresAt: expiresAt.toISOString(),
      expired: false,
    };
  });
}

async function issueInvitation(
  ctx: ServiceContext,
  tx: Tx,
  user: { id: string; email: string; name: string },
): Promise<Date> {
  const token = newSecretToken();
  const expiresAt = new Date(ctx.runtime.now().getTime() + INVITATION_HOURS * 3_600_000);
  await tx
    .insertInto("user_invitations")
    .values({
      user_id: user.id,
      token_sha256: hashSecret(token),
      expires_at: expiresAt,
      created_by: ctx.actor.label,
      created_at: ctx.runtime.now(),
    })
    .execute();
  // The token rides in the fragment: browsers send it to no server, log or Referer.
  const link = `${ctx.runtime.config.publicUrl}/set-password#${token}`;
  await queueMail(ctx.runtime, tx, {
    kind: "invitation",
    to: user.email,
    userId: user.id,
    mail: renderMail("You are invited to Warden", [
      `Hello ${user.name},`,
      `${ctx.actor.label} invited you to Warden. Set your password with the link below; it works once, until ${expiresAt.toISOString().replace("T", " ").slice(0, 16)} UTC.`,
      { link, label: "Set your password" },
      "If you did not expect this, ignore this message.",
    ]),
  });
  return expiresAt;
}

/** Users invited who have not set their password yet, with when their link expires. */
export async function listPendingInvitations(ctx: ServiceContext): Promise<PendingInvitation[]> {
  requirePermission(ctx, "users.manage", "see invitations");
  const rows = await ctx.runtime.db
    .selectFrom("user_invitations as i")
    .innerJoin("users as u", "u.id", "i.user_id")
    .select(["u.id", "u.email", "u.name", "u.role", "i.created_by", "i.expires_at"])
    .where("i.used_at", "is", null)
    .where("i.revoked_at", "is", null)
    .where("u.disabled_at", "is", null)
    .orderBy("i.created_at", "desc")
    .execute();
  const now = ctx.runtime.now().getTime();
  return rows.map((r) => ({
    userId: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    invitedBy: r.created_by,
    expiresAt: r.expires_at.toISOString(),
    expired: r.expires_at.getTime() <= now,
  }));
}

const acceptSchema = z.object({
  token: z.string().min(20, "is the code from the invitation link").max(200),
  password: z.string(),
});

/**
 * Sets an invited user's password from the invitation link (no sign-in needed: the link is
 * the proof). The link works once; an expired, re-sent or used one is refused.
 */
export async function acceptInvitation(runtime: Runtime, input: unknown): Promise<{ email: string }> {
  const data = parseInput(acceptSchema, input);
  const found = await runtime.db
    .selectFrom("user_invitations as i")
    .innerJoin("users as u", "u.id", "i.user_id")
    .select([
      "i.id",
      "i.expires_at",
      "i.used_at",
      "i.revoked_at",
      "u.id as userId",
      "u.email",
      "u.name",
      "u.role",
      "u.vendor_id",
      "u.disabled_at",
    ])
    .where("i.token_sha256", "=", hashSecret(data.token))
    .executeTakeFirst();
  const dead = (why: string) =>
    new WardenError("invalid_input", `This invitation link ${why}. Ask an administrator to send a new one.`, {
      field: "token",
    });
  if (!found) throw dead("is not valid");
  if (found.used_at) throw dead("was used already");
  if (found.revoked_at) throw dead("was replaced by a newer one");
  if (found.expires_at.getTime() <= runtime.now().getTime()) throw dead("has expired");
  if (found.disabled_at) throw dead("belongs to a disabled account");
  checkPasswordStrength(data.password, [found.email, found.name]);
  const passwordHash = await hashPassword(data.password);
  const actor: Actor = {
    kind: "user",
    id: found.userId,
    label: found.email,
    role: found.role,
    vendorId: found.vendor_id,
  };
  await writeTransaction({ runtime, actor }, async (tx, audit) => {
    // The guard makes the link single-use even when two requests race.
    const claimed = await tx
      .updateTable("user_invitations")
      .set({ used_at: runtime.now() })
      .where("id", "=", found.id)
      .where("used_at", "is", null)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) throw dead("was used already");
    await tx
      .updateTable("users")
      .set({ password_hash: passwordHash, updated_at: runtime.now() })
      .where("id", "=", found.userId)
      .execute();
    await audit({
      action: "user.invite.accept",
      targetType: "user",
      targetId: found.userId,
      summary: { email: found.email },
    });
  });
  return { email: found.email };
}
