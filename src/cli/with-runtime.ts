import { userInfo } from "node:os";
import type { Actor } from "../domain/roles.ts";
import type { ServiceContext } from "../services/context.ts";

/**
 * Runs a CLI command against the database named by the environment. Whoever can
 * run the CLI on the data folder or with DATABASE_URL operates Warden: the CLI
 * acts as the system, and the audit log names the operating-system user.
 */
export async function withRuntime<T>(work: (ctx: ServiceContext) => Promise<T>): Promise<T> {
  // Loaded here, not at the top: `warden --help` and the stand-alone engine commands never open a database.
  const [{ default: pino }, { loadConfig }, { openRuntime }] = await Promise.all([
    import("pino"),
    import("../config.ts"),
    import("../services/open-runtime.ts"),
  ]);
  const runtime = await openRuntime(loadConfig(), { log: pino({ level: process.env.LOG_LEVEL ?? "warn" }) });
  try {
    return await work({ runtime, actor: cliActor() });
  } finally {
    await runtime.close();
  }
}

export function cliActor(): Actor {
  let name = "unknown";
  try {
    name = userInfo().username;
  } catch {
    // No passwd entry (some containers): keep "unknown".
  }
  return { kind: "system", id: null, label: `cli:${name}`, role: "system", vendorId: null };
}
