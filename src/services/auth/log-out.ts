import type { ServiceContext } from "../context.ts";
import { writeTransaction } from "../write.ts";
import { hashSecret } from "./secret-token.ts";

/** Ends the session the cookie names. */
export async function logOut(ctx: ServiceContext, sessionToken: string): Promise<void> {
  await writeTransaction(ctx, async (tx, audit) => {
    const deleted = await tx
      .deleteFrom("sessions")
      .where("id_hash", "=", hashSecret(sessionToken))
      .executeTakeFirst();
    if (Number(deleted.numDeletedRows) > 0)
      await audit({ action: "auth.logout", targetType: "user", targetId: ctx.actor.id });
  });
}
