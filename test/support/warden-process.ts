import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..", "..");

export interface WardenProcess {
  url: string;
  /** The one-time setup link, when the database was empty. */
  setupUrl: string | null;
  child: ChildProcess;
  output(): string;
  /** Stops gracefully (SIGTERM) and waits for exit. */
  stop(): Promise<void>;
  /** Kills with SIGKILL, as a crash would. */
  kill(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/**
 * Starts `warden serve` as a real child process on a free port and waits until
 * it answers. Used by the crash test and the browser tests.
 */
export async function startWardenProcess(
  env: Record<string, string>,
  options: { timeoutMs?: number } = {},
): Promise<WardenProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "src", "cli", "main.ts"), "serve"], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "warn", ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = `http://localhost:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`warden serve exited early (${child.exitCode}):\n${out}`);
    if (out.includes("Warden is running at")) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/health`);
        if (res.ok) break;
      } catch {
        // not listening yet
      }
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`warden serve did not start in time:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  // The setup link is printed just after the server starts listening.
  await new Promise((r) => setTimeout(r, 300));
  const setupUrl = /(http:\/\/\S+\/setup\?token=\S+)/.exec(out)?.[1] ?? null;
  return {
    url,
    setupUrl,
    child,
    output: () => out,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
    async kill() {
      if (child.exitCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}
