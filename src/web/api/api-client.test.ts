import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, api, query, setCsrfToken, setUnauthenticatedHandler } from "./api-client.ts";

type Call = { url: string; init: RequestInit };

function answerWith(response: () => Response): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return response();
  });
  return calls;
}

function problem(
  status: number,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/problem+json", ...headers },
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
  setUnauthenticatedHandler(null);
});

describe("api", () => {
  it("sends the CSRF token on writes and not on reads", async () => {
    const calls = answerWith(() => Response.json({ ok: true }));
    setCsrfToken("csrf-123");
    await api("/api/users");
    await api("/api/users", { method: "POST", body: { name: "A" } });
    const headers = calls.map((c) => c.init.headers as Record<string, string>);
    expect(headers[0]?.["x-csrf-token"]).toBeUndefined();
    expect(headers[1]?.["x-csrf-token"]).toBe("csrf-123");
    expect(headers[1]?.["content-type"]).toBe("application/json");
    expect(calls[1]?.init.body).toBe('{"name":"A"}');
  });

  it("sends a file upload as multipart, not as JSON", async () => {
    const calls = answerWith(() => Response.json({ ok: true }, { status: 201 }));
    setCsrfToken("csrf-123");
    const form = new FormData();
    form.set("file", new Blob(["evidence"]), "report.pdf");
    await api("/api/evidence/1/files", { method: "POST", body: form });
    const headers = calls[0]?.init.headers as Record<string, string>;
    expect(headers["content-type"]).toBeUndefined();
    expect(headers["x-csrf-token"]).toBe("csrf-123");
    expect(calls[0]?.init.body).toBe(form);
  });

  it("turns problem+json into an ApiError with its code, detail and field errors", async () => {
    answerWith(() =>
      problem(400, {
        code: "invalid_input",
        detail: "Invalid input: email: must be an email address.",
        errors: [{ field: "email", message: "must be an email address" }],
      }),
    );
    const error = await api("/api/users", { method: "POST", body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(400);
    expect(apiError.code).toBe("invalid_input");
    expect(apiError.detail).toBe("Invalid input: email: must be an email address.");
    expect(apiError.fieldMessage("email")).toBe("must be an email address");
    expect(apiError.fieldMessage("name")).toBeUndefined();
  });

  it("reads a single named field and the Retry-After of a throttled sign-in", async () => {
    answerWith(() =>
      problem(409, { code: "conflict", detail: "A user with that email exists.", field: "email" }),
    );
    const conflict = (await api("/api/users", { method: "POST", body: {} }).catch((e) => e)) as ApiError;
    expect(conflict.fieldMessage("email")).toBe("A user with that email exists.");

    answerWith(() => problem(429, { code: "rate_limited", detail: "Too many." }, { "retry-after": "120" }));
    const throttled = (await api("/api/auth/login", { method: "POST", body: {} }).catch(
      (e) => e,
    )) as ApiError;
    expect(throttled.code).toBe("rate_limited");
    expect(throttled.retryAfterSeconds).toBe(120);
  });

  it("reports an ended session once, unless the caller expects to be signed out", async () => {
    answerWith(() => problem(401, { code: "unauthenticated", detail: "Sign in." }));
    const ended = vi.fn();
    setUnauthenticatedHandler(ended);
    await api("/api/auth/me", { expectUnauthenticated: true }).catch(() => {});
    expect(ended).not.toHaveBeenCalled();
    await api("/api/users").catch(() => {});
    expect(ended).toHaveBeenCalledTimes(1);
  });

  it("says the server is unreachable when the request cannot be made", async () => {
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("fetch failed");
    });
    const error = (await api("/api/users").catch((e) => e)) as ApiError;
    expect(error.code).toBe("network");
    expect(error.detail).toMatch(/could not be reached/);
  });

  it("returns nothing for 204 and keeps a non-JSON error readable", async () => {
    answerWith(() => new Response(null, { status: 204 }));
    expect(await api("/api/auth/logout", { method: "POST" })).toBeUndefined();
    answerWith(() => new Response("Bad gateway", { status: 502, statusText: "Bad Gateway" }));
    const error = (await api("/api/users").catch((e) => e)) as ApiError;
    expect(error.code).toBe("http_502");
    expect(error.detail).toContain("502");
  });
});

describe("query", () => {
  it("leaves out empty values and encodes the rest", () => {
    expect(query({ q: "a&b", limit: 20, offset: undefined, empty: "" })).toBe("?q=a%26b&limit=20");
    expect(query({ q: "" })).toBe("");
  });
});
