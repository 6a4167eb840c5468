import { z } from "zod";
import { toIsoDate } from "../../domain/dates.ts";
import type { ServiceContext } from "../context.ts";
import { parseId } from "../ids.ts";
import { likePattern, type Page } from "../pagination.ts";
import { parseInput } from "../parse-input.ts";
import { loadVendorFor, requireReader } from "../scope.ts";
import { type PersonView, toPersonView } from "./person-view.ts";

const querySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  q: z.string().trim().max(200).optional(),
  engagementId: z.string().uuid().optional(),
  status: z.enum(["all", "active", "leaver"]).default("all"),
  nda: z.enum(["all", "valid", "expired", "missing"]).default("all"),
  sort: z.enum(["name", "start", "end", "nda_expiry"]).default("name"),
  direction: z.enum(["asc", "desc"]).default("asc"),
});

const sortColumn = {
  name: "full_name",
  start: "start_date",
  end: "end_date",
  nda_expiry: "nda_expires_on",
} as const;

/** A vendor's roster with filters (status, NDA state, engagement, search) and sorting. */
export async function listPeople(
  ctx: ServiceContext,
  vendorId: unknown,
  query: unknown = {},
): Promise<Page<PersonView>> {
  requireReader(ctx);
  const vid = parseId(vendorId, "vendorId");
  await loadVendorFor(ctx, vid);
  const q = parseInput(querySchema, query);
  const today = toIsoDate(ctx.runtime.now());
  let base = ctx.runtime.db.selectFrom("people").where("vendor_id", "=", vid).where("deleted_at", "is", null);
  if (q.q)
    base = base.where((eb) =>
      eb.or([
        eb("full_name", "ilike", likePattern(q.q!)),
        eb("email", "ilike", likePattern(q.q!)),
        eb("role_title", "ilike", likePattern(q.q!)),
      ]),
    );
  if (q.engagementId) {
    const eid = q.engagementId;
    base = base.where((eb) =>
      eb.or([
        eb(
          "id",
          "in",
          eb.selectFrom("engagement_people").select("person_id").where("engagement_id", "=", eid),
        ),
        eb("id", "in", eb.selectFrom("grants").select("person_id").where("engagement_id", "=", eid)),
      ]),
    );
  }
  if (q.status === "active")
    base = base.where((eb) => eb.or([eb("end_date", "is", null), eb("end_date", ">=", today)]));
  if (q.status === "leaver") base = base.where("end_date", "<", today);
  if (q.nda === "missing") base = base.where("nda_signed_on", "is", null);
  if (q.nda === "expired") base = base.where("nda_expires_on", "<", today);
  if (q.nda === "valid")
    base = base
      .where("nda_signed_on", "is not", null)
      .where((eb) => eb.or([eb("nda_expires_on", "is", null), eb("nda_expires_on", ">=", today)]));
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy(sortColumn[q.sort], (ob) =>
        q.direction === "asc" ? ob.asc().nullsLast() : ob.desc().nullsLast(),
      )
      .orderBy("id")
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  const certs = rows.length
    ? await ctx.runtime.db
        .selectFrom("person_certifications")
        .select(["person_id", "name", "expires_on"])
        .where(
          "person_id",
          "in",
          rows.map((r) => r.id),
        )
        .execute()
    : [];
  return {
    items: rows.map((r) =>
      toPersonView(
        r,
        certs.filter((c) => c.person_id === r.id),
        today,
      ),
    ),
    total: Number(count.n),
    limit: q.limit,
    offset: q.offset,
  };
}
