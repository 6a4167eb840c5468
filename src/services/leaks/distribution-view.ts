import type { Kysely } from "kysely";
import { WardenError } from "../../domain/errors.ts";
import type { Database } from "../../store/schema.ts";

export interface CopyView {
  payload: number;
  personId: string;
  recipient: string;
  sha256: string | null;
  createdAt: string;
}

export interface DistributionView {
  id: string;
  engagementId: string;
  vendorId: string;
  title: string;
  filename: string;
  kind: string;
  note: string | null;
  sharedBy: string;
  createdAt: string;
  copies: CopyView[];
}

/** Distributions with their copies, newest first. */
export async function loadDistributionViews(
  db: Kysely<Database>,
  filter: { ids?: string[]; engagementId?: string; limit?: number },
): Promise<DistributionView[]> {
  let q = db.selectFrom("leak_distributions").selectAll();
  if (filter.ids)
    q = q.where("id", "in", filter.ids.length ? filter.ids : ["00000000-0000-0000-0000-000000000000"]);
  if (filter.engagementId) q = q.where("engagement_id", "=", filter.engagementId);
  const rows = await q
    .orderBy("created_at", "desc")
    .limit(filter.limit ?? 200)
    .execute();
  if (rows.length === 0) return [];
  const copies = await db
    .selectFrom("leak_copies")
    .selectAll()
    .where(
      "distribution_id",
      "in",
      rows.map((r) => r.id),
    )
    .orderBy("payload")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    engagementId: r.engagement_id,
    vendorId: r.vendor_id,
    title: r.title,
    filename: r.filename,
    kind: r.kind,
    note: r.note,
    sharedBy: r.shared_by,
    createdAt: new Date(r.created_at).toISOString(),
    copies: copies
      .filter((c) => c.distribution_id === r.id)
      .map((c) => ({
        payload: Number(c.payload),
        personId: c.person_id,
        recipient: c.recipient_label,
        sha256: c.blob_sha256,
        createdAt: new Date(c.created_at).toISOString(),
      })),
  }));
}

export async function loadDistributionView(db: Kysely<Database>, id: string): Promise<DistributionView> {
  const [view] = await loadDistributionViews(db, { ids: [id] });
  if (!view) throw new WardenError("not_found", `No distribution with id ${id}.`);
  return view;
}
