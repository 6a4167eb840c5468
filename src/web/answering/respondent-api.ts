import type { ApiError } from "../api/api-client.ts";
import type { Answers, FileAnswer, HandOff, RespondentView } from "./questionnaire-types.ts";

/** A section link just made for a colleague: the hand-off, and the link itself (shown only once). */
export interface IssuedHandOff {
  handOff: HandOff;
  link: { url: string; expiresAt: string };
}

/**
 * What the answer form asks of the server, whoever the respondent is: the holder of a
 * questionnaire link, or a signed-in vendor contact. Each call fails with an `ApiError`.
 */
export interface RespondentApi {
  load(): Promise<RespondentView>;
  saveDraft(answers: Answers): Promise<void>;
  submit(input: { answers: Answers; clarificationResponses: Record<string, string> }): Promise<void>;
  attachFile(questionId: string, file: File): Promise<FileAnswer>;
  handOff(input: { section: string; recipient: string }): Promise<IssuedHandOff>;
  takeBack(handOffId: string): Promise<RespondentView>;
}

/** One API call of a respondent, by its path under the respondent's base (`""`, `/answers`, …). */
export type RespondentCall = <T>(
  path: string,
  options?: { method?: "GET" | "PUT" | "POST"; body?: unknown },
) => Promise<T>;

/**
 * The respondent's actions over one way of calling the API. The link routes
 * (`/api/questionnaire-link/…`) and a vendor contact's routes (`/api/questionnaires/{id}/…`) offer
 * the same actions under their own base; only reading differs (`""` against `/answer`).
 *
 * @example
 * const respondent = respondentApi((path, options) => linkApi(token, path, options));
 * const view = await respondent.load();
 */
export function respondentApi(call: RespondentCall, readPath = ""): RespondentApi {
  return {
    load: () => call<RespondentView>(readPath),
    saveDraft: async (answers) => {
      await call("/answers", { method: "PUT", body: { answers } });
    },
    submit: async (input) => {
      await call("/submit", { method: "POST", body: input });
    },
    attachFile: (questionId, file) => {
      const form = new FormData();
      form.set("question", questionId);
      form.set("file", file);
      return call<FileAnswer>("/files", { method: "POST", body: form });
    },
    handOff: (input) => call<IssuedHandOff>("/hand-offs", { method: "POST", body: input }),
    takeBack: (handOffId) =>
      call<RespondentView>("/hand-offs/take-back", { method: "POST", body: { handOffId } }),
  };
}

export interface QuestionProblem {
  question: string | null;
  message: string;
}

/** The per-question problems of a refused save or submission. */
export function questionProblems(error: ApiError): QuestionProblem[] {
  const errors = error.problem.errors;
  if (!Array.isArray(errors)) return [];
  return errors.filter(
    (e): e is QuestionProblem =>
      typeof e === "object" && e !== null && typeof (e as QuestionProblem).message === "string",
  );
}
