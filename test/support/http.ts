import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../src/server/env.ts";

/** A signed-in browser-like client over `app.request`: keeps the cookie and CSRF token. */
export class TestClient {
  cookie = "";
  csrfToken = "";

  constructor(private readonly app: OpenAPIHono<AppEnv>) {}

  async login(email: string, password: string): Promise<Response> {
    const res = await this.request("POST", "/api/auth/login", { email, password });
    if (res.ok) this.csrfToken = ((await res.clone().json()) as { csrfToken: string }).csrfToken;
    return res;
  }

  async request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    const res = await this.app.request(path, {
      method,
      headers: {
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrfToken && method !== "GET" ? { "x-csrf-token": this.csrfToken } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
    });
    const set = res.headers.get("set-cookie");
    const match = set ? /warden_session=([^;]*)/.exec(set) : null;
    if (match) this.cookie = match[1] ? `warden_session=${match[1]}` : "";
    return res;
  }
}
