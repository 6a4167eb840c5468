import JSZip from "jszip";
import { z } from "zod";
import { WardenError } from "../../domain/errors.ts";
import {
  isTraceablePath,
  languageFromPath,
  markDocx,
  markPdfMetadata,
  markSource,
  readDocument,
} from "../../engines/leaks/index.ts";
import { requirePermission, type ServiceContext, type Tx } from "../context.ts";
import { parseInput } from "../parse-input.ts";
import { loadEngagementFor } from "../scope.ts";
import { writeTransaction } from "../write.ts";
import { type DistributionView, loadDistributionView } from "./distribution-view.ts";
import { storeSourceFingerprints } from "./fingerprint-store.ts";
import { leakWatermarkKey } from "./leak-key.ts";
import { readArchive } from "./read-archive.ts";
import { loadShareRecipients } from "./share-eligibility.ts";

/** A shared document or archive: larger belongs in a repository, not a distribution. */
export const MAX_SHARED_BYTES = 25 * 1024 * 1024;

const inputSchema = z.object({
  engagementId: z.string().uuid("must be an engagement id"),
  title: z.string().trim().min(1).max(300).optional(),
  recipients: z
    .array(z.string().trim().min(1).max(254))
    .min(1, "name at least one recipient (a person id or email on the vendor's roster)")
    .max(200),
  note: z.string().trim().max(4000).optional(),
});

type Kind = "document" | "docx" | "pdf" | "source" | "archive";

const MEDIA_TYPES: Record<Kind, string> = {
  document: "text/plain; charset=utf-8",
  source: "text/plain; charset=utf-8",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
  archive: "application/zip",
};

function kindOf(filename: string): Kind {
  const lower = filename.toLowerCase();
  if (lower.endsWith(".docx")) return "docx";
  if (lower.endsWith(".pdf")) return "pdf";
  if (lower.endsWith(".zip")) return "archive";
  const language = languageFromPath(filename);
  if (language === "prose") return "document";
  if (language) return "source";
  throw new WardenError(
    "unsupported",
    `${filename} cannot be watermarked: share text, Markdown, source code, DOCX, PDF or a ZIP of source files.`,
  );
}

/** The texts to fingerprint: the file itself, or every readable file of an archive. */
async function originalTexts(
  kind: Kind,
  filename: string,
  bytes: Buffer,
): Promise<{ path: string; text: string }[]> {
  if (kind !== "archive") return [{ path: filename, text: (await readDocument(filename, bytes)).text }];
  const texts: { path: string; text: string }[] = [];
  for (const entry of await readArchive(bytes)) {
    if (!isTraceablePath(entry.path) || entry.bytes.subarray(0, 8000).includes(0)) continue;
    texts.push({ path: entry.path, text: entry.bytes.toString("utf8") });
  }
  return texts;
}

