import { ApiError } from "../api/api-client.ts";

/** The header the public questionnaire routes read the link's token from. */
const LINK_HEADER = "x-questionnaire-link";

export interface LinkProblem {
  question: string | null;
  message: string;
}

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

/** The per-question problems of a refused save or submission. */
export function questionProblems(error: ApiError): LinkProblem[] {
  const errors = error.problem.errors;
  if (!Array.isArray(errors)) return [];
  return errors.filter(
    (e): e is LinkProblem =>
      typeof e === "object" && e !== null && typeof (e as LinkProblem).message === "string",
  );
}
