import { isWardenError, WardenError } from "../../domain/errors.ts";
import type { AccountConnector, DisablePlan } from "./account-connector.ts";
import type {
  DisableAccountItem,
  OffboardingRunbook,
  RunbookError,
  RunbookItem,
} from "./offboarding-runbook.ts";

/** What happened to one item in one run. */
export type RunbookItemResult =
  | { itemId: string; outcome: "done"; item: DisableAccountItem }
  | { itemId: string; outcome: "already-done" }
  | { itemId: string; outcome: "skipped"; reason: "dry-run"; plan: DisablePlan }
  | { itemId: string; outcome: "failed"; error: RunbookError }
  | { itemId: string; outcome: "not-run"; reason: string }
  | { itemId: string; outcome: "manual"; state: RunbookItem["state"] };

export interface ExecuteRunbookOptions {
  connectors: readonly AccountConnector[];
  /** Plan every change and report it; write nothing and leave every item as it was. */
  dryRun?: boolean;
  /**
   * Called after each item, before the next one starts, with the runbook as it now stands: persist it
   * here so that a crash loses at most the item in flight (which a re-run redoes idempotently).
   */
  onItem?: (result: RunbookItemResult, runbook: OffboardingRunbook) => void | Promise<void>;
  /** Clock for evidence timestamps. */
  now?: () => Date;
}

export interface ExecuteRunbookResult {
  runbook: OffboardingRunbook;
  results: RunbookItemResult[];
  /**
   * `complete`: every item done. `manual-open`: every automatic item done, manual ones open.
   * `incomplete`: an automatic item failed or was not reached; run again to resume.
   */
  status: "complete" | "manual-open" | "incomplete";
}

/**
 * Runs the automatic items of an offboarding runbook in order: disable the account through its
 * connector, read it back, and mark the item done only when the read-back shows it disabled (the
 * read-back is the evidence). Done items are skipped, so running again resumes where a previous run
 * stopped. When a directory is unreachable the run stops there and later items stay pending; other
 * failures (account not found, a refused write) mark the item failed and the run goes on. Manual items
 * are reported, never closed here. With `dryRun`, each change is planned from the directory's current
 * state and nothing is written.
 *
 * @example
 * const { runbook: after, status } = await executeRunbook(runbook, {
 *   connectors: [ldap],
 *   onItem: (_result, current) => saveRunbook(current),
 * });
 */
export async function executeRunbook(
  runbook: OffboardingRunbook,
  options: ExecuteRunbookOptions,
): Promise<ExecuteRunbookResult> {
  const now = options.now ?? (() => new Date());
  const connectors = new Map(options.connectors.map((connector) => [connector.system, connector]));
  let current: OffboardingRunbook = structuredClone(runbook);
  const results: RunbookItemResult[] = [];
  let stopped: string | null = null;

  const record = async (result: RunbookItemResult, updated?: RunbookItem): Promise<void> => {
    if (updated) {
      current = { ...current, items: current.items.map((item) => (item.id === updated.id ? updated : item)) };
    }
    results.push(result);
    await options.onItem?.(result, current);
  };

  for (const item of runbook.items) {
    if (item.kind === "manual") {
      await record({ itemId: item.id, outcome: "manual", state: item.state });
      continue;
    }
    if (item.state === "done") {
      await record({ itemId: item.id, outcome: "already-done" });
      continue;
    }
    if (stopped !== null) {
      await record({ itemId: item.id, outcome: "not-run", reason: stopped });
      continue;
    }
    const connector = connectors.get(item.system);
    if (!connector?.canDisable) {
      const error = failure(
        "unavailable",
        `No writable connector for system ${item.system}; configure one or close the item by hand.`,
        now,
      );
      await record(
        { itemId: item.id, outcome: "failed", error },
        options.dryRun ? undefined : failed(item, error),
      );
      continue;
    }
    if (options.dryRun) {
      try {
        await record({
          itemId: item.id,
          outcome: "skipped",
          reason: "dry-run",
          plan: await connector.planDisable(item.account, item.method),
        });
      } catch (error) {
        await record({ itemId: item.id, outcome: "failed", error: toRunbookError(error, now) });
      }
      continue;
    }
    try {
      const plan = await connector.disableAccount(item.account, item.method);
      const readBack = await connector.readBack(item.account);
      if (readBack === null) {
        throw new WardenError(
          "integrity",
          `Read-back found no account ${item.account} on ${item.system} after disabling it; cannot prove it closed.`,
        );
      }
      if (readBack.enabled) {
        throw new WardenError(
          "integrity",
          `Read-back shows account ${item.account} on ${item.system} still enabled after ${item.method}.`,
        );
      }
      const done: DisableAccountItem = {
        ...item,
        state: "done",
        attempts: item.attempts + 1,
        lastError: null,
        evidence: { method: plan.method, changes: plan.changes, readBack, verifiedAt: now().toISOString() },
      };
      await record({ itemId: item.id, outcome: "done", item: done }, done);
    } catch (error) {
      const runbookError = toRunbookError(error, now);
      await record({ itemId: item.id, outcome: "failed", error: runbookError }, failed(item, runbookError));
      if (runbookError.code === "unavailable" || runbookError.code === "timeout") {
        stopped = `stopped after ${item.system} became unreachable: ${runbookError.message}`;
      }
    }
  }

  const open = current.items.filter((item) => item.state !== "done");
  const status =
    open.length === 0
      ? "complete"
      : open.every((item) => item.kind === "manual")
        ? "manual-open"
        : "incomplete";
  return { runbook: current, results, status };
}

function failed(item: DisableAccountItem, error: RunbookError): DisableAccountItem {
  return { ...item, state: "failed", attempts: item.attempts + 1, lastError: error };
}

function failure(code: string, message: string, now: () => Date): RunbookError {
  return { code, message, at: now().toISOString() };
}

function toRunbookError(error: unknown, now: () => Date): RunbookError {
  if (isWardenError(error)) return failure(error.code, error.message, now);
  const code = error && typeof error === "object" && "code" in error ? String(error.code) : "unavailable";
  return failure(code, error instanceof Error ? error.message : String(error), now);
}
