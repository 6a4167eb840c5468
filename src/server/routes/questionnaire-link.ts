import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import {
  attachAnswerFile,
  readForRespondent,
  saveDraftAnswers,
  submitAnswers,
} from "../../services/questionnaires/answer-questionnaire.ts";
import { handOffSection, takeBackSection } from "../../services/questionnaires/hand-off-section.ts";
import { limitLinkRequests } from "../../services/questionnaires/limit-link-requests.ts";
import { LINK_TOKEN_HEADER } from "../../services/questionnaires/link-token.ts";
import { loadForRespondent, type Respondent } from "../../services/questionnaires/respondent-access.ts";
import type { AppEnv } from "../env.ts";
import { readMultipartFile, registerUploadRoute } from "../multipart-upload.ts";
import { problemResponses } from "../schemas.ts";
import { clientOf } from "./auth.ts";
import { defineRoute, publishedAccess } from "./define-route.ts";

/**
 * The no-account questionnaire link: public routes (listed in PUBLIC_PATHS) that reach only the
 * one questionnaire whose token travels in the `x-questionnaire-link` header. The token is
 * checked in the service on every call; a spent or expired link is refused there. The same routes
 * serve a section link (one section handed to a colleague), confined to its section by the service.
 * Every call is counted against the per-address and per-token rate limits first, and a file upload
 * is read only once its token proved good.
 */
export function registerQuestionnaireLinkRoutes(app: OpenAPIHono<AppEnv>): void {
  const respondent = (c: Context<AppEnv>): Respondent & { kind: "link" } => ({
    kind: "link",
    token: c.req.header(LINK_TOKEN_HEADER) ?? "",
  });
  const limit = (c: Context<AppEnv>) =>
    limitLinkRequests(c.get("runtime"), { address: clientOf(c).ip, token: respondent(c).token });
  const r = (spec: Parameters<typeof defineRoute>[1], handler: Parameters<typeof defineRoute>[2]) =>
    defineRoute(app, spec, async (ctx, input, c) => {
      await limit(c);
      return handler(ctx, input, c);
    });

  r(
    {
      method: "get",
      path: "/api/questionnaire-link",
      permission: "public",
      summary:
        "The questionnaire of a link (token in the x-questionnaire-link header): questions, draft answers, clarifications",
      tag: "questionnaire-link",
    },
    (_ctx, _input, c) => readForRespondent(c.get("runtime"), respondent(c)),
  );
  r(
    {
      method: "put",
      path: "/api/questionnaire-link/answers",
      permission: "public",
      summary: "Save draft answers through a link: { answers }",
      tag: "questionnaire-link",
      body: true,
    },
    (_ctx, { body }, c) => saveDraftAnswers(c.get("runtime"), respondent(c), body),
  );
  r(
    {
      method: "post",
      path: "/api/questionnaire-link/submit",
      permission: "public",
      summary: "Submit the answers through a link (final validation); the link stops working",
      tag: "questionnaire-link",
      body: true,
    },
    (_ctx, { body }, c) => submitAnswers(c.get("runtime"), respondent(c), body),
  );
  r(
    {
      method: "post",
      path: "/api/questionnaire-link/hand-offs",
      permission: "public",
      summary:
        "Hand one section to a colleague: { section, recipient, validDays? }; returns the colleague's section link once",
      tag: "questionnaire-link",
      body: true,
      status: 201,
    },
    (_ctx, { body }, c) => handOffSection(c.get("runtime"), respondent(c), body),
  );
  r(
    {
      method: "post",
      path: "/api/questionnaire-link/hand-offs/take-back",
      permission: "public",
      summary: "Take a handed-off section back: { handOffId }; the colleague's link stops working",
      tag: "questionnaire-link",
      body: true,
    },
    (_ctx, { body }, c) => takeBackSection(c.get("runtime"), respondent(c), body),
  );
  registerUploadRoute(
    app,
    createRoute({
      method: "post",
      path: "/api/questionnaire-link/files",
      ...publishedAccess("public"),
      summary: "Attach a file to a file question through a link: multipart form with `question` and `file`",
      tags: ["questionnaire-link"],
      request: {
        body: {
          content: { "multipart/form-data": { schema: z.object({ question: z.string(), file: z.any() }) } },
          required: true,
        },
      },
      responses: {
        201: { description: "Stored", content: { "application/json": { schema: z.unknown() } } },
        ...problemResponses,
      },
    }),
    async (c) => {
      const who = respondent(c);
      const runtime = c.get("runtime");
      const { file, fields } = await readMultipartFile(c, async () => {
        await limit(c);
        await loadForRespondent(runtime, who, { forWriting: true });
      });
      return c.json(await attachAnswerFile(runtime, who, fields.question, file), 201);
    },
  );
}
