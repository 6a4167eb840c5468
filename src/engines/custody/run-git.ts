import { type ChildProcess, spawn } from "node:child_process";
import { WardenError } from "../../domain/errors.ts";

/** Which transports a git call may use. https and ssh are always allowed. */
export interface GitTransportPolicy {
  /** `file://` and local paths (default false: a remote fetch must not read our own disk). */
  allowFile?: boolean;
  /** Unauthenticated `git://` (git daemon), only ever for loopback hosts. */
  allowGitDaemon?: boolean;
}

export interface GitCallOptions extends GitTransportPolicy {
  /** Directory the command runs in (`-C`). */
  cwd?: string;
  /** Wall-time limit; the whole process group is killed when it expires. */
  timeoutMs?: number;
  /** Extra environment (credentials travel here, never in argv or on disk). */
  env?: Record<string, string>;
  /** Bytes written to stdin, then stdin is closed. */
  input?: string | Buffer;
  /** Refuse stdout beyond this size (default 64 MiB). */
  maxOutputBytes?: number;
}

export interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

const DEFAULT_TIMEOUT_MS = 10 * 60_000;
const MAX_STDERR = 64 * 1024;

/**
 * The configuration every git call carries: hooks off, every protocol refused unless named here,
 * no automatic gc (it could prune objects of a ref we are about to preserve), no fsmonitor.
 */
export function gitSafetyConfig(policy: GitTransportPolicy = {}): string[] {
  const pairs: Array<[string, string]> = [
    ["core.hooksPath", "/dev/null"],
    ["core.fsmonitor", "false"],
    ["protocol.allow", "never"],
    ["protocol.https.allow", "always"],
    ["protocol.ssh.allow", "always"],
    ["protocol.file.allow", policy.allowFile ? "always" : "never"],
    ["protocol.git.allow", policy.allowGitDaemon ? "always" : "never"],
    ["gc.auto", "0"],
    ["maintenance.auto", "false"],
    ["credential.helper", ""],
    ["core.quotePath", "false"],
    // Credentials travel as an extra header: a redirect must not carry them to another host.
    ["http.followRedirects", "false"],
  ];
  return pairs.flatMap(([key, value]) => ["-c", `${key}=${value}`]);
}

/** The environment of a git child: inherited git variables removed so a caller's GIT_DIR cannot redirect us. */
export function gitEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith("GIT_")) env[key] = value;
  }
  return {
    ...env,
    GIT_TERMINAL_PROMPT: "0",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_ASKPASS: "/bin/false",
    SSH_ASKPASS: "/bin/false",
    GIT_SSH_COMMAND: "ssh -o BatchMode=yes -o StrictHostKeyChecking=accept-new",
    LC_ALL: "C",
    ...extra,
  };
}

/** Starts git with the safety configuration; the caller owns the streams. */
export function spawnGit(args: readonly string[], options: GitCallOptions = {}): ChildProcess {
  const fullArgs = [...gitSafetyConfig(options), ...(options.cwd ? ["-C", options.cwd] : []), ...args];
  return spawn("git", fullArgs, {
    env: gitEnvironment(options.env),
    stdio: ["pipe", "pipe", "pipe"],
    // Its own process group, so a timeout can kill ssh and upload-pack children too.
    detached: true,
  });
}

/** Kills a detached child and everything it started. */
export function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    child.kill("SIGKILL");
  }
}

/**
 * Runs git and collects its output. Never throws for a non-zero exit (the caller decides what it means);
 * throws `timeout` when the wall-time limit expires and `too_large` when stdout exceeds its bound.
 *
 * @example
 * const { code, stdout } = await runGit(["rev-parse", "--verify", "--end-of-options", "HEAD^{commit}"], { cwd: mirrorDir });
 */
export function runGit(args: readonly string[], options: GitCallOptions = {}): Promise<GitResult> {
  const maxOut = options.maxOutputBytes ?? 64 * 1024 * 1024;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    const child = spawnGit(args, options);
    const out: Buffer[] = [];
    let outBytes = 0;
    let stderr = "";
    let failure: WardenError | undefined;
    const timer = setTimeout(() => {
      failure = new WardenError(
        "timeout",
        `git ${args[0] ?? ""} did not finish within ${Math.round(timeoutMs / 1000)} s and was stopped. Check the repository is reachable, or raise the time limit.`,
      );
      killGroup(child);
    }, timeoutMs);
    child.stdout?.on("data", (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > maxOut) {
        if (!failure) {
          failure = new WardenError(
            "too_large",
            `git ${args[0] ?? ""} produced more than ${maxOut} bytes of output; refused.`,
          );
          killGroup(child);
        }
        return;
      }
      out.push(chunk);
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      if (stderr.length < MAX_STDERR) stderr += chunk.toString("utf8");
    });
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(
        new WardenError("unavailable", `Could not start git: ${error.message}. Install git 2.39 or later.`),
      );
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (failure) reject(failure);
      else resolve({ code: code ?? -1, stdout: Buffer.concat(out), stderr: stderr.slice(0, MAX_STDERR) });
    });
    child.stdin?.on("error", () => {
      // git may exit before reading all of stdin; the exit code says what happened.
    });
    if (options.input !== undefined) child.stdin?.end(options.input);
    else child.stdin?.end();
  });
}

/** Runs git and returns stdout as text, throwing a WardenError with git's own message on failure. */
export async function gitText(
  args: readonly string[],
  options: GitCallOptions & { errorCode?: "not_found" | "invalid_input" | "unavailable" | "integrity" } = {},
): Promise<string> {
  const result = await runGit(args, options);
  if (result.code !== 0) {
    throw new WardenError(
      options.errorCode ?? "unavailable",
      `git ${args[0] ?? ""} failed: ${firstLines(result.stderr)}`,
    );
  }
  return result.stdout.toString("utf8");
}

/** The first lines of git's stderr, for an error message a person can act on. */
export function firstLines(text: string, lines = 3): string {
  const picked = text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .slice(0, lines)
    .join(" / ");
  return picked.length > 0 ? picked : "no message from git";
}
