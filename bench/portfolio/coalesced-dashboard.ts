import { type Runtime, requireInternal, type ServiceContext } from "../../src/services/context.ts";
import { type Dashboard, getDashboard } from "../../src/services/dashboard/get-dashboard.ts";

/**
 * A prototype of the fix measured beside the dashboard: the dashboard is the same
 * for every internal user and changes only when the evaluations are refreshed,
 * so concurrent requests share one computation (single flight) and a result is
 * reused for `maxAgeMs`. Authorisation stays per request.
 */
const shared = new WeakMap<Runtime, { at: number; value: Promise<Dashboard> }>();

export async function coalescedDashboard(ctx: ServiceContext, maxAgeMs = 2_000): Promise<Dashboard> {
  requireInternal(ctx);
  const now = performance.now();
  const entry = shared.get(ctx.runtime);
  if (entry && now - entry.at < maxAgeMs) return entry.value;
  const value = getDashboard(ctx);
  shared.set(ctx.runtime, { at: now, value });
  value.catch(() => shared.delete(ctx.runtime));
  return value;
}
