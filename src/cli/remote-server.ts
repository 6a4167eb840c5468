import { WardenError } from "../domain/errors.ts";
import { isWardenErrorCode } from "./exit-codes.ts";

/** A running Warden that a command calls over its API instead of opening the database itself. */
export interface RemoteServer {
  url: string;
  /** GETs an API path and parses the JSON answer; a problem+json answer becomes its WardenError. */
  getJson<T>(path: string): Promise<T>;
  /** GETs an API path and returns the body as text (CSV exports). */
  getText(path: string): Promise<string>;
  /** GETs an API path and returns the body as bytes (PDF reports). */
  getBytes(path: string): Promise<Uint8Array>;
}

/**
 * The server named by WARDEN_URL with the API token in WARDEN_TOKEN, or null when
 * neither is set (the command then opens the database). With the embedded
 * database only one process may own the data folder, so a script talks to the
 * server that owns it; the server authorises the token's user as for any client.
 *
 * @example
 * const remote = remoteServer();
 * const page = remote ? await remote.getJson<UserPage>("/api/users") : await withRuntime((ctx) => listUsers(ctx, {}));
 */
export function remoteServer(env: NodeJS.ProcessEnv = process.env): RemoteServer | null {
  const base = env.WARDEN_URL?.trim();
  const token = env.WARDEN_TOKEN?.trim();
  if (!base && !token) return null;
  if (!base || !token) {
    throw new WardenError(
      "invalid_input",
      "Set both WARDEN_URL and WARDEN_TOKEN to work through a running server, or neither to open the database.",
    );
  }
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new WardenError("invalid_input", `WARDEN_URL is not a URL: '${base}'.`);
  }
  const get = async (path: string): Promise<Response> => {
    const target = new URL(path, url);
    let res: Response;
    try {
      res = await fetch(target, { headers: { authorization: `Bearer ${token}` } });
    } catch (error) {
      throw new WardenError(
        "unavailable",
        `Cannot reach Warden at ${url.origin}: ${(error as Error).message}. Is \`warden serve\` running there?`,
      );
    }
    if (res.ok) return res;
    const problem = (await res.json().catch(() => ({}))) as { code?: unknown; detail?: unknown };
    throw new WardenError(
      isWardenErrorCode(problem.code) ? problem.code : "unavailable",
      typeof problem.detail === "string" ? problem.detail : `${target.pathname} answered ${res.status}.`,
    );
  };
  return {
    url: url.origin,
    getJson: async <T>(path: string) => (await (await get(path)).json()) as T,
    getText: async (path: string) => (await get(path)).text(),
    getBytes: async (path: string) => new Uint8Array(await (await get(path)).arrayBuffer()),
  };
}
