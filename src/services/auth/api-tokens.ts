import { z } from "zod";
import { WardenError } from "../../domain/errors.ts";
import { type Actor, can } from "../../domain/roles.ts";
import type { Runtime, ServiceContext } from "../context.ts";
import { parseInput } from "../parse-input.ts";
import { actorOf } from "../users/public-user.ts";
import { writeTransaction } from "../write.ts";
import { hashSecret, newSecretToken } from "./secret-token.ts";

const TOKEN_PREFIX = "wdn_";

export interface ApiTokenInfo {
  id: string;
  userId: string;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revoked: boolean;
}

const createSchema = z.object({
  name: z.string().trim().min(1, "is required").max(100),
  expiresInDays: z.number().int().positive().max(3650).optional(),
  /** Admins may make a token for another user (e.g. an integration account). */
  userId: z.string().uuid().optional(),
});

/**
 * Makes an API token. The secret is returned once, here, and stored only as its
 * hash: nobody can read it back later.
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
  return writeTransaction(ctx, async (tx, audit) => {
    const user = await tx
      .selectFrom("users")
      .select(["id", "disabled_at"])
      .where("id", "=", userId)
      .executeTakeFirst();
    if (!user || user.disabled_at) throw new WardenError("not_found", `No active user with id ${userId}.`);
    const row = await tx
      .insertInto("api_tokens")
      .values({
        user_id: userId,
        name: data.name,
        prefix: token.slice(0, 10),
        token_hash: hashSecret(token),
        created_at: now,
        expires_at: data.expiresInDays ? new Date(now.getTime() + data.expiresInDays * 86_400_000) : null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: "token.create",
      targetType: "api_token",
      targetId: row.id,
      summary: { name: data.name, userId },
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

export async function listApiTokens(ctx: ServiceContext): Promise<ApiTokenInfo[]> {
  let query = ctx.runtime.db.selectFrom("api_tokens").selectAll().orderBy("created_at", "desc");
  if (!can(ctx.actor, "users.manage")) query = query.where("user_id", "=", ctx.actor.id ?? "");
  return (await query.execute()).map(toInfo);
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
  return actorOf(user);
}

function toInfo(row: {
  id: string;
  user_id: string;
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
    name: row.name,
    prefix: row.prefix,
    createdAt: new Date(row.created_at).toISOString(),
    expiresAt: row.expires_at?.toISOString() ?? null,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revoked: row.revoked_at !== null,
  };
}
