export interface ApiSession {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
}

/**
 * Signs in over HTTP (cookie + CSRF token), for tests that need data in place
 * before the browser part starts.
 *
 * @example
 * const admin = await apiSession(warden.url, { email, password });
 * await admin.post("/api/users", { email: "s@example.test", name: "Sec", role: "security", password });
 */
export async function apiSession(
  baseUrl: string,
  credentials: { email: string; password: string },
): Promise<ApiSession> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify(credentials),
  });
  if (!login.ok)
    throw new Error(`Sign-in as ${credentials.email} failed: ${login.status} ${await login.text()}`);
  const { csrfToken, restriction } = (await login.json()) as { csrfToken: string; restriction?: string };
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  if (restriction === "change_password") {
    // An admin set this password: the account must change it first. It keeps the same one, so
    // that the test's credentials stay valid (a person would choose a new one).
    const changed = await fetch(`${baseUrl}/api/auth/password`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, origin: baseUrl, "x-csrf-token": csrfToken },
      body: JSON.stringify({ currentPassword: credentials.password, newPassword: credentials.password }),
    });
    if (!changed.ok) throw new Error(`Password change of ${credentials.email} failed: ${changed.status}`);
  }

  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        cookie,
        origin: baseUrl,
        "x-csrf-token": csrfToken,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? null : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} failed: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return { get: (path) => call("GET", path), post: (path, body) => call("POST", path, body) };
}
