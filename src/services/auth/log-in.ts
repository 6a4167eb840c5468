import { z } from "zod";
import { WardenError } from "../../domain/errors.ts";
import type { User } from "../../store/schema.ts";
import { appendAuditEntry } from "../audit/append-audit-entry.ts";
import type { Runtime, Tx } from "../context.ts";
import { parseInput } from "../parse-input.ts";
import { actorOf, type PublicUser, toPublicUser } from "../users/public-user.ts";
import { emailSchema } from "../users/user-input.ts";
import { admitLoginAttempt, recordLoginAttempt, recordLoginSuccess } from "./login-throttle.ts";
import { verifyPassword } from "./password.ts";
import { createSignInChallenge } from "./second-factor/sign-in-challenge.ts";
import { createSession, type NewSession } from "./sessions.ts";
import { readSignInSettings } from "./sign-in-settings.ts";

const loginSchema = z.object({ email: emailSchema, password: z.string().min(1, "is required").max(1024) });

export interface LoginResult {
  user: PublicUser;
  session: NewSession;
}

/** The password was right; the second factor is still to come (with this challenge). */
export interface SecondFactorNeeded {
  secondFactor: { challenge: string };
}

/**
 * Checks a password and opens a new session (a fresh token: a session id known
 * before sign-in is never reused). Throttled per address and per account at an address
 * (login-throttle.ts): the attempt is counted before its password is checked. A user with a
 * second factor gets a challenge instead of a session (complete-second-factor.ts); the attempt
 * stays counted until the code is right. When the organisation turned password sign-in off for
 * internal users, only admins (the way in when the identity provider fails) and vendor contacts
 * may sign in here; the refusal comes only after a right password, so it tells a guesser nothing.
 */
export async function logIn(
  runtime: Runtime,
  input: unknown,
  client: { ip: string; userAgent: string | null },
): Promise<LoginResult | SecondFactorNeeded> {
  const { email, password } = parseInput(loginSchema, input);
  const now = runtime.now();
  await admitLoginAttempt(runtime.db, email, client.ip, now);
  const user = await runtime.db
    .selectFrom("users")
    .selectAll()
    .where((eb) => eb(eb.fn("lower", ["email"]), "=", email))
    .executeTakeFirst();
  const ok = await verifyPassword(user?.password_hash ?? null, password);
  if (!user || !ok || user.disabled_at) {
    await recordLoginAttempt(runtime.db, email, client.ip, false, now);
    throw new WardenError("unauthenticated", "Wrong email or password, or the account is disabled.");
  }
  if (user.role !== "admin" && user.role !== "vendor") {
    const settings = await readSignInSettings(runtime.db);
    if (!settings.internalPasswordSignIn) {
      const via = runtime.config.oidc ? `Sign in with ${runtime.config.oidc.name} instead.` : "Ask an admin.";
      throw new WardenError("forbidden", `Password sign-in is turned off for your account. ${via}`, {
        reason: "password_sign_in_off",
      });
    }
  }
  if (user.totp_enabled_at) {
    return runtime.db.transaction().execute(async (tx) => ({
      secondFactor: { challenge: await createSignInChallenge(tx, runtime, user.id, client) },
    }));
  }
  return runtime.db.transaction().execute((tx) => openPasswordSession(tx, runtime, user, client, {}));
}

/**
 * A password sign-in succeeded (with its second factor, if any): the throttle forgets the
 * account's failures at this address, a session opens, and `auth.login` is audited.
 */
export async function openPasswordSession(
  tx: Tx,
  runtime: Runtime,
  user: User,
  client: { ip: string; userAgent: string | null },
  summary: Record<string, unknown>,
): Promise<LoginResult> {
  const now = runtime.now();
  const account = user.email.toLowerCase();
  await recordLoginAttempt(tx, account, client.ip, true, now);
  await recordLoginSuccess(tx, account, client.ip, now);
  const session = await createSession(tx, runtime, user.id, client);
  await appendAuditEntry(tx, actorOf(user), now, {
    action: "auth.login",
    targetType: "user",
    targetId: user.id,
    summary: { ip: client.ip, ...summary },
  });
  return { user: toPublicUser(user), session };
}
