import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "./repo-root.ts";

export interface WardenProcess {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  /** The one-time first-admin link printed on an empty database (null if none was printed). */
  setupUrl: string | null;
  dataDir: string;
  /** Everything the process wrote so far (stdout and stderr), for failure messages. */
  output(): string;
  /** Stops the process (SIGTERM, then SIGKILL) and removes a data folder it created. */
  stop(): Promise<void>;
}

export interface StartWardenOptions {
  /** Reuse a data folder (it is then kept on stop). Default: a fresh one under the OS temp dir. */
  dataDir?: string;
  /** Extra environment for the server. */
  env?: Record<string, string>;
  /** How long to wait for the server to answer /api/health. */
  timeoutMs?: number;
}

const SETUP_LINK = /(https?:\/\/\S+\/setup\?token=\S+)/;

/**
 * Starts a real `warden serve` child process on a free loopback port with a
 * throw-away data folder, waits until it is healthy (and, on a fresh folder,
 * until it printed the setup link), and returns how to reach and stop it.
 *
 * @example
 * const warden = await startWarden();
 * await page.goto(warden.setupUrl!);
 * await warden.stop();
 */
export async function startWarden(options: StartWardenOptions = {}): Promise<WardenProcess> {
  const ownsDataDir = !options.dataDir;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), "warden-browser-")));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn("npx", ["tsx", "src/cli/main.ts", "serve"], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      WARDEN_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: "127.0.0.1",
      WARDEN_PUBLIC_URL: url,
      LOG_LEVEL: "warn",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so that stop() also ends the node process npx starts.
    detached: true,
  });

  let output = "";
  let setupUrl: string | null = null;
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
    setupUrl ??= SETUP_LINK.exec(output)?.[1] ?? null;
  });
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const stop = async () => {
    await stopProcessGroup(child, exited);
    if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
  };

  try {
    await waitUntilReady({
      url,
      exited,
      timeoutMs: options.timeoutMs ?? 60_000,
      needSetupLink: ownsDataDir,
      setupLink: () => setupUrl,
      output: () => output,
    });
  } catch (error) {
    await stop();
    throw error;
  }

  return { url, setupUrl, dataDir, output: () => output, stop };
}

async function waitUntilReady(options: {
  url: string;
  exited: Promise<number | null>;
  timeoutMs: number;
  needSetupLink: boolean;
  setupLink(): string | null;
  output(): string;
}): Promise<void> {
  let exitCode: number | null | undefined;
  void options.exited.then((code) => {
    exitCode = code;
  });
  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      throw new Error(`warden serve exited (code ${exitCode}) before it was ready:\n${options.output()}`);
    }
    if (await isHealthy(options.url)) {
      if (!options.needSetupLink || options.setupLink()) return;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`warden serve was not ready within ${options.timeoutMs} ms:\n${options.output()}`);
}

async function isHealthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
    if (!response.ok) return false;
    const body = (await response.json()) as { ok?: boolean };
    return body.ok === true;
  } catch {
    return false;
  }
}

async function stopProcessGroup(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), signal);
    } catch {
      // Already gone.
    }
  };
  signalGroup("SIGTERM");
  const timer = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 10_000));
  if ((await Promise.race([exited, timer])) === "timeout") {
    signalGroup("SIGKILL");
    await exited;
  }
}

/** A port the OS says is free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === "object") resolve(address.port);
        else reject(new Error("Could not find a free port."));
      });
    });
  });
}
