import { WardenError } from "../../domain/errors.ts";
import { requirePermission, type ServiceContext } from "../context.ts";
import { parseId } from "../ids.ts";
import { parseInput } from "../parse-input.ts";
import { loadEngagementFor } from "../scope.ts";
import { writeTransaction } from "../write.ts";
import { assetSchema } from "./engagement-input.ts";

/** Records an asset the engagement touches, with its classification (DD-1). */
export async function addAsset(ctx: ServiceContext, engagementId: unknown, input: unknown) {
  requirePermission(ctx, "engagements.write", "record assets");
  const id = parseId(engagementId);
  const data = parseInput(assetSchema, input);
  return writeTransaction(ctx, async (tx, audit) => {
    await loadEngagementFor(ctx, id, tx);
    const row = await tx
      .insertInto("assets")
      .values({
        engagement_id: id,
        kind: data.kind,
        name: data.name,
        location: data.location ?? null,
        classification: data.classification ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: "asset.add",
      targetType: "engagement",
      targetId: id,
      summary: { asset: data.name, classification: data.classification ?? null },
    });
    return {
      id: row.id,
      kind: row.kind,
      name: row.name,
      location: row.location,
      classification: row.classification,
    };
  });
}

/** Changes an asset's details or classification. */
export async function updateAsset(ctx: ServiceContext, assetId: unknown, input: unknown) {
  requirePermission(ctx, "engagements.write", "classify assets");
  const id = parseId(assetId);
  const data = parseInput(assetSchema.partial(), input);
  return writeTransaction(ctx, async (tx, audit) => {
    const asset = await tx.selectFrom("assets").selectAll().where("id", "=", id).executeTakeFirst();
    if (!asset) throw new WardenError("not_found", `No asset with id ${id}.`);
    await loadEngagementFor(ctx, asset.engagement_id, tx);
    const row = await tx
      .updateTable("assets")
      .set({
        ...(data.kind !== undefined ? { kind: data.kind } : {}),
        ...(data.name !== undefined ? { name: data.name } : {}),
        ...(data.location !== undefined ? { location: data.location ?? null } : {}),
        ...(data.classification !== undefined ? { classification: data.classification ?? null } : {}),
      })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: "asset.update",
      targetType: "engagement",
      targetId: asset.engagement_id,
      summary: { asset: row.name, from: asset.classification, to: row.classification },
    });
    return {
      id: row.id,
      kind: row.kind,
      name: row.name,
      location: row.location,
      classification: row.classification,
    };
  });
}
