import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { requirePermission } from "../../services/context.ts";
import { listPortalQuestionnaires } from "../../services/portal/list-portal-questionnaires.ts";
import {
  attachAnswerFile,
  readForRespondent,
  saveDraftAnswers,
  submitAnswers,
} from "../../services/questionnaires/answer-questionnaire.ts";
import {
  handOffSection,
  revokeSectionLink,
  takeBackSection,
} from "../../services/questionnaires/hand-off-section.ts";
import { listDueQuestionnaires } from "../../services/questionnaires/list-due-questionnaires.ts";
import {
  getQuestionnaireSettings,
  updateQuestionnaireSettings,
} from "../../services/questionnaires/questionnaire-settings.ts";
import {
  createTemplate,
  exportTemplate,
  getTemplate,
  importTemplate,
  listTemplates,
} from "../../services/questionnaires/questionnaire-templates.ts";
import {
  acceptQuestionnaire,
  addReviewNote,
  getReview,
  gradeAnswers,
  listAssignments,
  requestClarification,
} from "../../services/questionnaires/review-questionnaire.ts";
import { sendQuestionnaire } from "../../services/questionnaires/send-questionnaire.ts";
import { requirePortalVendor } from "../../services/scope.ts";
import {
  listSiteVisits,
  recordSiteVisit,
  siteVisitChecklist,
  updateSiteVisit,
} from "../../services/site-visits/site-visits.ts";
import { type AppEnv, serviceContext } from "../env.ts";
import { readMultipartFile, registerUploadRoute } from "../multipart-upload.ts";
import { problemResponses } from "../schemas.ts";
import { defineRoute, publishedAccess, type RouteAccess } from "./define-route.ts";

/**
 * Due diligence on site and on paper. Questionnaires (DD-2): templates (create, import JSON/XLSX, export), sending to a vendor contact
 * or as a link, the vendor contact's answering, and the security team's review. Site visits (DD-3): the
 * checklist, and visits recorded for an engagement.
 */
