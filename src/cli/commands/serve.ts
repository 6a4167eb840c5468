import type { Command } from "commander";
import { WardenError } from "../../domain/errors.ts";
import { runAction } from "../run-action.ts";

export function registerServeCommands(program: Command): void {
  program
    .command("serve")
    .description("Run the web UI, the API and a job worker (PORT, WARDEN_DATA_DIR, DATABASE_URL)")
    .action(
      runAction(async () => {
        const [{ loadConfig }, { startServer }] = await Promise.all([
          import("../../config.ts"),
          import("../../server/start-server.ts"),
        ]);
        const server = await startServer(loadConfig());
        await untilSignal();
        await server.close();
        return 0;
      }),
    );

  program
    .command("worker")
    .description("Run background jobs only (several workers may share one PostgreSQL)")
    .action(
      runAction(async () => {
        const [{ loadConfig }, { JobQueue }, { openRuntime }] = await Promise.all([
          import("../../config.ts"),
          import("../../jobs/job-queue.ts"),
          import("../../services/open-runtime.ts"),
        ]);
        const config = loadConfig();
        if (!config.databaseUrl) {
          throw new WardenError(
            "unsupported",
            "A separate worker needs PostgreSQL (DATABASE_URL): the embedded database serves one process, and `warden serve` already runs a worker.",
          );
        }
        const runtime = await openRuntime(config);
        const queue = await JobQueue.start(runtime, { work: true });
        void queue.warmUp();
        process.stdout.write("Warden worker running. Stop with Ctrl-C.\n");
        await untilSignal();
        await queue.stop();
        await runtime.close();
        return 0;
      }),
    );
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => resolve();
    process.once("SIGINT", done);
    process.once("SIGTERM", done);
  });
}
