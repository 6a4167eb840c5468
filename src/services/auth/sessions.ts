import { WardenError } from "../../domain/errors.ts";
import type { Actor } from "../../domain/roles.ts";
import { restrictionOf, type SignInRestriction } from "../../domain/sign-in-restriction.ts";
import type { User } from "../../store/schema.ts";
import type { Runtime, Tx } from "../context.ts";
import { actorOf } from "../users/public-user.ts";
import { hashSecret, newSecretToken } from "./secret-token.ts";
import { DEFAULT_SIGN_IN_SETTINGS, readSignInSettings } from "./sign-in-settings.ts";

/** A session is renewed (new cookie value) once it is this old, to limit what a stolen cookie is worth. */
export const SESSION_ROTATE_MS = 15 * 60_000;

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(
  tx: Tx | Runtime["db"],
  runtime: Runtime,
  userId: string,
  client: { ip: string | null; userAgent: string | null },
  method: "password" | "sso" = "password",
): Promise<NewSession> {
  const now = runtime.now();
  const token = newSecretToken();
  const csrfToken = newSecretToken();
  const expiresAt = new Date(now.getTime() + runtime.config.sessionIdleMs);
  await tx
    .insertInto("sessions")
    .values({
      id_hash: hashSecret(token),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now,
      last_seen_at: now,
      expires_at: expiresAt,
      absolute_expires_at: new Date(now.getTime() + runtime.config.sessionMaxMs),
      ip: client.ip,
      user_agent: client.userAgent?.slice(0, 300) ?? null,
      method,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

export interface AuthenticatedSession {
  actor: Actor;
  user: User;
  csrfToken: string;
  /** What the user must do before anything else (sign-in-restriction.ts), or null. */
  restriction: SignInRestriction | null;
  /** Set when the session was rotated: the client must get the new cookie. */
  renewed?: NewSession;
}

/**
 * Finds the live session for a cookie value: refuses expired sessions and
 * disabled users, slides the idle expiry, and rotates the token when it is old.
 */
export async function authenticateSession(runtime: Runtime, token: string): Promise<AuthenticatedSession> {
  const now = runtime.now();
  const row = await runtime.db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .selectAll("users")
    .select([
      "sessions.id_hash",
      "sessions.csrf_token",
      "sessions.created_at as session_created_at",
      "sessions.expires_at",
      "sessions.absolute_expires_at",
      "sessions.ip",
      "sessions.user_agent",
      "sessions.method",
    ])
    .where("sessions.id_hash", "=", hashSecret(token))
    .executeTakeFirst();
  if (!row || row.expires_at <= now || row.absolute_expires_at <= now) {
    throw new WardenError("unauthenticated", "Your session has expired. Sign in again.");
  }
  if (row.disabled_at) throw new WardenError("unauthenticated", "This account is disabled. Ask an admin.");
  const {
    id_hash,
    csrf_token,
    session_created_at,
    expires_at,
    absolute_expires_at,
    ip,
    user_agent,
    method,
    ...user
  } = row;
  // The organisation's setting matters only for an admin without a second factor.
  const settings =
    user.role === "admin" && method === "password" && !user.totp_enabled_at
      ? await readSignInSettings(runtime.db)
      : DEFAULT_SIGN_IN_SETTINGS;
  const restriction = restrictionOf(user, method, settings);
  const idleExpiry = new Date(
    Math.min(now.getTime() + runtime.config.sessionIdleMs, absolute_expires_at.getTime()),
  );
  if (now.getTime() - session_created_at.getTime() > SESSION_ROTATE_MS) {
    const renewed = await runtime.db.transaction().execute(async (tx) => {
      const deleted = await tx.deleteFrom("sessions").where("id_hash", "=", id_hash).executeTakeFirst();
      // A concurrent request rotated it first: this one carries on with the old
      // session's rights; the client keeps the cookie that request set.
      if (Number(deleted.numDeletedRows) === 0) return undefined;
      const next = await createSession(tx, runtime, user.id, { ip, userAgent: user_agent }, method);
      await tx
        .updateTable("sessions")
        .set({ absolute_expires_at, expires_at: idleExpiry })
        .where("id_hash", "=", hashSecret(next.token))
        .execute();
      return { ...next, expiresAt: idleExpiry };
    });
    if (renewed) return { actor: actorOf(user), user, csrfToken: renewed.csrfToken, restriction, renewed };
  } else if (idleExpiry.getTime() - expires_at.getTime() > 60_000) {
    await runtime.db
      .updateTable("sessions")
      .set({ expires_at: idleExpiry, last_seen_at: now })
      .where("id_hash", "=", id_hash)
      .execute();
  }
  return { actor: actorOf(user), user, csrfToken: csrf_token, restriction };
}
