import { z } from "zod";
import { WardenError } from "../../domain/errors.ts";
import {
  type AnswerError,
  type Answers,
  describeAnswerErrors,
  type FileAnswer,
  parseQuestionnaire,
  type Questionnaire,
  validateAnswers,
} from "../../engines/questionnaire/index.ts";
import type { Runtime, Tx } from "../context.ts";
import { parseInput } from "../parse-input.ts";
import { insertEvidence } from "../records/evidence.ts";
import { writeTransaction } from "../write.ts";
import { type RespondentView, toClarificationView } from "./assignment-view.ts";
import { checkAnswerFile } from "./check-answer-file.ts";
import { hashLinkToken } from "./link-token.ts";
import { readQuestionnaireSettings } from "./questionnaire-settings.ts";
import { loadForRespondent, type Respondent, type RespondentAccess } from "./respondent-access.ts";
import {
  endSectionLinks,
  keptFromStored,
  listHandOffs,
  mergeAnswers,
  onlySection,
  questionsOfSection,
} from "./section-links.ts";

async function loadDefinition(
  db: Runtime["db"] | Tx,
  templateId: string,
): Promise<{ title: string; definition: Questionnaire }> {
  const t = await db
    .selectFrom("questionnaire_templates")
    .select(["title", "definition"])
    .where("id", "=", templateId)
    .executeTakeFirstOrThrow();
  return { title: t.title, definition: parseQuestionnaire(t.definition) };
}

/**
 * The questionnaire as its respondent sees it: questions, own answers and clarification requests.
 * Through a section link, only that section's questions, answers and clarifications.
 */
export async function readForRespondent(runtime: Runtime, respondent: Respondent): Promise<RespondentView> {
  const { row, section } = await loadForRespondent(runtime, respondent, { forWriting: false });
  const [{ title, definition }, vendor, clarifications, handOffs] = await Promise.all([
    loadDefinition(runtime.db, row.template_id),
    runtime.db
      .selectFrom("vendors")
      .select("legal_name")
      .where("id", "=", row.vendor_id)
      .executeTakeFirstOrThrow(),
    runtime.db
      .selectFrom("questionnaire_clarifications")
      .selectAll()
      .where("assignment_id", "=", row.id)
      .orderBy("asked_at")
      .execute(),
    section ? Promise.resolve([]) : listHandOffs(runtime, row.id),
  ]);
  const answers = row.answers as Answers;
  if (section) {
    const scoped = onlySection(definition, section.sectionId);
    const ids = questionsOfSection(definition, section.sectionId);
    return {
      id: row.id,
      title,
      vendorName: vendor.legal_name,
      status: row.status,
      dueOn: row.due_on,
      linkExpiresAt: new Date(section.expiresAt).toISOString(),
      definition: scoped.definition,
      answers: Object.fromEntries(Object.entries(answers).filter(([q]) => ids.has(q))),
      clarifications: clarifications.filter((c) => ids.has(c.question_id)).map(toClarificationView),
      submittedAt: null,
      section: { id: section.sectionId, title: scoped.title, handedOffBy: section.handedOffBy },
      handOffs: [],
    };
  }
  return {
    id: row.id,
    title,
    vendorName: vendor.legal_name,
    status: row.status,
    dueOn: row.due_on,
    linkExpiresAt: row.link_expires_at ? new Date(row.link_expires_at).toISOString() : null,
    definition,
    answers,
    clarifications: clarifications.map(toClarificationView),
    submittedAt: row.submitted_at ? new Date(row.submitted_at).toISOString() : null,
    section: null,
    handOffs,
  };
}

const draftSchema = z.object({ answers: z.record(z.string(), z.unknown()) });

/** The answers' files must be ones uploaded to this same questionnaire. */
async function checkFileReferences(
  tx: Tx,
  assignmentId: string,
  definition: Questionnaire,
  answers: Answers,
) {
  const files = await tx
    .selectFrom("questionnaire_answer_files")
    .select(["question_id", "sha256"])
    .where("assignment_id", "=", assignmentId)
    .execute();
  const known = new Set(files.map((f) => `${f.question_id}:${f.sha256}`));
  const errors: { question: string; message: string }[] = [];
  for (const section of definition.sections) {
    for (const q of section.questions) {
      if (q.type !== "file" || !Array.isArray(answers[q.id])) continue;
      for (const f of answers[q.id] as FileAnswer[]) {
        if (!known.has(`${q.id}:${f.sha256}`)) {
          errors.push({ question: q.id, message: `file "${f.name}" was not uploaded to this question` });
        }
      }
    }
  }
  if (errors.length) {
    throw new WardenError(
      "invalid_input",
      `Attach files through the upload first: ${describeAnswerErrors(definition, errors)}.`,
      { errors },
    );
  }
}

