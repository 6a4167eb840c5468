import { Readable } from "node:stream";
import { z } from "zod";
import { WardenError } from "../../domain/errors.ts";
import { defaultExtractionLimits } from "../../engines/contracts/index.ts";
import { requirePermission, type ServiceContext } from "../context.ts";
import { parseInput } from "../parse-input.ts";
import { loadEngagementFor } from "../scope.ts";
import { writeTransaction } from "../write.ts";
import { ANALYSE_CONTRACT_QUEUE } from "./analyse-stored-contract.ts";
import { type ContractSummary, toContractSummary } from "./contract-view.ts";

export const CONTRACT_KINDS = ["msa", "sow", "nda", "subcontractor-agreement", "person-nda"] as const;

const MEDIA_TYPES: Record<string, string> = {
  "application/pdf": "pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "text/plain": "text",
  "text/markdown": "text",
};
// Browsers and clients that do not know the type send these; the extension decides then.
const GENERIC_TYPES = new Set(["", "application/octet-stream", "binary/octet-stream"]);
const EXTENSION_TYPES: Record<string, string> = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  txt: "text/plain",
  md: "text/markdown",
};

const metaSchema = z.object({
  engagementId: z.string().uuid("must be an engagement id"),
  kind: z.enum(CONTRACT_KINDS),
  title: z.string().trim().min(1, "is required").max(300),
});

export interface ContractFile {
  bytes: Uint8Array | Readable;
  filename: string;
  mediaType: string;
}

/**
 * Stores a contract of an engagement and queues its analysis: the file goes to
 * the content-addressed blob store, then one transaction writes the contract
 * row, enqueues the analysis job and appends the audit entry (no row without
 * its job, no job without its row).
 *
 * @example
 * await uploadContract(ctx, { engagementId, kind: "msa", title: "Master services agreement" },
 *   { bytes: await readFile("msa.docx"), filename: "msa.docx", mediaType: "application/vnd…document" });
 */
export async function uploadContract(
  ctx: ServiceContext,
  meta: unknown,
  file: ContractFile | null,
): Promise<ContractSummary> {
  requirePermission(ctx, "contracts.write", "upload contracts");
  const data = parseInput(metaSchema, meta);
  await loadEngagementFor(ctx, data.engagementId);
  if (!file) {
    throw new WardenError("invalid_input", "Attach the contract file (PDF, DOCX or text).", {
      errors: [{ field: "file", message: "is required" }],
    });
  }
  if (file.filename.length > 255 || /[\\/\0]/.test(file.filename) || file.filename.trim() === "") {
    throw new WardenError(
      "invalid_input",
      "The file name must be a plain name (no folders), at most 255 characters.",
      { errors: [{ field: "file", message: "has an unusable name" }] },
    );
  }
  const mediaType = contractMediaType(file);
  const stored = await ctx.runtime.blobs.put(
    file.bytes instanceof Readable ? file.bytes : Buffer.from(file.bytes),
    { maxBytes: Math.min(defaultExtractionLimits.maxBytes, ctx.runtime.config.maxUploadBytes) },
  );
  if (stored.size === 0) throw new WardenError("invalid_input", "The file is empty.");
  return writeTransaction(ctx, async (tx, audit) => {
    await loadEngagementFor(ctx, data.engagementId, tx);
    await tx
      .insertInto("blobs")
      .values({ sha256: stored.sha256, size: stored.size, media_type: mediaType })
      .onConflict((oc) => oc.column("sha256").doNothing())
      .execute();
    const row = await tx
      .insertInto("contracts")
      .values({
        engagement_id: data.engagementId,
        kind: data.kind,
        title: data.title,
        blob_sha256: stored.sha256,
        filename: file.filename,
        media_type: mediaType,
        size: stored.size,
        uploaded_by: ctx.actor.label,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await ctx.runtime.enqueue?.(ANALYSE_CONTRACT_QUEUE, { contractId: row.id, run: row.analysis_run }, tx);
    await audit({
      action: "contract.upload",
      targetType: "contract",
      targetId: row.id,
      summary: {
        engagementId: data.engagementId,
        kind: data.kind,
        title: data.title,
        sha256: stored.sha256,
        size: stored.size,
      },
    });
    return toContractSummary(row);
  });
}

/** The accepted media type of an upload: PDF, DOCX or text, by declared type or extension. */
function contractMediaType(file: ContractFile): string {
  const declared = file.mediaType.split(";")[0]?.trim().toLowerCase() ?? "";
  if (MEDIA_TYPES[declared]) return declared;
  const extension = /\.([a-z0-9]+)$/i.exec(file.filename)?.[1]?.toLowerCase() ?? "";
  const byExtension = EXTENSION_TYPES[extension];
  if (GENERIC_TYPES.has(declared) && byExtension) return byExtension;
  throw new WardenError(
    "unsupported",
    `Files of type ${declared || "(none)"} are not accepted as contracts: upload a PDF with a text layer, a DOCX or a plain-text file.`,
    { errors: [{ field: "file", message: "must be PDF, DOCX or text" }] },
  );
}