async function markCopy(kind: Kind, filename: string, bytes: Buffer, payload: number, key: string) {
  if (kind === "docx") return Buffer.from(await markDocx(bytes, payload, { key }));
  if (kind === "pdf") return Buffer.from(await markPdfMetadata(bytes, payload, { key }));
  if (kind !== "archive") {
    const [marked] = markSource([{ path: filename, content: bytes.toString("utf8") }], payload, { key });
    return Buffer.from(marked!.content, "utf8");
  }
  const out = new JSZip();
  for (const entry of await readArchive(bytes)) {
    const text = isTraceablePath(entry.path) && !entry.bytes.subarray(0, 8000).includes(0);
    out.file(
      entry.path,
      text
        ? markSource([{ path: entry.path, content: entry.bytes.toString("utf8") }], payload, { key })[0]!
            .content
        : entry.bytes,
    );
  }
  return out.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/**
 * Resolves person ids and emails to people on the engagement's vendor roster,
 * and refuses, by name and reason, anyone who may not receive a marked copy
 * today (no valid NDA, not on the roster now) unless an admin's exception
 * covers them.
 */
async function resolveRecipients(
  tx: Tx,
  engagement: { id: string; vendor_id: string },
  recipients: string[],
  today: string,
) {
  const [people, eligibility] = await Promise.all([
    tx
      .selectFrom("people")
      .select(["id", "full_name", "email"])
      .where("vendor_id", "=", engagement.vendor_id)
      .where("deleted_at", "is", null)
      .execute(),
    loadShareRecipients(tx, engagement, today),
  ]);
  const resolved = new Map<string, { id: string; label: string; exceptionId: string | null }>();
  const refused: string[] = [];
  for (const wanted of recipients) {
    const lower = wanted.toLowerCase();
    const person = people.find(
      (p) => p.id === wanted || (p.email !== null && p.email.toLowerCase() === lower),
    );
    if (!person) {
      throw new WardenError(
        "invalid_input",
        `${wanted} is not on this vendor's roster. Name recipients by person id or email of a roster person.`,
        { field: "recipients" },
      );
    }
    const verdict = eligibility.find((e) => e.personId === person.id);
    if (!verdict?.eligible) {
      refused.push(`${person.full_name} (${verdict?.reason ?? "not on the roster"})`);
      continue;
    }
    resolved.set(person.id, {
      id: person.id,
      label: person.email ? `${person.full_name} <${person.email}>` : person.full_name,
      exceptionId: verdict.exception?.id ?? null,
    });
  }
  if (refused.length) {
    throw new WardenError(
      "forbidden",
      `Marked copies go only to people on the roster with a valid NDA today. Refused: ${refused.join("; ")}. Record their NDA, or have an admin record an exception for them.`,
      { field: "recipients", refused },
    );
  }
  return [...resolved.values()];
}

/**
 * Shares a document (text, Markdown, DOCX, PDF), a source file or a ZIP of source files
 * with vendor people of an engagement: one copy per recipient, each marked with a payload
 * the database allocates (so no two copies ever share one) under the installation's
 * secret key, stored as a blob; the original is fingerprinted so that excerpts trace back
 * to it. One audited transaction.
 *
 * @example
 * const d = await shareDocument(ctx, { engagementId, recipients: ["a@vendor.example"] }, { bytes, filename: "plan.md" });
 * // d.copies: [{ payload: 1000, label: "A <a@vendor.example>", … }]
 */
export async function shareDocument(
  ctx: ServiceContext,
  input: unknown,
  file: { bytes: Uint8Array; filename: string },
): Promise<DistributionView> {
  requirePermission(ctx, "leaks.write", "share watermarked documents");
  const data = parseInput(inputSchema, input);
  if (file.filename.length > 255 || /[\\/\0]/.test(file.filename)) {
    throw new WardenError(
      "invalid_input",
      "The file name must be a plain name (no folders), at most 255 characters.",
    );
  }
  if (file.bytes.byteLength > MAX_SHARED_BYTES) {
    throw new WardenError(
      "too_large",
      `The file is ${file.bytes.byteLength} bytes; share at most ${MAX_SHARED_BYTES}.`,
    );
  }
  const engagement = await loadEngagementFor(ctx, data.engagementId);
  const kind = kindOf(file.filename);
  const bytes = Buffer.from(file.bytes);
  const texts = await originalTexts(kind, file.filename, bytes);
  const key = leakWatermarkKey(ctx.runtime);

  const distributionId = await writeTransaction(ctx, async (tx, audit) => {
    const people = await resolveRecipients(
      tx,
      engagement,
      data.recipients,
      ctx.runtime.now().toISOString().slice(0, 10),
    );
    // Stored only once every recipient is allowed: a refused share leaves no file behind.
    const original = await ctx.runtime.blobs.put(bytes);
    await tx
      .insertInto("blobs")
      .values({ sha256: original.sha256, size: original.size, media_type: MEDIA_TYPES[kind] })
      .onConflict((oc) => oc.column("sha256").doNothing())
      .execute();
    const distribution = await tx
      .insertInto("leak_distributions")
      .values({
        engagement_id: engagement.id,
        vendor_id: engagement.vendor_id,
        title: data.title ?? file.filename,
        filename: file.filename,
        kind,
        media_type: MEDIA_TYPES[kind],
        original_sha256: original.sha256,
        note: data.note ?? null,
        shared_by: ctx.actor.label,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const copies: { payload: number; personId: string; sha256: string; exceptionId: string | null }[] = [];
    for (const person of people) {
      const copy = await tx
        .insertInto("leak_copies")
        .values({ distribution_id: distribution.id, person_id: person.id, recipient_label: person.label })
        .returning("payload")
        .executeTakeFirstOrThrow();
      const payload = Number(copy.payload);
      const stored = await ctx.runtime.blobs.put(await markCopy(kind, file.filename, bytes, payload, key));
      await tx
        .insertInto("blobs")
        .values({ sha256: stored.sha256, size: stored.size, media_type: MEDIA_TYPES[kind] })
        .onConflict((oc) => oc.column("sha256").doNothing())
        .execute();
      await tx
        .updateTable("leak_copies")
        .set({ blob_sha256: stored.sha256 })
        .where("payload", "=", payload)
        .execute();
      copies.push({ payload, personId: person.id, sha256: stored.sha256, exceptionId: person.exceptionId });
    }
    let fingerprints = 0;
    for (const { path, text } of texts) {
      const stored = await storeSourceFingerprints(tx, {
        engagementId: engagement.id,
        kind: "distribution",
        ref: distribution.id,
        path,
        text,
        language: languageFromPath(path),
      });
      fingerprints += stored.fingerprints;
    }
    await audit({
      action: "leaks.share",
      targetType: "leak_distribution",
      targetId: distribution.id,
      summary: {
        engagementId: engagement.id,
        title: data.title ?? file.filename,
        filename: file.filename,
        sha256: original.sha256,
        copies: copies.map((c) => ({
          personId: c.personId,
          payload: c.payload,
          sha256: c.sha256,
          ...(c.exceptionId ? { exception: c.exceptionId } : {}),
        })),
        fingerprints,
      },
    });
    return distribution.id;
  });
  return loadDistributionView(ctx.runtime.db, distributionId);
}