export function registerQuestionnaireRoutes(app: OpenAPIHono<AppEnv>): void {
  const r = (spec: Parameters<typeof defineRoute>[1], handler: Parameters<typeof defineRoute>[2]) =>
    defineRoute(app, spec, handler);
  const upload = (
    path: string,
    summary: string,
    access: RouteAccess,
    handler: (c: Context<AppEnv>) => Promise<Response>,
  ) =>
    registerUploadRoute(
      app,
      createRoute({
        method: "post",
        path,
        ...publishedAccess(access),
        summary,
        tags: ["questionnaires"],
        request: {
          ...(path.includes("{id}")
            ? { params: z.object({ id: z.string().openapi({ param: { name: "id", in: "path" } }) }) }
            : {}),
          body: {
            content: { "multipart/form-data": { schema: z.object({ file: z.any() }) } },
            required: true,
          },
        },
        responses: {
          201: { description: "Stored", content: { "application/json": { schema: z.unknown() } } },
          ...problemResponses,
        },
      }),
      handler,
    );

  r(
    {
      method: "get",
      path: "/api/questionnaire-templates",
      permission: "internal.read",
      summary: "Questionnaire templates (the built-in IP-handling one included)",
      tag: "questionnaires",
    },
    (ctx) => listTemplates(ctx),
  );
  r(
    {
      method: "post",
      path: "/api/questionnaire-templates",
      permission: "questionnaires.write",
      summary: "Create a template from a definition (JSON)",
      tag: "questionnaires",
      body: true,
      status: 201,
    },
    (ctx, { body }) => createTemplate(ctx, body),
  );
  upload(
    "/api/questionnaire-templates/upload",
    "Import a template from a JSON or XLSX file (multipart `file`); every problem is reported with its place",
    "questionnaires.write",
    async (c) => {
      const ctx = serviceContext(c);
      const { file } = await readMultipartFile(c, () =>
        requirePermission(ctx, "questionnaires.write", "import questionnaires"),
      );
      return c.json(await importTemplate(ctx, file), 201);
    },
  );
  r(
    {
      method: "get",
      path: "/api/questionnaire-templates/{id}",
      permission: "internal.read",
      summary: "A template with its definition",
      tag: "questionnaires",
    },
    (ctx, { params }) => getTemplate(ctx, params.id),
  );
  r(
    {
      method: "get",
      path: "/api/questionnaire-templates/{id}/export",
      permission: "internal.read",
      summary: "Export a template (?format=json|xlsx)",
      tag: "questionnaires",
    },
    async (ctx, { params, query }) => {
      const file = await exportTemplate(ctx, params.id, query.format);
      return new Response(new Uint8Array(file.bytes), {
        headers: {
          "content-type": file.mediaType,
          "content-disposition": `attachment; filename="${file.filename}"`,
          "x-content-type-options": "nosniff",
        },
      });
    },
  );
  r(
    {
      method: "get",
      path: "/api/settings/questionnaires",
      permission: "internal.read",
      summary:
        "Questionnaire settings (pass threshold, reassessment interval, link validity, file size, reminder window)",
      tag: "questionnaires",
    },
    (ctx) => getQuestionnaireSettings(ctx),
  );
  r(
    {
      method: "patch",
      path: "/api/settings/questionnaires",
      permission: "settings.manage",
      summary: "Change the questionnaire settings (admins)",
      tag: "questionnaires",
      body: true,
    },
    (ctx, { body }) => updateQuestionnaireSettings(ctx, body),
  );
  r(
    {
      method: "post",
      path: "/api/questionnaires",
      permission: "questionnaires.write",
      summary: "Send a questionnaire for an engagement to a vendor contact or as a single-use link",
      tag: "questionnaires",
      body: true,
      status: 201,
    },
    (ctx, { body }) => sendQuestionnaire(ctx, body),
  );
  r(
    {
      method: "get",
      path: "/api/questionnaires/due",
      permission: "internal.read",
      summary:
        "Questionnaires not yet submitted that are due soon or overdue (reminders recorded), soonest first",
      tag: "questionnaires",
    },
    (ctx) => listDueQuestionnaires(ctx),
  );
  r(
    {
      method: "get",
      path: "/api/engagements/{id}/questionnaires",
      permission: "signed-in",
      summary: "The questionnaires of an engagement",
      tag: "questionnaires",
    },
    (ctx, { params }) => listAssignments(ctx, params.id),
  );
  r(
    {
      method: "get",
      path: "/api/questionnaires/{id}/review",
      permission: "internal.read",
      summary: "Review a questionnaire: answers, files, grades, score, clarifications, internal notes",
      tag: "questionnaires",
    },
    (ctx, { params }) => getReview(ctx, params.id),
  );
  r(
    {
      method: "post",
      path: "/api/questionnaires/{id}/clarifications",
      permission: "questionnaires.write",
      summary: "Ask the vendor to clarify an answer: { question, request }",
      tag: "questionnaires",
      body: true,
    },
    (ctx, { params, body }) => requestClarification(ctx, params.id, body),
  );
  r(
    {
      method: "post",
      path: "/api/questionnaires/{id}/grades",
      permission: "questionnaires.write",
      summary: "Grade answers: { grades: { questionId: 0..1 } }",
      tag: "questionnaires",
      body: true,
    },
    (ctx, { params, body }) => gradeAnswers(ctx, params.id, body),
  );
  r(
    {
      method: "post",
      path: "/api/questionnaires/{id}/notes",
      permission: "questionnaires.write",
      summary: "Add an internal review note: { question?, note }",
      tag: "questionnaires",
      body: true,
    },
    (ctx, { params, body }) => addReviewNote(ctx, params.id, body),
  );
  r(
    {
      method: "post",
      path: "/api/questionnaires/{id}/accept",
      permission: "questionnaires.write",
      summary: "Accept a submitted questionnaire: the score is stored until reassessment",
      tag: "questionnaires",
      body: true,
    },
    (ctx, { params, body }) => acceptQuestionnaire(ctx, params.id, body),
  );
  r(
    {
      method: "get",
      path: "/api/questionnaires/{id}/answer",
      permission: "vendor.portal",
      summary: "A vendor contact's questionnaire to answer",
      tag: "questionnaires",
    },
    (ctx, { params }, c) =>
      readForRespondent(c.get("runtime"), { kind: "user", ctx, assignmentId: params.id }),
  );
  r(
    {
      method: "put",
      path: "/api/questionnaires/{id}/answers",
      permission: "vendor.portal",
      summary: "A vendor contact saves draft answers: { answers }",
      tag: "questionnaires",
      body: true,
    },
    (ctx, { params, body }, c) =>
      saveDraftAnswers(c.get("runtime"), { kind: "user", ctx, assignmentId: params.id }, body),
  );
  r(
    {
      method: "post",
      path: "/api/questionnaires/{id}/submit",
      permission: "vendor.portal",
      summary: "A vendor contact submits the answers",
      tag: "questionnaires",
      body: true,
    },
    (ctx, { params, body }, c) =>
      submitAnswers(c.get("runtime"), { kind: "user", ctx, assignmentId: params.id }, body),
  );
  r(
    {
      method: "post",
      path: "/api/questionnaires/{id}/hand-offs",
      permission: "vendor.portal",
      summary:
        "A vendor contact hands one section to a colleague: { section, recipient, validDays? }; returns the section link once",
      tag: "questionnaires",
      body: true,
      status: 201,
    },
    (ctx, { params, body }, c) =>
      handOffSection(c.get("runtime"), { kind: "user", ctx, assignmentId: params.id }, body),
  );
  r(
    {
      method: "post",
      path: "/api/questionnaires/{id}/hand-offs/take-back",
      permission: "vendor.portal",
      summary: "A vendor contact takes a handed-off section back: { handOffId }",
      tag: "questionnaires",
      body: true,
    },
    (ctx, { params, body }, c) =>
      takeBackSection(c.get("runtime"), { kind: "user", ctx, assignmentId: params.id }, body),
  );
  r(
    {
      method: "post",
      path: "/api/questionnaire-hand-offs/{id}/revoke",
      permission: "questionnaires.write",
      summary: "Internal staff revoke a section link: it stops working at once",
      tag: "questionnaires",
    },
    (ctx, { params }) => revokeSectionLink(ctx, params.id),
  );
  upload(
    "/api/questionnaires/{id}/files",
    "A vendor contact attaches a file to a file question: multipart `question` and `file`",
    "vendor.portal",
    async (c) => {
      const ctx = serviceContext(c);
      const { file, fields } = await readMultipartFile(c, () => {
        requirePortalVendor(ctx);
      });
      return c.json(
        await attachAnswerFile(
          c.get("runtime"),
          { kind: "user", ctx, assignmentId: c.req.param("id") },
          fields.question,
          file,
        ),
        201,
      );
    },
  );
  r(
    {
      method: "get",
      path: "/api/site-visits/checklist",
      permission: "signed-in",
      summary: "The site-visit checklist (signs of casual treatment of clients' IP marked)",
      tag: "site-visits",
    },
    async () => siteVisitChecklist(),
  );
  r(
    {
      method: "get",
      path: "/api/engagements/{id}/site-visits",
      permission: "internal.read",
      summary: "The site visits of an engagement",
      tag: "site-visits",
    },
    (ctx, { params }) => listSiteVisits(ctx, params.id),
  );
  r(
    {
      method: "post",
      path: "/api/engagements/{id}/site-visits",
      permission: "controls.attest",
      summary:
        "Record a site visit: { visitedOn, visitors, checklist, observations, photoEvidenceIds, complete }; a completed visit attests DD-3",
      tag: "site-visits",
      body: true,
      status: 201,
    },
    (ctx, { params, body }) => recordSiteVisit(ctx, params.id, body),
  );
  r(
    {
      method: "put",
      path: "/api/site-visits/{id}",
      permission: "controls.attest",
      summary:
        "Save a draft site visit again (same body as recording one); `complete: true` completes it and attests DD-3",
      tag: "site-visits",
      body: true,
    },
    (ctx, { params, body }) => updateSiteVisit(ctx, params.id, body),
  );
  r(
    {
      method: "get",
      path: "/api/portal/questionnaires",
      permission: "vendor.portal",
      summary: "A vendor contact's questionnaires still to answer (own vendor only)",
      tag: "portal",
    },
    (ctx) => listPortalQuestionnaires(ctx),
  );
}
