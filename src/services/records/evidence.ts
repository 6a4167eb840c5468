import { Readable } from "node:stream";
import { z } from "zod";
import { WardenError } from "../../domain/errors.ts";
import type { RecordSource } from "../../store/schema.ts";
import type { AuditInput } from "../audit/append-audit-entry.ts";
import { requirePermission, type ServiceContext, type Tx } from "../context.ts";
import { parseId } from "../ids.ts";
import { parseInput } from "../parse-input.ts";
import { isVendorActor, loadEngagementFor, loadVendorFor, requireReader } from "../scope.ts";
import { isoDate } from "../vendors/vendor-input.ts";
import { writeTransaction } from "../write.ts";

const ALLOWED_TYPES = new Set([
  "application/pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "text/plain",
  "text/csv",
  "text/markdown",
  "image/png",
  "image/jpeg",
  "application/zip",
  "application/json",
]);

const metaSchema = z.object({
  title: z.string().trim().min(1, "is required").max(300),
  vendorId: z.string().uuid().optional(),
  engagementId: z.string().uuid().nullish(),
  effectiveOn: isoDate.nullish(),
  expiresOn: isoDate.nullish(),
  controls: z
    .array(z.string().regex(/^[A-Z][A-Z0-9]*-[A-Z0-9-]+$/, "must be control ids such as TM-3"))
    .max(50)
    .default([]),
  internal: z.boolean().default(false),
});

export interface EvidenceView {
  id: string;
  vendorId: string;
  engagementId: string | null;
  title: string;
  filename: string | null;
  mediaType: string | null;
  size: number | null;
  sha256: string | null;
  effectiveOn: string | null;
  expiresOn: string | null;
  controls: string[];
  /** "portal": submitted by the vendor through the vendor portal. */
  source: RecordSource;
  uploadedBy: string;
  createdAt: string;
}

/**
 * Stores a piece of evidence: the file in the content-addressed blob store
 * (write-once), its metadata in the database, in one audited transaction.
 * Size and type are checked; vendor contacts may upload for their own vendor.
 */
export async function uploadEvidence(
  ctx: ServiceContext,
  meta: unknown,
  file: UploadFile | null,
): Promise<EvidenceView> {
  if (!isVendorActor(ctx)) requirePermission(ctx, "evidence.write", "upload evidence");
  const data = parseInput(metaSchema, meta);
  if (isVendorActor(ctx) && data.internal)
    throw new WardenError("forbidden", "Vendor uploads cannot be internal.");
  let vendorId = data.vendorId;
  if (data.engagementId) vendorId = (await loadEngagementFor(ctx, data.engagementId)).vendor_id;
  if (!vendorId)
    throw new WardenError("invalid_input", "Give the vendor or the engagement the evidence belongs to.", {
      field: "vendorId",
    });
  await loadVendorFor(ctx, vendorId);
  const stored = file ? await storeEvidenceFile(ctx, file) : null;
  return writeTransaction(ctx, async (tx, audit) =>
    insertEvidence(
      ctx,
      tx,
      audit,
      { ...data, vendorId: vendorId!, engagementId: data.engagementId ?? null },
      stored,
    ),
  );
}

/** A file on its way to the blob store. */
export type UploadFile = { bytes: Uint8Array | Readable; filename: string; mediaType: string };

/** A file checked (type, name) and written to the content-addressed blob store. */
export interface StoredEvidenceFile {
  sha256: string;
  size: number;
  filename: string;
  mediaType: string;
}

/**
 * Checks an evidence file's type and name and writes it to the blob store (write-once): done
 * before the transaction that records it, so that a refused file writes nothing to the database.
 */
export async function storeEvidenceFile(ctx: ServiceContext, file: UploadFile): Promise<StoredEvidenceFile> {
  if (!ALLOWED_TYPES.has(file.mediaType)) {
    throw new WardenError(
      "unsupported",
      `Files of type ${file.mediaType} are not accepted: upload PDF, DOCX, XLSX, text, CSV, PNG, JPEG, ZIP or JSON.`,
    );
  }
  if (file.filename.length > 255 || /[\\/\0]/.test(file.filename)) {
    throw new WardenError(
      "invalid_input",
      "The file name must be a plain name (no folders), at most 255 characters.",
    );
  }
  const stored = await ctx.runtime.blobs.put(
    file.bytes instanceof Readable ? file.bytes : Buffer.from(file.bytes),
  );
  return { sha256: stored.sha256, size: stored.size, filename: file.filename, mediaType: file.mediaType };
}

/**
 * Records a piece of evidence (and its stored file) inside the caller's transaction, with its
 * audit entry. Vendor contacts' evidence is marked as coming from the portal.
 */
