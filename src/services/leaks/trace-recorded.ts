import { requireInternal, type ServiceContext } from "../context.ts";
import { leakWatermarkKey } from "./leak-key.ts";
import type { SuspectText } from "./read-suspect.ts";
import type { TraceReport } from "./trace-report.ts";
import { traceSuspects } from "./trace-suspects.ts";

/**
 * Traces suspect texts against everything recorded without opening a case (a quick check
 * from the command line). Internal staff only; nothing is written.
 */
export async function traceRecorded(
  ctx: ServiceContext,
  suspects: readonly SuspectText[],
  options: { minScore?: number } = {},
): Promise<TraceReport> {
  requireInternal(ctx);
  return traceSuspects(ctx.runtime.db, leakWatermarkKey(ctx.runtime), suspects, [], options);
}
