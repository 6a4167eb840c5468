import { z } from "zod";
import { WardenError } from "../../domain/errors.ts";
import {
  type Answers,
  type Grades,
  parseQuestionnaire,
  type QuestionnaireScore,
  scoreQuestionnaire,
} from "../../engines/questionnaire/index.ts";
import { requireInternal, requirePermission, type ServiceContext, type Tx } from "../context.ts";
import { parseId } from "../ids.ts";
import { parseInput } from "../parse-input.ts";
import { isVendorActor, loadEngagementFor, requireReader } from "../scope.ts";
import { writeTransaction } from "../write.ts";
import {
  type AssignmentRow,
  type AssignmentSummary,
  type ReviewView,
  toClarificationView,
  toSummary,
} from "./assignment-view.ts";
import { linkUrl, newLinkToken } from "./link-token.ts";
import { readQuestionnaireSettings } from "./questionnaire-settings.ts";

/**
 * The questionnaires of an engagement. Vendor contacts see only those sent to their vendor's
 * contact accounts, without grades, scores or notes (a summary only).
 */
export async function listAssignments(
  ctx: ServiceContext,
  engagementId: unknown,
): Promise<AssignmentSummary[]> {
  requireReader(ctx);
  const id = parseId(engagementId);
  await loadEngagementFor(ctx, id);
  let q = ctx.runtime.db
    .selectFrom("questionnaire_assignments as a")
    .innerJoin("questionnaire_templates as t", "t.id", "a.template_id")
    .selectAll("a")
    .select("t.title")
    .where("a.engagement_id", "=", id);
  if (isVendorActor(ctx)) q = q.where("a.recipient_kind", "=", "contact");
  const rows = await q.orderBy("a.created_at", "desc").execute();
  return rows.map((r) => toSummary(r as AssignmentRow, r.title));
}

async function loadRow(ctx: ServiceContext, id: string, tx?: Tx) {
  let q = (tx ?? ctx.runtime.db)
    .selectFrom("questionnaire_assignments as a")
    .innerJoin("questionnaire_templates as t", "t.id", "a.template_id")
    .selectAll("a")
    .select(["t.title", "t.definition"])
    .where("a.id", "=", id);
  if (tx) q = q.forUpdate("a");
  const row = await q.executeTakeFirst();
  if (!row) throw new WardenError("not_found", `No questionnaire with id ${id}.`);
  return { row: row as AssignmentRow & { title: string }, definition: parseQuestionnaire(row.definition) };
}

/** Everything the security team reviews: answers, files, grades, the current score, clarifications and internal notes. */
export async function getReview(ctx: ServiceContext, assignmentId: unknown): Promise<ReviewView> {
  requireInternal(ctx);
  const id = parseId(assignmentId);
  const { row, definition } = await loadRow(ctx, id);
  const [clarifications, notes, files] = await Promise.all([
    ctx.runtime.db
      .selectFrom("questionnaire_clarifications")
      .selectAll()
      .where("assignment_id", "=", id)
      .orderBy("asked_at")
      .execute(),
    ctx.runtime.db
      .selectFrom("questionnaire_review_notes")
      .selectAll()
      .where("assignment_id", "=", id)
      .orderBy("created_at")
      .execute(),
    ctx.runtime.db
      .selectFrom("questionnaire_answer_files")
      .selectAll()
      .where("assignment_id", "=", id)
      .orderBy("created_at")
      .execute(),
  ]);
  const grades = row.grades as Grades;
  const score =
    (row.score as QuestionnaireScore | null) ??
    (row.status === "submitted"
      ? scoreQuestionnaire(definition, row.answers, { grades, now: ctx.runtime.now() })
      : null);
  return {
    ...toSummary(row, row.title),
    definition,
    answers: row.answers as Answers,
    grades,
    score,
    criticalFindings: row.critical_findings,
    acceptedAt: row.accepted_at ? new Date(row.accepted_at).toISOString() : null,
    acceptedBy: row.accepted_by,
    validUntil: row.valid_until,
    reassessDays: row.reassess_days,
    clarifications: clarifications.map(toClarificationView),
    notes: notes.map((n) => ({
      id: n.id,
      question: n.question_id,
      note: n.note,
      author: n.author,
      createdAt: new Date(n.created_at).toISOString(),
    })),
    files: files.map((f) => ({
      question: f.question_id,
      evidenceId: f.evidence_id,
      name: f.name,
      sha256: f.sha256,
      size: Number(f.size),
    })),
  };
}

