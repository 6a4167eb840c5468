import { spawn, spawnSync } from "node:child_process";
import { existsSync, lstatSync, readlinkSync } from "node:fs";
import { isAbsolute } from "node:path";
import { WardenError } from "../../domain/errors.ts";

export interface SandboxLimits {
  /** Wall time for each command; the whole sandbox is killed when it expires. */
  wallTimeMs: number;
  /** CPU seconds (RLIMIT_CPU). */
  cpuSeconds?: number;
  /** Address-space bytes (RLIMIT_AS). */
  memoryBytes?: number;
  /** Largest file a command may write (RLIMIT_FSIZE). */
  fileBytes?: number;
  /** Captured output kept per command: the first and the last half of this many bytes. */
  maxOutputBytes?: number;
}

export interface SandboxOptions {
  /**
   * Host folders made visible read-only at the same path (e.g. an offline npm cache for
   * `npm ci --offline`). The rest of the host stays hidden.
   */
  readOnlyPaths?: string[];
}

export interface SandboxRun {
  command: string;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  durationMs: number;
  /** stdout and stderr interleaved, bounded (the middle is cut when too long). */
  output: string;
  outputTruncated: boolean;
}

export interface SandboxInfo {
  kind: "bwrap";
  /** How CPU and memory limits are enforced. */
  limits: "prlimit";
  /** cgroup v2 is detected but not used yet: rlimits apply per process, not to the whole tree. */
  cgroupV2Available: boolean;
}

const DEFAULT_OUTPUT = 256 * 1024;
// Where the work copy appears inside bubblewrap: a path no host folder given read-only would shadow.
const WORK_INSIDE = "/warden/work";
const SANDBOX_PATH = "/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin";
const ETC_FILES = [
  "/etc/alternatives",
  "/etc/ld.so.cache",
  "/etc/ld.so.conf",
  "/etc/ld.so.conf.d",
  "/etc/ssl",
  "/etc/ca-certificates",
  "/etc/localtime",
  "/etc/nsswitch.conf",
  "/etc/passwd",
  "/etc/group",
  "/etc/hosts",
];

let detected: SandboxInfo | undefined;

/**
 * Finds how vendor code can be isolated here: bubblewrap (no network, private mount, pid, ipc and
 * user namespaces, only system directories visible, read-only, the work copy the only writable
 * place). Throws `unavailable` when it cannot run: vendor code is never run without it. A bare
 * `unshare` does not count: it would cut the network but leave the host's files, Warden's data
 * folder and its key included, readable and writable by a delivery's build script.
 */
export function detectSandbox(): SandboxInfo {
  if (detected) return detected;
  const cgroupV2Available = existsSync("/sys/fs/cgroup/cgroup.controllers");
  const bwrap = spawnSync("bwrap", [...bwrapArgs("/tmp", "/tmp"), "--", "true"], {
    timeout: 10_000,
    encoding: "utf8",
  });
  if (bwrap.status === 0) {
    detected = { kind: "bwrap", limits: "prlimit", cgroupV2Available };
    return detected;
  }
  const why =
    bwrap.error && (bwrap.error as NodeJS.ErrnoException).code === "ENOENT"
      ? "bubblewrap (bwrap) is not installed"
      : `bubblewrap (bwrap) cannot create its namespaces here: ${(bwrap.stderr || bwrap.error?.message || "no reason given").trim()}`;
  throw new WardenError(
    "unavailable",
    `No sandbox is available to run delivery commands: ${why}. Install the bubblewrap package (apt-get install bubblewrap) on a host that allows user namespaces; Warden never runs vendor code outside it.`,
  );
}

