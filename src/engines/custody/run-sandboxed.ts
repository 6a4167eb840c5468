import { spawn, spawnSync } from "node:child_process";
import { randomInt } from "node:crypto";
import { existsSync, lstatSync, readlinkSync, statSync } from "node:fs";
import { isAbsolute } from "node:path";
import { WardenError } from "../../domain/errors.ts";
import { formatBytes } from "../../domain/format-bytes.ts";

export interface SandboxLimits {
  /** Wall time for each command; the whole sandbox is killed when it expires. */
  wallTimeMs: number;
  /** CPU seconds (RLIMIT_CPU). */
  cpuSeconds?: number;
  /** Address-space bytes (RLIMIT_AS). */
  memoryBytes?: number;
  /** Largest file a command may write (RLIMIT_FSIZE). */
  fileBytes?: number;
  /** Processes and threads the command may run at once (RLIMIT_NPROC, counted for the sandbox's own user). */
  processes?: number;
  /** Size of the sandbox's /tmp, a tmpfs held in the host's memory. */
  tmpBytes?: number;
  /** Bytes the command may add to the work copy on the host's disk; watched while it runs. */
  workDiskBytes?: number;
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

/** A limit that ended a run. */
export type SandboxLimitName =
  | "wall_time"
  | "cpu_time"
  | "memory"
  | "file_size"
  | "processes"
  | "tmp_space"
  | "work_disk";

export interface SandboxRun {
  command: string;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  /**
   * The limit that ended the run, when one did: the wall time and the work copy's disk use are
   * watched from outside (the run is killed); the others are read from how the command died or
   * what it printed (a killed signal, "Cannot fork", "No space left on device").
   */
  limitHit: SandboxLimitName | null;
  durationMs: number;
  /** stdout and stderr interleaved, bounded (the middle is cut when too long). */
  output: string;
  outputTruncated: boolean;
}

export interface SandboxInfo {
  kind: "bwrap";
  /** How CPU, memory, file-size and process limits are enforced. */
  limits: "prlimit";
  /**
   * Who the command runs as. `own-user`: Warden runs as root, so each run gets a user id of its own
   * (the kernel exempts root from RLIMIT_NPROC; a fresh id makes the process limit count only this
   * run's processes). `caller`: Warden's own unprivileged user, mapped to nobody in a user
   * namespace; the process limit then also counts Warden's own threads.
   */
  user: "own-user" | "caller";
  /** cgroup v2 is detected but not used yet: rlimits apply per process, not to the whole tree. */
  cgroupV2Available: boolean;
}

/** Limits that apply when the caller gives none. */
export const DEFAULT_SANDBOX_LIMITS = {
  processes: 1024,
  fileBytes: 1024 ** 3,
  tmpBytes: 512 * 1024 ** 2,
  workDiskBytes: 4 * 1024 ** 3,
} as const;

const DEFAULT_OUTPUT = 256 * 1024;
// Run user ids come from this range, far above any account's: a collision is harmless (two runs share a process count).
const RUN_UID_MIN = 2_000_000_000;
const RUN_UID_SPAN = 100_000_000;
const DISK_POLL_MS = 500;
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

const runsAsRoot = () => process.getuid?.() === 0;

/**
 * Finds how vendor code can be isolated here: bubblewrap (no network, private mount, pid, ipc and
 * uts namespaces, only system directories visible, read-only, the work copy the only writable
 * place) and util-linux's prlimit (and setpriv when Warden runs as root). Throws `unavailable`
 * when it cannot run: vendor code is never run without it. A bare `unshare` does not count: it
 * would cut the network but leave the host's files, Warden's data folder and its key included,
 * readable and writable by a delivery's build script.
 */
export function detectSandbox(): SandboxInfo {
  if (detected) return detected;
  const cgroupV2Available = existsSync("/sys/fs/cgroup/cgroup.controllers");
  const asRoot = runsAsRoot();
  const probe = [...(asRoot ? setprivArgs(process.getuid?.() ?? 0) : []), "true"];
  const bwrap = spawnSync("bwrap", [...bwrapArgs("/tmp", "/tmp", asRoot, 1024 ** 2), "--", ...probe], {
    timeout: 10_000,
    encoding: "utf8",
  });
  if (bwrap.status === 0) {
    detected = { kind: "bwrap", limits: "prlimit", user: asRoot ? "own-user" : "caller", cgroupV2Available };
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

/**
 * The bubblewrap command line: system directories read-only, the work copy the only writable
 * place, a /tmp of `tmpBytes`. As root, bubblewrap makes no user namespace (setpriv then drops to
 * the run's own user, without capabilities); otherwise the caller is mapped to nobody.
 */
function bwrapArgs(
  workDir: string,
  inside: string,
  asRoot: boolean,
  tmpBytes: number,
  readOnlyPaths: readonly string[] = [],
): string[] {
  const args = [
    "--die-with-parent",
    ...(asRoot
      ? ["--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try"]
      : ["--unshare-all", "--uid", "65534", "--gid", "65534"]),
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
  args.push(...openParents(["/etc/x"]));
  for (const path of ETC_FILES) args.push("--ro-bind-try", path, path);
  args.push(
    "--perms",
    "1777",
    "--size",
    String(Math.floor(tmpBytes)),
    "--tmpfs",
    "/tmp",
    "--proc",
    "/proc",
    "--dev",
    "/dev",
    // After the /tmp tmpfs, so a folder under /tmp stays visible.
    ...openParents(readOnlyPaths),
    ...readOnlyPaths.flatMap((path) => ["--ro-bind", path, path]),
    ...openParents([inside]),
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

/**
 * Creates the folders above each mount point as 0755: bubblewrap, run by root, would make them
 * 0700, which the run's own user could not pass through.
 */
function openParents(paths: readonly string[]): string[] {
  const parents = new Set<string>();
  for (const path of paths) {
    const parts = path.split("/").filter(Boolean);
    for (let depth = 1; depth < parts.length; depth++) parents.add(`/${parts.slice(0, depth).join("/")}`);
  }
  return [...parents].flatMap((dir) => ["--perms", "0755", "--dir", dir]);
}

/** Drops root inside the sandbox to `uid`: no groups, no capabilities, no way back. */
function setprivArgs(uid: number): string[] {
  return [
    "setpriv",
    `--reuid=${uid}`,
    `--regid=${uid}`,
    "--clear-groups",
    "--bounding-set=-all",
    "--inh-caps=-all",
    "--no-new-privs",
    "--",
  ];
}

function rlimitArgs(limits: SandboxLimits): string[] {
  const args = ["prlimit"];
  if (limits.cpuSeconds !== undefined) args.push(`--cpu=${Math.max(1, Math.ceil(limits.cpuSeconds))}`);
  if (limits.memoryBytes !== undefined) args.push(`--as=${Math.floor(limits.memoryBytes)}`);
  args.push(`--fsize=${Math.floor(limits.fileBytes ?? DEFAULT_SANDBOX_LIMITS.fileBytes)}`);
  args.push(`--nproc=${Math.floor(limits.processes ?? DEFAULT_SANDBOX_LIMITS.processes)}`);
  args.push("--");
  return args;
}

/** Gives a folder tree to `uid:gid` without following its symbolic links (a work copy may hold hostile ones). */
function chownTree(dir: string, uid: number, gid: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("chown", ["-R", "-P", "-h", `${uid}:${gid}`, "--", dir], { stdio: "ignore" });
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0
        ? resolve()
        : reject(new WardenError("unavailable", `chown of the work copy failed (${code}).`)),
    );
  });
}

/** Disk use of a folder tree in bytes (`du`, physical, one file system), or null when it cannot be read. */
function diskUse(dir: string): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn("du", ["-s", "-x", "-B1", "--", dir], { stdio: ["ignore", "pipe", "ignore"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
    });
    child.on("error", () => resolve(null));
    child.on("close", () => {
      const bytes = Number.parseInt(out, 10);
      resolve(Number.isFinite(bytes) ? bytes : null);
    });
  });
}

/** The limit a finished command most likely died of, read from its signal, exit code and output. */
function limitFromExit(
  exitCode: number | null,
  signal: string | null,
  output: string,
): SandboxLimitName | null {
  if (signal === "SIGXCPU" || exitCode === 128 + 24 || /CPU time limit exceeded/.test(output))
    return "cpu_time";
  if (signal === "SIGXFSZ" || exitCode === 128 + 25 || /File size limit exceeded|EFBIG/.test(output))
    return "file_size";
  // Failed forks are named even when the command ends well: the suite ran short of processes.
  if (
    /Cannot fork|fork: (retry|Resource temporarily unavailable)|EAGAIN.*(spawn|fork)|can't fork/i.test(output)
  )
    return "processes";
  if (exitCode === 0) return null;
  if (/No space left on device|ENOSPC/.test(output)) return "tmp_space";
  if (/Cannot allocate memory|ENOMEM|out of memory|heap out of memory/i.test(output)) return "memory";
  return null;
}

/**
 * Which limit ended a run: the one it was killed for, except that a run killed at the wall time
 * while it could not start processes was held by the process limit (a contained fork bomb).
 */
function limitHit(
  killedFor: SandboxLimitName | null,
  exitCode: number | null,
  signal: string | null,
  output: string,
): SandboxLimitName | null {
  const fromExit = limitFromExit(exitCode, signal, output);
  if (killedFor === "wall_time" && fromExit === "processes") return "processes";
  return killedFor ?? fromExit;
}

/** A sentence naming the limit that ended a run, for verdicts and logs. */
export function describeLimit(limit: SandboxLimitName, limits: SandboxLimits): string {
  switch (limit) {
    case "wall_time":
      return `killed at the ${Math.round(limits.wallTimeMs / 1000)} s wall-time limit`;
    case "cpu_time":
      return `stopped at the ${limits.cpuSeconds ?? "?"} s CPU-time limit`;
    case "memory":
      return `ran out of its ${limits.memoryBytes ? formatBytes(limits.memoryBytes) : ""} memory limit`;
    case "file_size":
      return `stopped at the ${formatBytes(limits.fileBytes ?? DEFAULT_SANDBOX_LIMITS.fileBytes)} file-size limit`;
    case "processes":
      return `could not start more processes: the limit is ${limits.processes ?? DEFAULT_SANDBOX_LIMITS.processes} at once`;
    case "tmp_space":
      return `filled its ${formatBytes(limits.tmpBytes ?? DEFAULT_SANDBOX_LIMITS.tmpBytes)} of temporary space (/tmp) or the disk`;
    case "work_disk":
      return `killed for writing more than ${formatBytes(limits.workDiskBytes ?? DEFAULT_SANDBOX_LIMITS.workDiskBytes)} into the work copy`;
  }
}

/**
 * Runs one configured shell command (the engagement's, e.g. `npm ci && npm test`) inside the sandbox,
 * in `workDir`, with no network and the given limits. Never throws for the command's own failure:
 * the result says how it ended, including `timedOut` when the wall-time limit killed it and
 * `limitHit` for whichever limit ended it.
 *
 * @example
 * const run = await runSandboxed("npm test", "/tmp/work-copy", { wallTimeMs: 600_000, cpuSeconds: 600, memoryBytes: 4 * 2 ** 30 });
 * if (run.limitHit) console.log(describeLimit(run.limitHit, limits));
 */
export async function runSandboxed(
  command: string,
  workDir: string,
  limits: SandboxLimits,
  options: SandboxOptions = {},
): Promise<SandboxRun> {
  const sandbox = detectSandbox();
  const readOnlyPaths = (options.readOnlyPaths ?? []).map((path) => {
    if (!isAbsolute(path) || !existsSync(path) || path.split("/").includes("..")) {
      throw new WardenError(
        "invalid_input",
        `Sandbox read-only path '${path}' must be an existing absolute path without '..'.`,
      );
    }
    return path;
  });
  const asRoot = sandbox.user === "own-user";
  const owner = statSync(workDir);
  const runUid = RUN_UID_MIN + randomInt(RUN_UID_SPAN);
  if (asRoot) await chownTree(workDir, runUid, runUid);
  const shell = [...(asRoot ? setprivArgs(runUid) : []), ...rlimitArgs(limits), "/bin/sh", "-c", command];
  const tmpBytes = limits.tmpBytes ?? DEFAULT_SANDBOX_LIMITS.tmpBytes;
  const args = [...bwrapArgs(workDir, WORK_INSIDE, asRoot, tmpBytes, readOnlyPaths), "--", ...shell];
  const maxOutput = limits.maxOutputBytes ?? DEFAULT_OUTPUT;
  const diskBefore = (await diskUse(workDir)) ?? 0;
  const diskCap = diskBefore + (limits.workDiskBytes ?? DEFAULT_SANDBOX_LIMITS.workDiskBytes);
  const started = performance.now();
  try {
    return await new Promise((resolve) => {
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
      let killedFor: SandboxLimitName | null = null;
      const kill = (limit: SandboxLimitName) => {
        killedFor ??= limit;
        if (child.pid === undefined) return;
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          child.kill("SIGKILL");
        }
      };
      const timer = setTimeout(() => kill("wall_time"), limits.wallTimeMs);
      let finished = false;
      const watchDisk = async () => {
        while (!finished) {
          await new Promise((wake) => setTimeout(wake, DISK_POLL_MS));
          if (finished) return;
          const used = await diskUse(workDir);
          if (used !== null && used > diskCap) {
            kill("work_disk");
            return;
          }
        }
      };
      void watchDisk();
      const finish = (exitCode: number | null, signal: string | null, extra = "") => {
        finished = true;
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
          timedOut: killedFor === "wall_time",
          limitHit: limitHit(killedFor, exitCode, signal, output),
          durationMs: Math.round(performance.now() - started),
          output,
          outputTruncated: truncated,
        });
      };
      child.on("error", (error) => finish(null, null, `\nsandbox failed to start: ${error.message}`));
      child.on("close", (code, signal) => finish(code, signal));
    });
  } finally {
    // Back to its owner, so that git and the scans read the work copy as before.
    if (asRoot) await chownTree(workDir, owner.uid, owner.gid);
  }
}
