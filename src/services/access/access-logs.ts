import { z } from "zod";
import { WardenError } from "../../domain/errors.ts";
import { type AccessLogFormat, flagAccessLog, parseAccessLog } from "../../engines/access/index.ts";
import { requireInternal, requirePermission, type ServiceContext } from "../context.ts";
import { parseId } from "../ids.ts";
import { parseInput } from "../parse-input.ts";
import { loadEngagementFor } from "../scope.ts";
import { writeTransaction } from "../write.ts";

const importSchema = z.object({
  text: z.string().max(64 * 1024 * 1024, "is larger than 64 MiB"),
  format: z.enum(["csv", "common-log"]),
  /** The system the log is from (required for common log format, optional for CSV with a system column). */
  system: z.string().trim().min(1).max(100).optional(),
  filename: z.string().trim().max(255).optional(),
});

export interface AccessLogFlagView {
  id: string;
  importId: string;
  kind: string;
  control: string;
  line: number;
  at: string | null;
  account: string | null;
  sourceIp: string;
  system: string;
  message: string;
}

export interface AccessLogImportView {
  id: string;
  engagementId: string;
  format: string;
  system: string | null;
  filename: string | null;
  entries: number;
  /** Lines that could not be read, with their numbers; every other line was imported. */
  errors: { line: number; message: string }[];
  flags: AccessLogFlagView[];
  createdAt: string;
}

/**
 * Imports a VPN, remote-desktop or git-server access log for an engagement (KO-3): malformed lines are
 * reported with their numbers and the rest imported; accesses from outside the engagement's approved
 * network ranges, or by accounts not on its roster, are stored as flags.
 */
export async function importAccessLog(
  ctx: ServiceContext,
  engagementId: unknown,
  input: unknown,
): Promise<AccessLogImportView> {
  requirePermission(ctx, "access.write", "import access logs");
  const id = parseId(engagementId, "engagementId");
  const data = parseInput(importSchema, input);
  const engagement = await loadEngagementFor(ctx, id);
  let format: AccessLogFormat;
  if (data.format === "common-log") {
    if (!data.system) {
      throw new WardenError("invalid_input", "system: name the system a common-log file comes from.", {
        field: "system",
      });
    }
    format = { kind: "common-log", system: data.system };
  } else {
    format = { kind: "csv", ...(data.system ? { system: data.system } : {}) };
  }
  const { entries, errors } = parseAccessLog(data.text, format);
  const roster = await rosterAccounts(ctx, id);
  const flags = flagAccessLog({
    entries,
    approvedRanges: engagement.approved_networks,
    rosterAccounts: roster,
  });
  return writeTransaction(ctx, async (tx, audit) => {
    const row = await tx
      .insertInto("access_log_imports")
      .values({
        engagement_id: id,
        format: data.format,
        system: data.system ?? null,
        filename: data.filename ?? null,
        entry_count: entries.length,
        errors: JSON.stringify(errors),
        uploaded_by: ctx.actor.label,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const stored = [];
    for (let i = 0; i < flags.length; i += 500) {
      const chunk = flags.slice(i, i + 500);
      stored.push(
        ...(await tx
          .insertInto("access_log_flags")
          .values(
            chunk.map((flag) => ({
              import_id: row.id,
              engagement_id: id,
              kind: flag.kind,
              control: flag.control,
              line: flag.line,
              at: new Date(flag.entry.time),
              account: flag.entry.account,
              source_ip: flag.entry.sourceIp,
              system: flag.entry.system,
              message: flag.message,
            })),
          )
          .returningAll()
          .execute()),
      );
    }
    await audit({
      action: "access.log.import",
      targetType: "engagement",
      targetId: id,
      summary: { importId: row.id, entries: entries.length, badLines: errors.length, flags: flags.length },
    });
    return {
      id: row.id,
      engagementId: id,
      format: row.format,
      system: row.system,
      filename: row.filename,
      entries: row.entry_count,
      errors,
      flags: stored.map(toFlagView),
      createdAt: new Date(row.created_at).toISOString(),
    };
  });
}

/** The flags stored for an engagement, newest import first. */
export async function listAccessLogFlags(
  ctx: ServiceContext,
  engagementId: unknown,
): Promise<AccessLogFlagView[]> {
  requireInternal(ctx);
  const id = parseId(engagementId, "engagementId");
  await loadEngagementFor(ctx, id);
  const rows = await ctx.runtime.db
    .selectFrom("access_log_flags")
    .selectAll()
    .where("engagement_id", "=", id)
    .orderBy("import_id", "desc")
    .orderBy("line")
    .limit(5000)
    .execute();
  return rows.map(toFlagView);
}

function toFlagView(row: {
  id: string;
  import_id: string;
  kind: string;
  control: string;
  line: number;
  at: Date | null;
  account: string | null;
  source_ip: string;
  system: string;
  message: string;
}): AccessLogFlagView {
  return {
    id: row.id,
    importId: row.import_id,
    kind: row.kind,
    control: row.control,
    line: row.line,
    at: row.at ? new Date(row.at).toISOString() : null,
    account: row.account,
    sourceIp: row.source_ip,
    system: row.system,
    message: row.message,
  };
}

/** Account names of the engagement's people: their grants and the accounts in their identities. */
async function rosterAccounts(ctx: ServiceContext, engagementId: string): Promise<string[]> {
  const db = ctx.runtime.db;
  const [grants, people] = await Promise.all([
    db.selectFrom("grants").select("account").where("engagement_id", "=", engagementId).execute(),
    db
      .selectFrom("people")
      .innerJoin("engagement_people", "engagement_people.person_id", "people.id")
      .select("people.identities")
      .where("engagement_people.engagement_id", "=", engagementId)
      .where("people.deleted_at", "is", null)
      .execute(),
  ]);
  const names = grants.map((g) => g.account);
  for (const person of people) {
    for (const name of person.identities.accounts ?? []) {
      const colon = name.indexOf(":");
      names.push(colon > 0 ? name.slice(colon + 1) : name);
    }
  }
  return names;
}
