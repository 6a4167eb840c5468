import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..", "..");
const SETUP_LINK = /(https?:\/\/\S+\/setup\?token=\S+)/;

export interface WardenProcess {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  /** The one-time setup link, when the database was empty. */
  setupUrl: string | null;
  /** Everything the process wrote so far (stdout and stderr), for failure messages. */
  output(): string;
  /** Stops gracefully (SIGTERM, then SIGKILL after 10 s) and waits for exit. */
  stop(): Promise<void>;
  /** Kills with SIGKILL, as a crash would. */
  kill(): Promise<void>;
}

/** A port the OS says is free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port")),
      );
    });
  });
}

/**
 * Starts `warden serve` as a real child process (node with the tsx loader: one
 * process, so a signal reaches Warden itself) on a free loopback port, and waits
 * until it answers /api/health, and, when `expectSetupLink`, until it printed the
 * setup link. The one harness for the crash test and the browser tests.
 */
export async function startWardenProcess(
  env: Record<string, string>,
  options: { timeoutMs?: number; expectSetupLink?: boolean; port?: number } = {},
): Promise<WardenProcess> {
  // A port chosen beforehand lets a counterpart (an identity provider) know Warden's address first.
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const { child, output, stopWith } = spawnWarden("serve", {
    WARDEN_PUBLIC_URL: url,
    ...env,
    PORT: String(port),
    HOST: "127.0.0.1",
  });
  const setupUrl = () => SETUP_LINK.exec(output())?.[1] ?? null;
  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`warden serve exited early (${child.exitCode}):\n${output()}`);
    if ((await isHealthy(url)) && (!options.expectSetupLink || setupUrl())) break;
    if (Date.now() > deadline) {
      await stopWith("SIGKILL");
      throw new Error(`warden serve was not ready in time:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    url,
    setupUrl: setupUrl(),
    output,
    stop: () => stopWith("SIGTERM"),
    kill: () => stopWith("SIGKILL"),
  };
}

/**
 * Starts `warden worker` (background jobs only, PostgreSQL) as a real child process and waits
 * until it says it runs.
 */
export async function startWardenWorker(
  env: Record<string, string>,
  options: { timeoutMs?: number } = {},
): Promise<Omit<WardenProcess, "url" | "setupUrl">> {
  const { child, output, stopWith } = spawnWarden("worker", env);
  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  while (!output().includes("Warden worker running")) {
    if (child.exitCode !== null)
      throw new Error(`warden worker exited early (${child.exitCode}):\n${output()}`);
    if (Date.now() > deadline) {
      await stopWith("SIGKILL");
      throw new Error(`warden worker was not ready in time:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return { output, stop: () => stopWith("SIGTERM"), kill: () => stopWith("SIGKILL") };
}

/** node with the tsx loader running one warden command: one process, so a signal reaches Warden itself. */
function spawnWarden(command: string, env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "src", "cli", "main.ts"), command], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.setEncoding("utf8").on("data", (d: string) => {
    out += d;
  });
  child.stderr?.setEncoding("utf8").on("data", (d: string) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const stopWith = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return { child, output: () => out, stopWith };
}

async function isHealthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
    return res.ok && ((await res.json()) as { ok?: boolean }).ok === true;
  } catch {
    return false;
  }
}
