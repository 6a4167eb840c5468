import { WardenError } from "../../domain/errors.ts";
import { requireInternal, type ServiceContext } from "../context.ts";
import { parseId } from "../ids.ts";

/**
 * One recipient's marked copy, for internal staff to send on (or check). Vendor contacts
 * cannot download copies here, not even their own people's: the copy is delivered to the
 * recipient by whoever shared it.
 */
export async function readDistributionCopy(ctx: ServiceContext, distributionId: unknown, payload: unknown) {
  requireInternal(ctx);
  const id = parseId(distributionId);
  const number = Number(payload);
  if (!Number.isSafeInteger(number) || number < 0) {
    throw new WardenError("invalid_input", "The copy is named by its payload, a whole number.", {
      field: "payload",
    });
  }
  const row = await ctx.runtime.db
    .selectFrom("leak_copies as c")
    .innerJoin("leak_distributions as d", "d.id", "c.distribution_id")
    .select(["c.blob_sha256", "c.person_id", "d.filename", "d.media_type"])
    .where("c.distribution_id", "=", id)
    .where("c.payload", "=", number)
    .executeTakeFirst();
  if (!row?.blob_sha256) throw new WardenError("not_found", `No copy ${number} in distribution ${id}.`);
  const size = await ctx.runtime.db
    .selectFrom("blobs")
    .select("size")
    .where("sha256", "=", row.blob_sha256)
    .executeTakeFirstOrThrow();
  return {
    stream: ctx.runtime.blobs.get(row.blob_sha256),
    filename: row.filename,
    mediaType: row.media_type,
    size: Number(size.size),
  };
}
