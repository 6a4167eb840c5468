import { z } from "zod";
import { WardenError } from "../../domain/errors.ts";
import { appendAuditEntry } from "../audit/append-audit-entry.ts";
import type { Runtime } from "../context.ts";
import { parseInput } from "../parse-input.ts";
import { actorOf, type PublicUser, toPublicUser } from "../users/public-user.ts";
import { emailSchema } from "../users/user-input.ts";
import { admitLoginAttempt, recordLoginAttempt, recordLoginSuccess } from "./login-throttle.ts";
import { verifyPassword } from "./password.ts";
import { createSession, type NewSession } from "./sessions.ts";

const loginSchema = z.object({ email: emailSchema, password: z.string().min(1, "is required").max(1024) });

export interface LoginResult {
  user: PublicUser;
  session: NewSession;
}

/**
 * Checks a password and opens a new session (a fresh token: a session id known
 * before sign-in is never reused). Throttled per address and per account at an address
 * (login-throttle.ts): the attempt is counted before its password is checked.
 */
export async function logIn(
  runtime: Runtime,
  input: unknown,
  client: { ip: string; userAgent: string | null },
): Promise<LoginResult> {
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
  return runtime.db.transaction().execute(async (tx) => {
    await recordLoginAttempt(tx, email, client.ip, true, now);
    await recordLoginSuccess(tx, email, client.ip, now);
    const session = await createSession(tx, runtime, user.id, client);
    await appendAuditEntry(tx, actorOf(user), now, {
      action: "auth.login",
      targetType: "user",
      targetId: user.id,
      summary: { ip: client.ip },
    });
    return { user: toPublicUser(user), session };
  });
}
