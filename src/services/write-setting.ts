import type { AuditInput } from "./audit/append-audit-entry.ts";
import type { ServiceContext, Tx } from "./context.ts";

/**
 * The one writer of an organisation setting: stores the whole new value under
 * its key, in the caller's transaction, and appends the audit entry that names
 * what changed (`settings.<area>.update`). Each settings use case validates
 * and authorises, then calls this.
 *
 * @example
 * await writeSetting(ctx, tx, audit, { key: "playbook.settings", area: "playbook", value: next, changed: patch });
 */
export async function writeSetting(
  ctx: ServiceContext,
  tx: Tx,
  audit: (entry: AuditInput) => Promise<void>,
  setting: { key: string; area: string; value: unknown; changed: Record<string, unknown> },
): Promise<void> {
  const value = JSON.stringify(setting.value);
  const now = ctx.runtime.now();
  await tx
    .insertInto("settings")
    .values({ key: setting.key, value, updated_at: now })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value, updated_at: now }))
    .execute();
  await audit({
    action: `settings.${setting.area}.update`,
    targetType: "settings",
    targetId: setting.key,
    summary: setting.changed,
  });
}
