import { type RespondentApi, respondentApi } from "../../answering/respondent-api.ts";
import { api } from "../../api/api-client.ts";

/**
 * The answering actions of the signed-in vendor contact on one of its questionnaires, through
 * `/api/questionnaires/{id}/…` with the session (the api client adds the CSRF header to writes).
 */
export function accountRespondentApi(assignmentId: string): RespondentApi {
  const base = `/api/questionnaires/${encodeURIComponent(assignmentId)}`;
  return respondentApi((path, options) => api(`${base}${path}`, options), "/answer");
}
