import { type RespondentApi, respondentApi } from "../answering/respondent-api.ts";
import { ApiError } from "../api/api-client.ts";

/** The header the public questionnaire routes read the link's token from. */
const LINK_HEADER = "x-questionnaire-link";

/** An API call made with a questionnaire link's token instead of a session. */
export async function linkApi<T>(
  token: string,
  path: string,
  options: { method?: "GET" | "PUT" | "POST"; body?: unknown } = {},
): Promise<T> {
  const form = options.body instanceof FormData;
  let response: Response;
  try {
    response = await fetch(`/api/questionnaire-link${path}`, {
      method: options.method ?? "GET",
      headers: {
        [LINK_HEADER]: token,
        accept: "application/json, application/problem+json",
        ...(options.body !== undefined && !form ? { "content-type": "application/json" } : {}),
      },
      body:
        options.body === undefined ? null : form ? (options.body as FormData) : JSON.stringify(options.body),
      credentials: "omit",
    });
  } catch {
    throw new ApiError({
      status: 0,
      code: "network",
      detail: "Warden could not be reached. Check your connection and try again.",
    });
  }
  const text = await response.text();
  const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  if (response.ok) return body as T;
  throw new ApiError({
    status: response.status,
    code: typeof body.code === "string" ? body.code : `http_${response.status}`,
    detail: typeof body.detail === "string" ? body.detail : `The server answered ${response.status}.`,
    problem: body,
  });
}

/** The answering actions of a link holder (or a colleague's section link): every call carries the token. */
export function linkRespondentApi(token: string): RespondentApi {
  return respondentApi((path, options) => linkApi(token, path, options));
}
