import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startWardenProcess } from "../../support/warden-process.ts";

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
  /** Listen on this port (from `freePort()`), when its address must be known before it starts. */
  port?: number;
}

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
  try {
    const server = await startWardenProcess(
      { WARDEN_DATA_DIR: dataDir, ...options.env },
      {
        timeoutMs: options.timeoutMs ?? 60_000,
        expectSetupLink: ownsDataDir,
        ...(options.port ? { port: options.port } : {}),
      },
    );
    return {
      url: server.url,
      setupUrl: server.setupUrl,
      dataDir,
      output: server.output,
      async stop() {
        await server.stop();
        if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

export { freePort } from "../../support/warden-process.ts";
