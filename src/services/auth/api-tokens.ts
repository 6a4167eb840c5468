import { z } from "zod";
import { WardenError } from "../../domain/errors.ts";
import { type Actor, can } from "../../domain/roles.ts";
import { RESTRICTION_MESSAGES } from "../../domain/sign-in-restriction.ts";
import type { Runtime, ServiceContext, Tx } from "../context.ts";
import { parseInput } from "../parse-input.ts";
import { actorOf } from "../users/public-user.ts";
import { writeTransaction } from "../write.ts";
import { hashSecret, newSecretToken } from "./secret-token.ts";
import { readTokenSettings } from "./token-settings.ts";

const TOKEN_PREFIX = "wdn_";

export interface ApiTokenInfo {
  id: string;
  userId: string;
  /** The token's user (in lists, where an admin sees everyone's). */
  userEmail?: string;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revoked: boolean;
}

const createSchema = z.object({
  name: z.string().trim().min(1, "is required").max(100),
  /** At most the organisation's limit for the token's user; that limit when left out. */
  expiresInDays: z.number().int().positive().optional(),
  /** Admins may make a token for another user (e.g. an integration account). */
  userId: z.string().uuid().optional(),
});

/**
 * Makes an API token. The secret is returned once, here, and stored only as its
 * hash: nobody can read it back later. Every token expires: at most after the
 * organisation's limit (token settings: 90 days by default, 30 for vendor
 * contacts).
 */
export async function createApiToken(
  ctx: ServiceContext,
  input: unknown,
): Promise<{ token: string; info: ApiTokenInfo }> {
  const data = parseInput(createSchema, input);
  const userId = data.userId ?? ctx.actor.id;
  if (!userId)
    throw new WardenError("invalid_input", "Name the user the token is for (userId).", { field: "userId" });
  if (userId !== ctx.actor.id && !can(ctx.actor, "users.manage")) {
    throw new WardenError("forbidden", "Only an admin may make a token for another user.");
  }
  const secret = newSecretToken();
  const token = `${TOKEN_PREFIX}${secret}`;
  const now = ctx.runtime.now();
  const settings = await readTokenSettings(ctx.runtime.db);
  return writeTransaction(ctx, async (tx, audit) => {
    const user = await tx
      .selectFrom("users")
      .select(["id", "role", "disabled_at"])
      .where("id", "=", userId)
      .executeTakeFirst();
    if (!user || user.disabled_at) throw new WardenError("not_found", `No active user with id ${userId}.`);
    const maxDays = user.role === "vendor" ? settings.vendorMaxDays : settings.maxDays;
    if (data.expiresInDays !== undefined && data.expiresInDays > maxDays) {
      throw new WardenError(
        "invalid_input",
        `A ${user.role === "vendor" ? "vendor contact's " : ""}token may live at most ${maxDays} days here: ask for ${maxDays} or fewer (expiresInDays), and make a new token when it ends.`,
        { field: "expiresInDays", maxDays },
      );
    }
    const days = data.expiresInDays ?? maxDays;
    const row = await tx
      .insertInto("api_tokens")
      .values({
        user_id: userId,
        name: data.name,
        prefix: token.slice(0, 10),
        token_hash: hashSecret(token),
        created_at: now,
        expires_at: new Date(now.getTime() + days * 86_400_000),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: "token.create",
      targetType: "api_token",
      targetId: row.id,
      summary: { name: data.name, userId, expiresInDays: days },
    });
    return { token, info: toInfo(row) };
  });
}

export async function revokeApiToken(ctx: ServiceContext, tokenId: string): Promise<ApiTokenInfo> {
  const id = parseInput(z.string().uuid("must be a token id"), tokenId);
  return writeTransaction(ctx, async (tx, audit) => {
    const row = await tx.selectFrom("api_tokens").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row || (row.user_id !== ctx.actor.id && !can(ctx.actor, "users.manage"))) {
      throw new WardenError("not_found", `No API token with id ${id}.`);
    }
    if (row.revoked_at) return toInfo(row);
    const updated = await tx
      .updateTable("api_tokens")
      .set({ revoked_at: ctx.runtime.now() })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: "token.revoke",
      targetType: "api_token",
      targetId: id,
      summary: { name: row.name },
    });
    return toInfo(updated);
  });
}

/** Your own tokens; an admin sees everyone's (`userId` narrows to one user's). */
export async function listApiTokens(ctx: ServiceContext, query: unknown = {}): Promise<ApiTokenInfo[]> {
  const { userId } = parseInput(z.object({ userId: z.string().uuid("must be a user id").optional() }), query);
  let rows = ctx.runtime.db
    .selectFrom("api_tokens")
    .innerJoin("users", "users.id", "api_tokens.user_id")
    .selectAll("api_tokens")
    .select("users.email as user_email")
    .orderBy("api_tokens.created_at", "desc");
  if (!can(ctx.actor, "users.manage")) rows = rows.where("api_tokens.user_id", "=", ctx.actor.id ?? "");
  if (userId) rows = rows.where("api_tokens.user_id", "=", userId);
  return (await rows.execute()).map(toInfo);
}

/**
 * Revokes every live token of a user, inside the caller's transaction: a password reset, a
 * disable and a vendor's deletion do it, so an old token never outlives them (nor revives when
 * the account is enabled again). Returns how many were revoked.
 */
export async function revokeTokensOfUser(tx: Tx, userId: string, now: Date): Promise<number> {
  const revoked = await tx
    .updateTable("api_tokens")
    .set({ revoked_at: now })
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(revoked.numUpdatedRows);
}

export async function authenticateApiToken(runtime: Runtime, token: string): Promise<Actor> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200)
    throw new WardenError("unauthenticated", "The API token is not valid.");
  const now = runtime.now();
  const row = await runtime.db
    .selectFrom("api_tokens")
    .innerJoin("users", "users.id", "api_tokens.user_id")
    .selectAll("users")
    .select([
      "api_tokens.id as token_id",
      "api_tokens.revoked_at",
      "api_tokens.expires_at",
      "api_tokens.last_used_at",
    ])
    .where("api_tokens.token_hash", "=", hashSecret(token))
    .executeTakeFirst();
  if (!row || row.revoked_at || (row.expires_at && row.expires_at <= now) || row.disabled_at) {
    throw new WardenError(
      "unauthenticated",
      "The API token is not valid: it is unknown, revoked or expired, or its user is disabled.",
    );
  }
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > 60_000) {
    await runtime.db
      .updateTable("api_tokens")
      .set({ last_used_at: now })
      .where("id", "=", row.token_id)
      .execute();
  }
  const { token_id, revoked_at, expires_at, last_used_at, ...user } = row;
  // A token an admin made for a user who must still choose their own password waits for it too.
  if (user.must_change_password) {
    throw new WardenError(
      "forbidden",
      `${RESTRICTION_MESSAGES.change_password} Its API tokens work from then on.`,
      {
        reason: "change_password",
      },
    );
  }
  return actorOf(user);
}

function toInfo(row: {
  id: string;
  user_id: string;
  user_email?: string;
  name: string;
  prefix: string;
  created_at: Date | string;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}): ApiTokenInfo {
  return {
    id: row.id,
    userId: row.user_id,
    ...(row.user_email === undefined ? {} : { userEmail: row.user_email }),
    name: row.name,
    prefix: row.prefix,
    createdAt: new Date(row.created_at).toISOString(),
    expiresAt: row.expires_at?.toISOString() ?? null,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revoked: row.revoked_at !== null,
  };
}
