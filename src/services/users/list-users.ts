import { requirePermission, type ServiceContext } from "../context.ts";
import { likePattern, type Page, pageQuerySchema } from "../pagination.ts";
import { parseInput } from "../parse-input.ts";
import { type PublicUser, toPublicUser } from "./public-user.ts";

/** Lists accounts, newest first, searchable by email or name (admins only). */
export async function listUsers(ctx: ServiceContext, query: unknown = {}): Promise<Page<PublicUser>> {
  requirePermission(ctx, "users.manage", "list users");
  const { limit, offset, q } = parseInput(pageQuerySchema, query);
  let base = ctx.runtime.db.selectFrom("users");
  if (q)
    base = base.where((eb) =>
      eb.or([eb("email", "ilike", likePattern(q)), eb("name", "ilike", likePattern(q))]),
    );
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy("created_at", "desc").orderBy("id").limit(limit).offset(offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toPublicUser), total: Number(count.n), limit, offset };
}