/** The bubblewrap command line: system directories read-only, the work copy the only writable place. */
function bwrapArgs(workDir: string, inside: string, readOnlyPaths: readonly string[] = []): string[] {
  const args = [
    "--die-with-parent",
    "--unshare-all",
    "--uid",
    "65534",
    "--gid",
    "65534",
    "--new-session",
    "--ro-bind",
    "/usr",
    "/usr",
  ];
  for (const dir of ["/bin", "/sbin", "/lib", "/lib64", "/lib32", "/opt"]) {
    if (!existsSync(dir)) continue;
    const stats = lstatSync(dir);
    if (stats.isSymbolicLink()) args.push("--symlink", readlinkSync(dir), dir);
    else args.push("--ro-bind", dir, dir);
  }
  for (const path of ETC_FILES) args.push("--ro-bind-try", path, path);
  args.push(
    "--tmpfs",
    "/tmp",
    "--proc",
    "/proc",
    "--dev",
    "/dev",
    // After the /tmp tmpfs, so a folder under /tmp stays visible.
    ...readOnlyPaths.flatMap((path) => ["--ro-bind", path, path]),
    "--bind",
    workDir,
    inside,
    "--chdir",
    inside,
    "--clearenv",
    "--setenv",
    "PATH",
    SANDBOX_PATH,
    "--setenv",
    "HOME",
    inside,
    "--setenv",
    "TMPDIR",
    "/tmp",
    "--setenv",
    "CI",
    "true",
    "--setenv",
    "LANG",
    "C.UTF-8",
  );
  return args;
}

function rlimitArgs(limits: SandboxLimits): string[] {
  const args = ["prlimit"];
  if (limits.cpuSeconds !== undefined) args.push(`--cpu=${Math.max(1, Math.ceil(limits.cpuSeconds))}`);
  if (limits.memoryBytes !== undefined) args.push(`--as=${Math.floor(limits.memoryBytes)}`);
  if (limits.fileBytes !== undefined) args.push(`--fsize=${Math.floor(limits.fileBytes)}`);
  args.push("--");
  return args;
}

/**
 * Runs one configured shell command (the engagement's, e.g. `npm ci && npm test`) inside the sandbox,
 * in `workDir`, with no network and the given limits. Never throws for the command's own failure:
 * the result says how it ended, including `timedOut` when the wall-time limit killed it.
 *
 * @example
 * const run = await runSandboxed("npm test", "/tmp/work-copy", { wallTimeMs: 600_000, cpuSeconds: 600, memoryBytes: 4 * 2 ** 30 });
 * if (run.timedOut) console.log("killed at the limit");
 */
export async function runSandboxed(
  command: string,
  workDir: string,
  limits: SandboxLimits,
  options: SandboxOptions = {},
): Promise<SandboxRun> {
  detectSandbox();
  const readOnlyPaths = (options.readOnlyPaths ?? []).map((path) => {
    if (!isAbsolute(path) || !existsSync(path) || path.split("/").includes("..")) {
      throw new WardenError(
        "invalid_input",
        `Sandbox read-only path '${path}' must be an existing absolute path without '..'.`,
      );
    }
    return path;
  });
  const shell = [...rlimitArgs(limits), "/bin/sh", "-c", command];
  const args = [...bwrapArgs(workDir, WORK_INSIDE, readOnlyPaths), "--", ...shell];
  const maxOutput = limits.maxOutputBytes ?? DEFAULT_OUTPUT;
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn("bwrap", args, {
      cwd: workDir,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {},
    });
    const head: Buffer[] = [];
    let headBytes = 0;
    let tail = Buffer.alloc(0);
    let total = 0;
    const half = Math.floor(maxOutput / 2);
    const collect = (chunk: Buffer) => {
      total += chunk.length;
      if (headBytes < half) {
        const part = chunk.subarray(0, half - headBytes);
        head.push(part);
        headBytes += part.length;
        chunk = chunk.subarray(part.length);
      }
      if (chunk.length > 0) {
        tail = Buffer.concat([tail, chunk]);
        if (tail.length > half) tail = tail.subarray(tail.length - half);
      }
    };
    child.stdout?.on("data", collect);
    child.stderr?.on("data", collect);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          child.kill("SIGKILL");
        }
      }
    }, limits.wallTimeMs);
    const finish = (exitCode: number | null, signal: string | null, extra = "") => {
      clearTimeout(timer);
      const truncated = total > headBytes + tail.length;
      const output =
        Buffer.concat(head).toString("utf8") +
        (truncated ? `\n… ${total - headBytes - tail.length} bytes cut …\n` : "") +
        tail.toString("utf8") +
        extra;
      resolve({
        command,
        exitCode,
        signal,
        timedOut,
        durationMs: Math.round(performance.now() - started),
        output,
        outputTruncated: truncated,
      });
    };
    child.on("error", (error) => finish(null, null, `\nsandbox failed to start: ${error.message}`));
    child.on("close", (code, signal) => finish(code, signal));
  });
}