function requireSubmitted(row: AssignmentRow, what: string): void {
  if (row.status !== "submitted") {
    throw new WardenError(
      "conflict",
      `Only a submitted questionnaire can be ${what}; this one is ${row.status.replace("_", " ")}.`,
    );
  }
}

const clarifySchema = z.object({
  question: z.string().min(1).max(64),
  request: z.string().trim().min(3, "say what needs clarifying").max(4000),
});

/**
 * Asks the vendor to clarify one answer: the questionnaire goes back to the vendor, who sees the
 * request, may change answers and submits again. A link recipient gets a new single-use link (the
 * spent one stays spent); it is returned here, once.
 */
export async function requestClarification(
  ctx: ServiceContext,
  assignmentId: unknown,
  input: unknown,
): Promise<{ review: ReviewView; link?: { token: string; url: string; expiresAt: string } }> {
  requirePermission(ctx, "questionnaires.write", "review questionnaires");
  const id = parseId(assignmentId);
  const data = parseInput(clarifySchema, input);
  const settings = await readQuestionnaireSettings(ctx.runtime.db);
  const link = await writeTransaction(ctx, async (tx, audit) => {
    const { row, definition } = await loadRow(ctx, id, tx);
    requireSubmitted(row, "sent back for clarification");
    if (!definition.sections.some((s) => s.questions.some((q) => q.id === data.question))) {
      throw new WardenError("invalid_input", `No question ${data.question} in this questionnaire.`, {
        field: "question",
      });
    }
    await tx
      .insertInto("questionnaire_clarifications")
      .values({
        assignment_id: id,
        question_id: data.question,
        request: data.request,
        asked_by: ctx.actor.label,
      })
      .execute();
    let fresh: { token: string; sha256: string; expiresAt: Date } | null = null;
    if (row.recipient_kind === "link") {
      fresh = {
        ...newLinkToken(),
        expiresAt: new Date(ctx.runtime.now().getTime() + settings.linkValidDays * 86_400_000),
      };
    }
    await tx
      .updateTable("questionnaire_assignments")
      .set({
        status: "clarification",
        updated_at: ctx.runtime.now(),
        ...(fresh ? { link_token_sha256: fresh.sha256, link_expires_at: fresh.expiresAt } : {}),
      })
      .where("id", "=", id)
      .execute();
    await audit({
      action: "questionnaire.clarification.request",
      targetType: "questionnaire_assignment",
      targetId: id,
      summary: { question: data.question, newLink: fresh !== null },
    });
    return fresh;
  });
  return {
    review: await getReview(ctx, id),
    ...(link
      ? {
          link: {
            token: link.token,
            url: linkUrl(ctx.runtime.config.publicUrl, link.token),
            expiresAt: link.expiresAt.toISOString(),
          },
        }
      : {}),
  };
}

const gradeSchema = z.object({
  grades: z.record(
    z.string(),
    z.union([
      z.number().min(0).max(1),
      z.object({ score: z.number().min(0).max(1), note: z.string().max(2000).optional() }),
    ]),
  ),
});