function answerError(definition: Questionnaire, errors: AnswerError[], what: string): WardenError {
  return new WardenError("invalid_input", `${what}: ${describeAnswerErrors(definition, errors)}.`, {
    errors,
  });
}

/**
 * Saves draft answers (all of them: the draft replaces the previous one). Each answer is checked
 * against its question's type; an invalid answer refuses the whole save, naming every problem.
 * Required questions may still be empty. Through a section link only that section's answers are
 * given and replaced; the main respondent's draft leaves the answers of sections handed to
 * colleagues as the colleagues saved them.
 */
export async function saveDraftAnswers(
  runtime: Runtime,
  respondent: Respondent,
  input: unknown,
): Promise<RespondentView> {
  const access = await loadForRespondent(runtime, respondent, { forWriting: true });
  const { answers } = parseInput(draftSchema, input);
  const { definition } = await loadDefinition(runtime.db, access.row.template_id);
  if (access.section) refuseOutsideSection(definition, access.section.sectionId, answers);
  await writeTransaction(access.ctx, async (tx, audit) => {
    const locked = await loadForRespondent(runtime, respondent, { forWriting: true, tx });
    const { row } = locked;
    const merged = await answersToStore(tx, locked, definition, answers);
    const validation = validateAnswers(definition, merged, { final: false });
    if (!validation.ok)
      throw answerError(definition, validation.errors, "Some answers do not fit their questions");
    await checkFileReferences(tx, row.id, definition, validation.accepted);
    await tx
      .updateTable("questionnaire_assignments")
      .set({
        answers: JSON.stringify(validation.accepted),
        status: row.status === "sent" ? "in_progress" : row.status,
        updated_at: runtime.now(),
      })
      .where("id", "=", row.id)
      .execute();
    await audit({
      action: "questionnaire.draft.save",
      targetType: "questionnaire_assignment",
      targetId: row.id,
      summary: {
        answered: Object.keys(validation.accepted).length,
        ...(locked.section ? { section: locked.section.sectionId, handOffId: locked.section.handOffId } : {}),
      },
    });
  });
  return readForRespondent(runtime, respondent);
}

/** A section link answers its own section only: naming any other question refuses the save. */
function refuseOutsideSection(
  definition: Questionnaire,
  sectionId: string,
  answers: Record<string, unknown>,
) {
  const ids = questionsOfSection(definition, sectionId);
  const outside = Object.keys(answers).filter((q) => !ids.has(q));
  if (outside.length) {
    throw answerError(
      definition,
      outside.map((q) => ({ question: q, message: "is not a question of the section handed to you" })),
      "Answer only the questions of your section",
    );
  }
}

/** The whole draft to store: the respondent's answers, with what it may not change kept as stored. */
async function answersToStore(
  tx: Tx,
  access: RespondentAccess,
  definition: Questionnaire,
  answers: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const keep = await keptFromStored(tx, access, definition);
  return mergeAnswers(access.row.answers, answers, keep);
}

/**
 * Stores a file for a file question as evidence of the vendor (DD-2), after checking its size,
 * declared type and that its content matches that type. Returns the reference to put in the answer.
 */
export async function attachAnswerFile(
  runtime: Runtime,
  respondent: Respondent,
  questionId: unknown,
  file: { filename: string; mediaType: string; bytes: Uint8Array },
): Promise<FileAnswer> {
  const access = await loadForRespondent(runtime, respondent, { forWriting: true });
  const { definition } = await loadDefinition(runtime.db, access.row.template_id);
  const sections = access.section
    ? onlySection(definition, access.section.sectionId).definition.sections
    : definition.sections;
  const question = sections.flatMap((s) => s.questions).find((q) => q.id === questionId);
  if (question?.type !== "file") {
    throw new WardenError("invalid_input", `Question ${String(questionId)} does not take files.`, {
      field: "question",
    });
  }
  const settings = await readQuestionnaireSettings(runtime.db);
  checkAnswerFile(file, settings.maxFileBytes);
  const stored = await runtime.blobs.put(Buffer.from(file.bytes));
  return writeTransaction(access.ctx, async (tx, audit) => {
    const { row } = await loadForRespondent(runtime, respondent, { forWriting: true, tx });
    const evidence = await insertEvidence(
      access.ctx,
      tx,
      audit,
      {
        vendorId: row.vendor_id,
        engagementId: row.engagement_id,
        title: `Questionnaire answer to “${question.text.slice(0, 200)}”: ${file.filename}`,
        controls: ["DD-2"],
      },
      { sha256: stored.sha256, size: stored.size, filename: file.filename, mediaType: file.mediaType },
    );
    await tx
      .insertInto("questionnaire_answer_files")
      .values({
        assignment_id: row.id,
        question_id: question.id,
        evidence_id: evidence.id,
        sha256: stored.sha256,
        name: file.filename,
        size: stored.size,
        media_type: file.mediaType,
      })
      .execute();
    await audit({
      action: "questionnaire.file.attach",
      targetType: "questionnaire_assignment",
      targetId: row.id,
      summary: {
        question: question.id,
        evidenceId: evidence.id,
        sha256: stored.sha256,
        size: stored.size,
        ...(access.section ? { handOffId: access.section.handOffId } : {}),
      },
    });
    return { name: file.filename, sha256: stored.sha256, size: stored.size, mediaType: file.mediaType };
  });
}