export async function insertEvidence(
  ctx: ServiceContext,
  tx: Tx,
  audit: (entry: AuditInput) => Promise<void>,
  data: {
    vendorId: string;
    engagementId: string | null;
    title: string;
    effectiveOn?: string | null | undefined;
    expiresOn?: string | null | undefined;
    controls: string[];
    internal?: boolean;
  },
  stored: StoredEvidenceFile | null,
): Promise<EvidenceView> {
  if (stored) {
    await tx
      .insertInto("blobs")
      .values({ sha256: stored.sha256, size: stored.size, media_type: stored.mediaType })
      .onConflict((oc) => oc.column("sha256").doNothing())
      .execute();
  }
  const row = await tx
    .insertInto("evidence")
    .values({
      vendor_id: data.vendorId,
      engagement_id: data.engagementId,
      title: data.title,
      blob_sha256: stored?.sha256 ?? null,
      filename: stored?.filename ?? null,
      media_type: stored?.mediaType ?? null,
      size: stored?.size ?? null,
      effective_on: data.effectiveOn ?? null,
      expires_on: data.expiresOn ?? null,
      controls: JSON.stringify(data.controls),
      internal: data.internal ?? false,
      source: isVendorActor(ctx) ? "portal" : "internal",
      uploaded_by: ctx.actor.label,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit({
    action: "evidence.upload",
    targetType: "evidence",
    targetId: row.id,
    summary: {
      title: data.title,
      sha256: stored?.sha256 ?? null,
      controls: data.controls,
      engagementId: data.engagementId,
      ...(row.source === "portal" ? { source: "portal" } : {}),
    },
  });
  return toEvidenceView(row);
}

export function toEvidenceView(e: {
  id: string;
  vendor_id: string;
  engagement_id: string | null;
  title: string;
  filename: string | null;
  media_type: string | null;
  size: number | null;
  blob_sha256: string | null;
  effective_on: string | null;
  expires_on: string | null;
  controls: string[];
  source: RecordSource;
  uploaded_by: string;
  created_at: Date | string;
}): EvidenceView {
  return {
    id: e.id,
    vendorId: e.vendor_id,
    engagementId: e.engagement_id,
    title: e.title,
    filename: e.filename,
    mediaType: e.media_type,
    size: e.size === null ? null : Number(e.size),
    sha256: e.blob_sha256,
    effectiveOn: e.effective_on,
    expiresOn: e.expires_on,
    controls: e.controls,
    source: e.source,
    uploadedBy: e.uploaded_by,
    createdAt: new Date(e.created_at).toISOString(),
  };
}

/** Evidence of an engagement (vendor contacts do not see internal items). */
export async function listEvidence(ctx: ServiceContext, engagementId: unknown): Promise<EvidenceView[]> {
  requireReader(ctx);
  const id = parseId(engagementId);
  await loadEngagementFor(ctx, id);
  let q = ctx.runtime.db
    .selectFrom("evidence")
    .selectAll()
    .where("engagement_id", "=", id)
    .where("deleted_at", "is", null);
  if (isVendorActor(ctx)) q = q.where("internal", "=", false);
  return (await q.orderBy("created_at", "desc").execute()).map(toEvidenceView);
}

/** The stored file of a piece of evidence, after the same scope checks. */
export async function readEvidenceFile(ctx: ServiceContext, evidenceId: unknown) {
  requireReader(ctx);
  const id = parseId(evidenceId);
  const row = await ctx.runtime.db
    .selectFrom("evidence")
    .selectAll()
    .where("id", "=", id)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  if (!row?.blob_sha256 || (isVendorActor(ctx) && (row.internal || row.vendor_id !== ctx.actor.vendorId))) {
    throw new WardenError("not_found", `No evidence file with id ${id}.`);
  }
  await loadVendorFor(ctx, row.vendor_id);
  return {
    stream: ctx.runtime.blobs.get(row.blob_sha256),
    filename: row.filename ?? "evidence",
    mediaType: row.media_type ?? "application/octet-stream",
    size: Number(row.size ?? 0),
  };
}

/** Withdraws evidence: it stays stored (blobs are immutable) and can be restored. */
export async function setEvidenceDeleted(ctx: ServiceContext, evidenceId: unknown, deleted: boolean) {
  requirePermission(ctx, "evidence.write", "withdraw evidence");
  const id = parseId(evidenceId);
  return writeTransaction(ctx, async (tx, audit) => {
    const row = await tx
      .updateTable("evidence")
      .set({ deleted_at: deleted ? ctx.runtime.now() : null })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new WardenError("not_found", `No evidence with id ${id}.`);
    await audit({
      action: deleted ? "evidence.withdraw" : "evidence.restore",
      targetType: "evidence",
      targetId: id,
      summary: { title: row.title },
    });
    return toEvidenceView(row);
  });
}
