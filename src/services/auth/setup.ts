import { z } from "zod";
import { WardenError } from "../../domain/errors.ts";
import { SYSTEM_ACTOR } from "../../domain/roles.ts";
import { appendAuditEntry } from "../audit/append-audit-entry.ts";
import type { Runtime } from "../context.ts";
import { parseInput } from "../parse-input.ts";
import { insertUser } from "../users/create-user.ts";
import { type PublicUser, toPublicUser } from "../users/public-user.ts";
import { emailSchema } from "../users/user-input.ts";
import { checkPasswordStrength, hashPassword } from "./password.ts";
import { hashSecret, newSecretToken, safeEqual } from "./secret-token.ts";
import { createSession, type NewSession } from "./sessions.ts";

/** True while no user exists: the first admin is still to be created. */
export async function isSetupNeeded(runtime: Runtime): Promise<boolean> {
  const any = await runtime.db.selectFrom("users").select("id").limit(1).executeTakeFirst();
  return !any;
}

/**
 * On an empty database, makes a new one-time setup token and returns it; the
 * caller prints the link. Returns null once set up. Unused tokens older than an
 * hour are removed; newer ones stay valid, so that each of several processes
 * starting together on one PostgreSQL prints a link that works (the first used
 * sets Warden up, and every other is refused from then on).
 */
const SETUP_TOKEN_KEPT_MS = 60 * 60_000;

export async function issueSetupToken(runtime: Runtime): Promise<string | null> {
  return runtime.db.transaction().execute(async (tx) => {
    const any = await tx.selectFrom("users").select("id").limit(1).executeTakeFirst();
    if (any) return null;
    const token = newSecretToken();
    await tx
      .deleteFrom("setup_tokens")
      .where("used_at", "is", null)
      .where("created_at", "<", new Date(runtime.now().getTime() - SETUP_TOKEN_KEPT_MS))
      .execute();
    await tx
      .insertInto("setup_tokens")
      .values({ token_hash: hashSecret(token), created_at: runtime.now() })
      .execute();
    return token;
  });
}

const setupSchema = z.object({
  token: z.string().min(1, "is required (it is in the setup link printed at start)").max(200),
  email: emailSchema,
  name: z.string().trim().min(1, "is required").max(200),
  password: z.string(),
});

/** Uses the setup token to create the first admin, and signs them in. */
export async function completeSetup(
  runtime: Runtime,
  input: unknown,
  client: { ip: string | null; userAgent: string | null },
): Promise<{ user: PublicUser; session: NewSession }> {
  const data = parseInput(setupSchema, input);
  checkPasswordStrength(data.password, [data.email, data.name]);
  const passwordHash = await hashPassword(data.password);
  return runtime.db.transaction().execute(async (tx) => {
    const tokenHash = hashSecret(data.token);
    const rows = await tx
      .selectFrom("setup_tokens")
      .selectAll()
      .where("used_at", "is", null)
      .forUpdate()
      .execute();
    const match = rows.find((r) => safeEqual(r.token_hash, tokenHash));
    if (!match) {
      throw new WardenError(
        "forbidden",
        "This setup link is not valid or was already used. Restart Warden on an empty database for a new one.",
      );
    }
    const any = await tx.selectFrom("users").select("id").limit(1).executeTakeFirst();
    if (any) throw new WardenError("conflict", "Warden is already set up. Sign in instead.");
    await tx
      .updateTable("setup_tokens")
      .set({ used_at: runtime.now() })
      .where("token_hash", "=", match.token_hash)
      .execute();
    const user = await insertUser(
      tx,
      { email: data.email, name: data.name, role: "admin", vendorId: null },
      passwordHash,
    );
    await appendAuditEntry(tx, SYSTEM_ACTOR, runtime.now(), {
      action: "setup.complete",
      targetType: "user",
      targetId: user.id,
      summary: { email: user.email, role: "admin" },
    });
    const session = await createSession(tx, runtime, user.id, client);
    return { user: toPublicUser(user), session };
  });
}
