import { expect } from "vitest";
import { createApp } from "../../src/server/app.ts";
import { createTemplate } from "../../src/services/questionnaires/questionnaire-templates.ts";
import type { PublicUser } from "../../src/services/users/public-user.ts";
import {
  contextFor,
  makeEngagement,
  makeUser,
  smallQuestionnaireDefinition,
  TEST_PASSWORD,
} from "./fixtures.ts";
import { TestClient } from "./http.ts";
import { createTestRuntime, type TestRuntime } from "./test-runtime.ts";

export const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

// biome-ignore lint/suspicious/noExplicitAny: responses are read loosely; each test asserts the fields it needs
export type Json = Record<string, any>;

/**
 * What the questionnaire tests share: a runtime on a clock the test moves, a signed-in security
 * user, the small template, two vendors' engagements, and the respondent's link API.
 */
export interface QuestionnaireWorld {
  runtime: TestRuntime;
  /** The runtime's clock: set `clock.now` to move time. */
  clock: { now: Date };
  app: ReturnType<typeof createApp>;
  security: TestClient;
  securityUser: PublicUser;
  templateId: string;
  a: { vendorId: string; engagementId: string };
  b: { vendorId: string; engagementId: string };
  /** A request to the respondent's API with a link token. */
  link(token: string, method: string, path?: string, body?: unknown): Promise<Response>;
  /** Uploads a file answer through a link (a small PDF unless told otherwise). */
  linkUpload(
    token: string,
    question: string,
    file?: { bytes: Uint8Array; name: string; type: string },
  ): Promise<Response>;
  /** Sends the template to an engagement as a link; returns the assignment id and the token. */
  sendLink(engagementId: string, recipient?: Json): Promise<{ id: string; token: string }>;
}

export const json = async (res: Response): Promise<Json> => (await res.json()) as Json;

/**
 * Answers the small questionnaire through its link (a PDF for the file question) and submits it,
 * as the vendor would.
 */
export async function answerAndSubmitByLink(app: ReturnType<typeof createApp>, token: string): Promise<void> {
  const upload = new FormData();
  upload.set("question", "policyDoc");
  upload.set("file", new File([Buffer.from(PDF)], "policy.pdf", { type: "application/pdf" }));
  const file = await json(
    await app.request("/api/questionnaire-link/files", {
      method: "POST",
      headers: { "x-questionnaire-link": token },
      body: upload,
    }),
  );
  const headers = { "x-questionnaire-link": token, "content-type": "application/json" };
  const answers = { nda: "yes", workspace: "closedRoom", turnover: 5, incident: "no", policyDoc: [file] };
  expect(
    (
      await app.request("/api/questionnaire-link/answers", {
        method: "PUT",
        headers,
        body: JSON.stringify({ answers }),
      })
    ).status,
  ).toBe(200);
  expect(
    (await app.request("/api/questionnaire-link/submit", { method: "POST", headers, body: "{}" })).status,
  ).toBe(200);
}

export async function questionnaireWorld(): Promise<QuestionnaireWorld> {
  const clock = { now: new Date("2026-03-02T10:00:00Z") };
  const runtime = await createTestRuntime({ now: () => clock.now });
  const app = createApp(runtime);
  const securityUser = await makeUser(runtime, "security");
  const security = new TestClient(app);
  expect((await security.login(securityUser.email, TEST_PASSWORD)).status).toBe(200);
  const templateId = (await createTemplate(contextFor(runtime, securityUser), smallQuestionnaireDefinition()))
    .id;
  const a = await makeEngagement(runtime, { name: "Vendor A" });
  const b = await makeEngagement(runtime, { name: "Vendor B" });

  const link = async (token: string, method: string, path = "", body?: unknown) =>
    app.request(`/api/questionnaire-link${path}`, {
      method,
      headers: {
        "x-questionnaire-link": token,
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  const linkUpload = async (
    token: string,
    question: string,
    file = { bytes: PDF, name: "policy.pdf", type: "application/pdf" },
  ) => {
    const form = new FormData();
    form.set("question", question);
    form.set("file", new File([Buffer.from(file.bytes)], file.name, { type: file.type }));
    return app.request("/api/questionnaire-link/files", {
      method: "POST",
      headers: { "x-questionnaire-link": token },
      body: form,
    });
  };
  const sendLink = async (engagementId: string, recipient: Json = {}) => {
    const res = await security.request("POST", "/api/questionnaires", {
      engagementId,
      templateId,
      recipient: { kind: "link", label: "cto@vendor.example", ...recipient },
    });
    expect(res.status).toBe(201);
    const body = await json(res);
    return { id: body.assignment.id as string, token: body.link.token as string };
  };
  return { runtime, clock, app, security, securityUser, templateId, a, b, link, linkUpload, sendLink };
}
