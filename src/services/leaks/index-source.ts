import { z } from "zod";
import type { SourceLanguage } from "../../engines/leaks/index.ts";
import { requirePermission, type ServiceContext } from "../context.ts";
import { parseInput } from "../parse-input.ts";
import { loadEngagementFor } from "../scope.ts";
import { writeTransaction } from "../write.ts";
import { storeSourceFingerprints } from "./fingerprint-store.ts";

const LANGUAGES = [
  "java",
  "javascript",
  "typescript",
  "python",
  "c",
  "cpp",
  "csharp",
  "go",
  "rust",
  "kotlin",
  "swift",
  "php",
  "ruby",
  "shell",
  "sql",
  "prose",
] as const satisfies readonly SourceLanguage[];

const inputSchema = z.object({
  /** What the text is: "delivery" for an accepted delivery's file, "document", … */
  kind: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, "must be a short lower-case word such as delivery"),
  /** The record it belongs to (a milestone or delivery id, a commit…). */
  ref: z.string().trim().min(1).max(300),
  /** The file inside that record; defaults to the ref. */
  path: z.string().trim().min(1).max(1000).optional(),
  text: z.string().max(10_000_000, "must be at most 10 million characters"),
  language: z.enum(LANGUAGES).optional(),
  engagementId: z.string().uuid().nullish(),
});

/**
 * Adds a text (an accepted delivery's file, a document) to the fingerprint index so that
 * later leaks trace back to it. Other engines' services call this as they accept work;
 * indexing the same (kind, ref, path) twice keeps the first.
 *
 * @example
 * await indexSource(ctx, { kind: "delivery", ref: milestoneId, path: "src/Billing.java", text, engagementId });
 */
export async function indexSource(
  ctx: ServiceContext,
  input: unknown,
): Promise<{ sourceId: string; fingerprints: number; created: boolean }> {
  requirePermission(ctx, "leaks.write", "index sources for leak tracing");
  const data = parseInput(inputSchema, input);
  if (data.engagementId) await loadEngagementFor(ctx, data.engagementId);
  return writeTransaction(ctx, async (tx, audit) => {
    const stored = await storeSourceFingerprints(tx, {
      engagementId: data.engagementId ?? null,
      kind: data.kind,
      ref: data.ref,
      path: data.path ?? data.ref,
      text: data.text,
      language: data.language,
    });
    if (stored.created) {
      await audit({
        action: "leaks.index",
        targetType: "leak_source",
        targetId: stored.id,
        summary: {
          kind: data.kind,
          ref: data.ref,
          path: data.path ?? data.ref,
          engagementId: data.engagementId ?? null,
          fingerprints: stored.fingerprints,
        },
      });
    }
    return { sourceId: stored.id, fingerprints: stored.fingerprints, created: stored.created };
  });
}
