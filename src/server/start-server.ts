import { type ServerType, serve } from "@hono/node-server";
import type { Config } from "../config.ts";
import { JobQueue } from "../jobs/job-queue.ts";
import { issueSetupToken } from "../services/auth/setup.ts";
import { openRuntime } from "../services/open-runtime.ts";
import { type AppOptions, createApp } from "./app.ts";

export interface RunningServer {
  url: string;
  setupUrl: string | null;
  close(): Promise<void>;
}

/**
 * `warden serve`: opens the runtime, starts the job worker (unless turned off),
 * serves the API and the web UI, and prints the one-time setup link on an empty
 * database.
 */
export async function startServer(
  config: Config,
  options: AppOptions & { print?: (line: string) => void } = {},
): Promise<RunningServer> {
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const runtime = await openRuntime(config);
  let queue: JobQueue | undefined;
  let server: ServerType | undefined;
  let setupUrl: string | null = null;
  try {
    queue = await JobQueue.start(runtime, { work: config.runWorker });
    if (config.runWorker) void queue.warmUp();
    // Issued before listening, so the link is printed before the first request is answered.
    const token = await issueSetupToken(runtime);
    setupUrl = token ? `${config.publicUrl}/setup?token=${token}` : null;
    const app = createApp(runtime, options);
    server = await new Promise<ServerType>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
      s.once("error", reject);
    });
  } catch (error) {
    await queue?.stop().catch(() => {});
    await runtime.close();
    throw error;
  }
  const url = config.publicUrl;
  print(
    `Warden is running at ${url} (database: ${runtime.store.engine === "pglite" ? `embedded, in ${config.dataDir}` : "PostgreSQL"})`,
  );
  if (setupUrl) {
    print("No admin exists yet. Open this one-time link to create the first admin:");
    print(`  ${setupUrl}`);
  }
  let closing: Promise<void> | undefined;
  return {
    url,
    setupUrl,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => server?.close(() => resolve()));
        await queue?.stop().catch(() => {});
        await runtime.close();
      })();
      return closing;
    },
  };
}
