import { isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { WardenError } from "../../domain/errors.ts";
import type { GitTransportPolicy } from "./run-git.ts";

export type RepositoryTransport = "https" | "ssh" | "file" | "git";

export interface RepositoryLocation {
  transport: RepositoryTransport;
  /** The URL handed to git: local paths become `file://` URLs so git never takes its hard-linking shortcut. */
  url: string;
  /** The URL safe to show and store (identical here: credentials are never accepted inside it). */
  display: string;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);
const MAX_URL_LENGTH = 2048;

function refuse(reason: string): never {
  throw new WardenError("invalid_input", `Repository URL refused: ${reason}`);
}

/**
 * Parses a vendor repository location into the only forms Warden fetches from: https, ssh
 * (`ssh://` or scp-like `user@host:path`), `file://` and local paths (when allowed), and `git://` on
 * loopback when explicitly allowed. Refuses transport helpers (`ext::`, `fd::`, any `name::`), option
 * injection (leading dashes, `--upload-pack`), control characters and credentials inside the URL.
 *
 * @example
 * validateRepositoryUrl("https://git.example.com/acme/app.git").transport; // "https"
 * validateRepositoryUrl("ext::sh -c touch% /tmp/pwned"); // throws invalid_input
 */
export function validateRepositoryUrl(raw: string, policy: GitTransportPolicy = {}): RepositoryLocation {
  if (typeof raw !== "string" || raw.length === 0) refuse("it is empty. Give an https, ssh or file URL.");
  if (raw.length > MAX_URL_LENGTH) refuse(`it is longer than ${MAX_URL_LENGTH} characters.`);
  if (/[\u0000-\u001f\u007f]/.test(raw)) refuse("it contains control characters.");
  if (raw !== raw.trim()) refuse("it starts or ends with whitespace.");
  if (raw.startsWith("-")) refuse("it starts with '-', which git would read as an option.");
  if (/--upload-pack|--receive-pack|--config|--exec/i.test(raw)) refuse("it carries a git option.");
  // git's remote helpers: "<transport>::<address>" runs an arbitrary helper program (ext:: runs a shell).
  if (/^[A-Za-z][A-Za-z0-9+.-]*::/.test(raw))
    refuse("transport helpers such as 'ext::' or 'fd::' are not allowed.");

  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(raw)?.[1]?.toLowerCase();
  if (scheme !== undefined) return parseSchemeUrl(raw, scheme, policy);

  if (/^[^@/]*:[^@/]*@/.test(raw)) refuse("it embeds a password. Put it in the credentials field instead.");
  // scp-like syntax: [user@]host:path, where no slash comes before the first colon.
  const scp = /^(?:([^@/:\s]+)@)?([^@/:\s]+):(.+)$/.exec(raw);
  if (scp && !isAbsolute(raw)) {
    const [, , host, path] = scp;
    if (!host || !path) refuse("the scp-like address needs a host and a path.");
    if (host.startsWith("-") || path.startsWith("-")) refuse("a host or path starts with '-'.");
    return { transport: "ssh", url: raw, display: raw };
  }

  if (!policy.allowFile) refuse("local paths are not allowed here. Use an https or ssh URL.");
  const absolute = resolve(raw);
  const url = pathToFileURL(absolute).href;
  return { transport: "file", url, display: absolute };
}

function parseSchemeUrl(raw: string, scheme: string, policy: GitTransportPolicy): RepositoryLocation {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    refuse("it is not a well-formed URL.");
  }
  if (parsed.username !== "" && parsed.password !== "") {
    refuse("it embeds credentials. Remove them from the URL and put them in the credentials field instead.");
  }
  switch (scheme) {
    case "https":
      if (parsed.username !== "") {
        refuse("it embeds a user name or token. Put it in the credentials field instead.");
      }
      if (!parsed.hostname) refuse("it has no host.");
      return { transport: "https", url: raw, display: raw };
    case "ssh":
      if (!parsed.hostname) refuse("it has no host.");
      if (parsed.hostname.startsWith("-") || parsed.username.startsWith("-")) {
        refuse("a host or user starts with '-'.");
      }
      return { transport: "ssh", url: raw, display: raw };
    case "file":
      if (!policy.allowFile) refuse("file URLs are not allowed here. Use an https or ssh URL.");
      if (parsed.hostname !== "" && parsed.hostname !== "localhost")
        refuse("a file URL must not name a host.");
      return { transport: "file", url: raw, display: raw };
    case "git":
      if (!policy.allowGitDaemon)
        refuse("the unauthenticated git:// protocol is not allowed. Use https or ssh.");
      if (!LOOPBACK.has(parsed.hostname)) refuse("git:// is only allowed to a loopback address.");
      return { transport: "git", url: raw, display: raw };
    case "http":
      refuse("plain http is not allowed. Use https.");
      break;
    default:
      refuse(`the '${scheme}' scheme is not supported. Use https, ssh or file.`);
  }
}
