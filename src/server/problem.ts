import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { isWardenError, type WardenErrorCode } from "../domain/errors.ts";
import { REQUEST_ID_HEADER } from "./middleware/request-id/index.ts";

const statusByCode: Record<WardenErrorCode, ContentfulStatusCode> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gate_blocked: 409,
  too_large: 413,
  unsupported: 415,
  rate_limited: 429,
  unavailable: 503,
  timeout: 504,
  integrity: 500,
};

const titleByCode: Record<WardenErrorCode, string> = {
  invalid_input: "Invalid input",
  unauthenticated: "Sign-in required",
  forbidden: "Not allowed",
  not_found: "Not found",
  conflict: "Conflict",
  gate_blocked: "Blocked by a control",
  too_large: "Too large",
  unsupported: "Unsupported",
  rate_limited: "Too many requests",
  unavailable: "Unavailable",
  timeout: "Timed out",
  integrity: "Integrity error",
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  [extension: string]: unknown;
}

/**
 * The one place where errors become HTTP responses: RFC 9457 problem+json with a
 * stable `code` and the request's id (also in `X-Request-Id`). Unknown errors are logged
 * with their stack, method, path and request id, and shown only as an opaque internal
 * error naming that id: no stack trace or SQL ever reaches a client.
 */
export function problemResponse(c: Context, error: unknown): Response {
  // Errors thrown before the request-id middleware ran still get an id of their own.
  const requestId = (get(c, "requestId") as string | undefined) ?? crypto.randomUUID();
  let problem: Problem;
  if (isWardenError(error)) {
    problem = {
      type: `/problems/${error.code}`,
      title: titleByCode[error.code],
      status: statusByCode[error.code],
      detail: error.message,
      code: error.code,
      ...(error.details ?? {}),
    };
    if (error.code === "rate_limited" && typeof error.details?.retryAfterSeconds === "number") {
      c.header("Retry-After", String(error.details.retryAfterSeconds));
    }
  } else if (isHttpStatusError(error) && error.status === 413) {
    problem = problemFor(413, "too_large", "The request body is larger than the limit for this endpoint.");
  } else if (isHttpStatusError(error) && error.status < 500) {
    problem = problemFor(
      error.status,
      "invalid_input",
      error.message || "The request could not be understood.",
    );
  } else {
    const runtime = get(c, "runtime") as { log: { error: (o: object, m: string) => void } } | undefined;
    runtime?.log.error({ err: error, requestId, method: c.req.method, path: c.req.path }, "unexpected error");
    problem = problemFor(
      500,
      "internal",
      `Something went wrong on our side (request id ${requestId}). It was logged; try again or tell an admin.`,
    );
  }
  problem.requestId = requestId;
  const headers = new Headers(c.res.headers);
  headers.set(REQUEST_ID_HEADER, requestId);
  headers.set("content-type", "application/problem+json");
  return new Response(JSON.stringify(problem), { status: problem.status, headers });
}

function problemFor(status: number, code: string, detail: string): Problem {
  return { type: `/problems/${code}`, title: code.replace(/_/g, " "), status, detail, code };
}

function get(c: Context, key: string): unknown {
  return (c.get as (k: string) => unknown)(key);
}

function isHttpStatusError(error: unknown): error is { status: number; message: string } {
  return (
    typeof error === "object" && error !== null && typeof (error as { status?: unknown }).status === "number"
  );
}
