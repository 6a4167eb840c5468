import { WardenError } from "../../domain/errors.ts";
import type { ServiceContext } from "../context.ts";
import { type PublicUser, toPublicUser } from "./public-user.ts";

export async function getCurrentUser(ctx: ServiceContext): Promise<PublicUser> {
  const user = await ctx.runtime.db
    .selectFrom("users")
    .selectAll()
    .where("id", "=", ctx.actor.id ?? "")
    .executeTakeFirst();
  if (!user) throw new WardenError("unauthenticated", "No signed-in user.");
  return toPublicUser(user);
}