const submitSchema = z.object({
  answers: z.record(z.string(), z.unknown()).optional(),
  /** Replies to open clarification requests, by request id. */
  clarificationResponses: z.record(z.string(), z.string().trim().min(1).max(4000)).default({}),
});

/**
 * Submits the answers (given, or the saved draft) after the final validation: every shown required
 * question answered, every answer of the right type, every open clarification replied to. A link
 * stops working once this succeeds, and so do the section links handed to colleagues. Only the
 * main respondent submits: a section link is refused.
 */
export async function submitAnswers(
  runtime: Runtime,
  respondent: Respondent,
  input: unknown,
): Promise<RespondentView & { submitted: true }> {
  const access = await loadForRespondent(runtime, respondent, { forWriting: true });
  const data = parseInput(submitSchema, input ?? {});
  if (access.section) {
    throw new WardenError(
      "forbidden",
      `Only ${access.section.handedOffBy} can submit the questionnaire; your answers to this section are saved for them.`,
    );
  }
  const { definition } = await loadDefinition(runtime.db, access.row.template_id);
  let view: RespondentView | null = null;
  await writeTransaction(access.ctx, async (tx, audit) => {
    const locked = await loadForRespondent(runtime, respondent, { forWriting: true, tx });
    const { row } = locked;
    const answers = data.answers ? await answersToStore(tx, locked, definition, data.answers) : row.answers;
    const validation = validateAnswers(definition, answers, { final: true });
    if (!validation.ok) {
      const errors = [
        ...validation.errors,
        ...validation.missing
          .filter((q) => !validation.errors.some((e) => e.question === q))
          .map((q) => ({ question: q, message: "is required" })),
      ];
      throw answerError(definition, errors, "The questionnaire cannot be submitted yet");
    }
    await checkFileReferences(tx, row.id, definition, validation.accepted);
    const open = await tx
      .selectFrom("questionnaire_clarifications")
      .select(["id", "question_id"])
      .where("assignment_id", "=", row.id)
      .where("responded_at", "is", null)
      .execute();
    const unanswered = open.filter((c) => !data.clarificationResponses[c.id]);
    if (unanswered.length) {
      throw new WardenError(
        "invalid_input",
        `Reply to the clarification requested on ${unanswered.map((c) => c.question_id).join(", ")} before submitting.`,
        { errors: unanswered.map((c) => ({ question: c.question_id, message: "clarification requested" })) },
      );
    }
    for (const c of open) {
      await tx
        .updateTable("questionnaire_clarifications")
        .set({ response: data.clarificationResponses[c.id] ?? "", responded_at: runtime.now() })
        .where("id", "=", c.id)
        .execute();
    }
    if (respondent.kind === "link") {
      await tx
        .insertInto("questionnaire_spent_links")
        .values({ sha256: hashLinkToken(respondent.token), assignment_id: row.id })
        .onConflict((oc) => oc.column("sha256").doNothing())
        .execute();
    }
    const ended = await endSectionLinks(tx, row.id, "submitted", access.ctx);
    await tx
      .updateTable("questionnaire_assignments")
      .set({
        answers: JSON.stringify(validation.accepted),
        status: "submitted",
        submitted_at: runtime.now(),
        updated_at: runtime.now(),
      })
      .where("id", "=", row.id)
      .execute();
    await audit({
      action: "questionnaire.submit",
      targetType: "questionnaire_assignment",
      targetId: row.id,
      summary: {
        answered: Object.keys(validation.accepted).length,
        clarificationsAnswered: open.length,
        sectionLinksEnded: ended,
      },
    });
  });
  // The link is spent now, so the confirmation is built from what was just written.
  const base = await runtime.db
    .selectFrom("questionnaire_assignments")
    .selectAll()
    .where("id", "=", access.row.id)
    .executeTakeFirstOrThrow();
  const { title } = await loadDefinition(runtime.db, base.template_id);
  view = {
    id: base.id,
    title,
    vendorName: "",
    status: base.status,
    dueOn: base.due_on,
    linkExpiresAt: null,
    definition,
    answers: base.answers as Answers,
    clarifications: [],
    submittedAt: base.submitted_at ? new Date(base.submitted_at).toISOString() : null,
    section: null,
    handOffs: [],
  };
  return { ...view, submitted: true };
}
