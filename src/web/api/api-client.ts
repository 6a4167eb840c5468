import type { FieldError } from "./api-types.ts";

/**
 * The one way the web UI talks to the API: JSON in and out, the CSRF header on
 * every write, and RFC 9457 problem+json turned into an {@link ApiError}.
 */

const CSRF_HEADER = "x-csrf-token";
const SAFE_METHODS = new Set(["GET", "HEAD"]);

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

/** Remembers the session's CSRF token (from setup, login or /api/auth/me). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request that needed a session gets 401 (the session ended). */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

/** A failed API call: the problem's stable `code`, its human `detail`, and per-field errors. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly fieldErrors: FieldError[];
  readonly retryAfterSeconds: number | null;
  /** The whole problem body, for extension members such as a blocked gate's `blockers`. */
  readonly problem: Record<string, unknown>;

  constructor(init: {
    status: number;
    code: string;
    detail: string;
    fieldErrors?: FieldError[];
    retryAfterSeconds?: number | null;
    problem?: Record<string, unknown>;
  }) {
    super(init.detail);
    this.name = "ApiError";
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
    this.fieldErrors = init.fieldErrors ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
    this.problem = init.problem ?? {};
  }

  /** The message for one field, if the server named it. */
  fieldMessage(field: string): string | undefined {
    return this.fieldErrors.find((e) => e.field === field)?.message;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** A query string from defined values only (`undefined` and "" are left out). */
export function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

export interface RequestOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  body?: unknown;
  signal?: AbortSignal;
  /** Do not report a 401 as an ended session (sign-in and the session probe). */
  expectUnauthenticated?: boolean;
}

/**
 * Calls the API and returns its JSON (undefined for 204).
 *
 * @example
 * const page = await api<Page<User>>(`/api/users${query({ q, limit: 20 })}`);
 * await api("/api/users", { method: "POST", body: { email, name, role, password } });
 * await api(`/api/evidence/${id}/files`, { method: "POST", body: formData }); // uploads as multipart
 */
export async function api<T = unknown>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = { accept: "application/json, application/problem+json" };
  // Files go as they are (the browser sets the multipart boundary); everything else as JSON.
  const raw = options.body instanceof FormData || options.body instanceof Blob;
  if (options.body !== undefined && !raw) headers["content-type"] = "application/json";
  if (!SAFE_METHODS.has(method) && csrfToken) headers[CSRF_HEADER] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body:
        options.body === undefined
          ? null
          : raw
            ? (options.body as FormData | Blob)
            : JSON.stringify(options.body),
      credentials: "same-origin",
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError({
      status: 0,
      code: "network",
      detail:
        "Warden could not be reached. Check that the server is running and your connection, then try again.",
    });
  }

  if (response.status === 204) return undefined as T;
  const body = await readJson(response);
  if (response.ok) return body as T;

  const error = toApiError(response, body);
  if (error.status === 401 && !options.expectUnauthenticated) onUnauthenticated?.();
  throw error;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function toApiError(response: Response, body: unknown): ApiError {
  const problem = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const fieldErrors: FieldError[] = [];
  if (Array.isArray(problem.errors)) {
    for (const item of problem.errors) {
      if (item && typeof item.field === "string" && typeof item.message === "string") {
        fieldErrors.push({ field: item.field, message: item.message });
      }
    }
  }
  // Single-field problems name the field as an extension member instead of a list.
  if (typeof problem.field === "string" && typeof problem.detail === "string" && fieldErrors.length === 0) {
    fieldErrors.push({ field: problem.field, message: problem.detail });
  }
  const retryHeader = Number(response.headers.get("retry-after"));
  return new ApiError({
    status: response.status,
    code: typeof problem.code === "string" ? problem.code : `http_${response.status}`,
    detail:
      typeof problem.detail === "string"
        ? problem.detail
        : `The server answered ${response.status} ${response.statusText || ""}`.trim(),
    fieldErrors,
    retryAfterSeconds: Number.isFinite(retryHeader) && retryHeader > 0 ? retryHeader : null,
    problem,
  });
}
