import { sql } from "kysely";
import { z } from "zod";
import { WardenError } from "../../domain/errors.ts";
import { requireInternal, requirePermission, type ServiceContext } from "../context.ts";
import { parseId } from "../ids.ts";
import { parseInput } from "../parse-input.ts";
import { writeTransaction } from "../write.ts";
import { type LeakCaseView, loadLeakCaseView, toLeakCaseView } from "./leak-case-view.ts";

const filterSchema = z.object({
  engagementId: z.string().uuid("must be an engagement id").optional(),
  status: z.enum(["open", "investigating", "closed"]).optional(),
});

/** Leak cases, newest first, without their reports. Internal staff only. */
export async function listLeakCases(ctx: ServiceContext, filter: unknown = {}): Promise<LeakCaseView[]> {
  requireInternal(ctx);
  const data = parseInput(filterSchema, filter ?? {});
  let q = ctx.runtime.db
    .selectFrom("leak_cases")
    .select([
      "id",
      "title",
      "status",
      "suspect_name",
      "suspect_sha256",
      "engagement_id",
      "distribution_id",
      "copy_payload",
      "person_id",
      "confidence",
      "notes",
      "opened_by",
      "created_at",
      "updated_at",
      sql<string>`report->>'summary'`.as("summary"),
    ]);
  if (data.engagementId) q = q.where("engagement_id", "=", data.engagementId);
  if (data.status) q = q.where("status", "=", data.status);
  return (await q.orderBy("created_at", "desc").limit(500).execute()).map((row) => toLeakCaseView(row));
}

/** One case with its trace report. Internal staff only. */
export async function getLeakCase(ctx: ServiceContext, caseId: unknown): Promise<LeakCaseView> {
  requireInternal(ctx);
  return loadLeakCaseView(ctx.runtime.db, parseId(caseId));
}

const updateSchema = z
  .object({
    status: z.enum(["open", "investigating", "closed"]).optional(),
    note: z.string().trim().min(1).max(4000).optional(),
  })
  .refine((v) => v.status !== undefined || v.note !== undefined, "give a status or a note");

/** Moves a case on (open → investigating → closed, or reopened) and/or adds a note. Audited. */
export async function updateLeakCase(
  ctx: ServiceContext,
  caseId: unknown,
  input: unknown,
): Promise<LeakCaseView> {
  requirePermission(ctx, "leaks.write", "update leak cases");
  const id = parseId(caseId);
  const data = parseInput(updateSchema, input);
  const now = ctx.runtime.now();
  await writeTransaction(ctx, async (tx, audit) => {
    const row = await tx
      .selectFrom("leak_cases")
      .select(["id", "status", "notes"])
      .where("id", "=", id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new WardenError("not_found", `No leak case with id ${id}.`);
    const notes = data.note
      ? [...row.notes, { at: now.toISOString(), by: ctx.actor.label, text: data.note }]
      : row.notes;
    await tx
      .updateTable("leak_cases")
      .set({ status: data.status ?? row.status, notes: JSON.stringify(notes), updated_at: now })
      .where("id", "=", id)
      .execute();
    await audit({
      action: "leaks.case.update",
      targetType: "leak_case",
      targetId: id,
      summary: { from: row.status, to: data.status ?? row.status, ...(data.note ? { note: data.note } : {}) },
    });
  });
  return loadLeakCaseView(ctx.runtime.db, id);
}