/** Grades answers (0..1 of each question's weight): needed for text and file answers, an override elsewhere. */
export async function gradeAnswers(
  ctx: ServiceContext,
  assignmentId: unknown,
  input: unknown,
): Promise<ReviewView> {
  requirePermission(ctx, "questionnaires.write", "review questionnaires");
  const id = parseId(assignmentId);
  const data = parseInput(gradeSchema, input);
  await writeTransaction(ctx, async (tx, audit) => {
    const { row, definition } = await loadRow(ctx, id, tx);
    requireSubmitted(row, "graded");
    const grades = { ...(row.grades as Grades), ...(data.grades as Grades) };
    // Scoring checks the grades name real questions; a bad one refuses the whole change.
    scoreQuestionnaire(definition, row.answers, { grades, now: ctx.runtime.now() });
    await tx
      .updateTable("questionnaire_assignments")
      .set({ grades: JSON.stringify(grades), updated_at: ctx.runtime.now() })
      .where("id", "=", id)
      .execute();
    await audit({
      action: "questionnaire.grade",
      targetType: "questionnaire_assignment",
      targetId: id,
      summary: { questions: Object.keys(data.grades) },
    });
  });
  return getReview(ctx, id);
}

const noteSchema = z.object({
  question: z.string().min(1).max(64).nullish(),
  note: z.string().trim().min(1).max(4000),
});

/** An internal review note: never shown to the vendor. */
export async function addReviewNote(
  ctx: ServiceContext,
  assignmentId: unknown,
  input: unknown,
): Promise<ReviewView> {
  requirePermission(ctx, "questionnaires.write", "review questionnaires");
  const id = parseId(assignmentId);
  const data = parseInput(noteSchema, input);
  await writeTransaction(ctx, async (tx, audit) => {
    await loadRow(ctx, id, tx);
    const note = await tx
      .insertInto("questionnaire_review_notes")
      .values({
        assignment_id: id,
        question_id: data.question ?? null,
        note: data.note,
        author: ctx.actor.label,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit({
      action: "questionnaire.note.add",
      targetType: "questionnaire_assignment",
      targetId: id,
      summary: { noteId: note.id, question: data.question ?? null },
    });
  });
  return getReview(ctx, id);
}

const acceptSchema = z.object({ reassessDays: z.number().int().min(1).max(3650).optional() });

/**
 * Accepts a submitted questionnaire: the score with its reasons is computed and stored, and the
 * result holds until the reassessment date. Every text and file answer must be graded first.
 */
export async function acceptQuestionnaire(
  ctx: ServiceContext,
  assignmentId: unknown,
  input: unknown,
): Promise<ReviewView> {
  requirePermission(ctx, "questionnaires.write", "accept questionnaires");
  const id = parseId(assignmentId);
  const data = parseInput(acceptSchema, input ?? {});
  await writeTransaction(ctx, async (tx, audit) => {
    const { row, definition } = await loadRow(ctx, id, tx);
    requireSubmitted(row, "accepted");
    const score = scoreQuestionnaire(definition, row.answers, {
      grades: row.grades as Grades,
      now: ctx.runtime.now(),
    });
    const ungraded = score.excluded.filter((e) => e.why === "awaiting review").map((e) => e.question);
    if (ungraded.length) {
      throw new WardenError("gate_blocked", `Grade these answers before accepting: ${ungraded.join(", ")}.`, {
        ungraded,
      });
    }
    const reassessDays = data.reassessDays ?? row.reassess_days;
    const validUntil = new Date(ctx.runtime.now().getTime() + reassessDays * 86_400_000)
      .toISOString()
      .slice(0, 10);
    await tx
      .updateTable("questionnaire_assignments")
      .set({
        status: "accepted",
        score: JSON.stringify(score),
        score_value: score.score,
        critical_findings: score.criticalFindings.length,
        reassess_days: reassessDays,
        valid_until: validUntil,
        accepted_at: ctx.runtime.now(),
        accepted_by: ctx.actor.label,
        updated_at: ctx.runtime.now(),
      })
      .where("id", "=", id)
      .execute();
    await audit({
      action: "questionnaire.accept",
      targetType: "questionnaire_assignment",
      targetId: id,
      summary: { score: score.score, criticalFindings: score.criticalFindings.length, validUntil },
    });
  });
  return getReview(ctx, id);
}
