import { join } from "node:path";
import type { Selectable } from "kysely";
import { z } from "zod";
import { WardenError } from "../../domain/errors.ts";
import { type GitCredentials, validateRepositoryUrl } from "../../engines/custody/index.ts";
import type { CustodyRepositoriesTable } from "../../store/schema.ts";
import { type Runtime, requirePermission, type ServiceContext, type Tx } from "../context.ts";
import { parseId } from "../ids.ts";
import { parseInput } from "../parse-input.ts";
import { loadEngagementFor } from "../scope.ts";
import { writeTransaction } from "../write.ts";
import { readCustodySettings } from "./custody-settings.ts";

/** A registered repository as every caller sees it: never its credentials, only whether it has some. */
export interface RepositoryView {
  id: string;
  engagementId: string;
  name: string;
  url: string;
  transport: string;
  username: string | null;
  hasCredentials: boolean;
  syncIntervalMinutes: number;
  createdBy: string;
  createdAt: string;
}

export function toRepositoryView(row: Selectable<CustodyRepositoriesTable>): RepositoryView {
  return {
    id: row.id,
    engagementId: row.engagement_id,
    name: row.name,
    url: row.url,
    transport: row.transport,
    username: row.username,
    hasCredentials: row.credentials_sealed !== null,
    syncIntervalMinutes: row.sync_interval_minutes,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
  };
}

/** Where a repository's mirror lives: `<dataDir>/mirrors/<repository id>.git`. */
export function mirrorDirFor(runtime: Runtime, repositoryId: string): string {
  return join(runtime.config.dataDir, "mirrors", `${repositoryId}.git`);
}

/** The credentials of a repository, opened for one git call (never returned to a caller). */
export function openCredentials(
  runtime: Runtime,
  row: Selectable<CustodyRepositoriesTable>,
): GitCredentials | undefined {
  if (!row.credentials_sealed) return undefined;
  return {
    ...(row.username ? { username: row.username } : {}),
    token: runtime.secrets.open(row.credentials_sealed),
  };
}

const addSchema = z.object({
  engagementId: z.string().uuid("must be an engagement id"),
  url: z.string().min(1, "is required").max(2048),
  name: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[^\u0000-\u001f\u007f]+$/, "must not contain control characters")
    .optional(),
  username: z.string().trim().min(1).max(200).optional(),
  /** A password or access token; sealed at once, never stored or returned in clear. */
  token: z.string().min(1).max(4096).optional(),
  syncIntervalMinutes: z
    .number()
    .int()
    .min(5)
    .max(7 * 24 * 60)
    .optional(),
});

function defaultName(url: string): string {
  const last = url.replace(/\/+$/, "").split(/[/:]/).pop() ?? "repository";
  return last.replace(/\.git$/, "") || "repository";
}

/**
 * Registers a vendor repository on an engagement. The URL is checked by the custody engine
 * (no transport helpers, no option injection, no credentials inside it; local paths and `file://`
 * only when the custody settings allow them); a token is sealed with the installation's secret key.
 * The first sync is queued at once.
 *
 * @example
 * await addRepository(ctx, { engagementId, url: "https://git.example.com/acme/app.git", username: "warden", token });
 */
export async function addRepository(ctx: ServiceContext, input: unknown): Promise<RepositoryView> {
  requirePermission(ctx, "engagements.write", "register repositories");
  const data = parseInput(addSchema, input);
  const settings = await readCustodySettings(ctx.runtime.db);
  const location = validateRepositoryUrl(data.url, {
    allowFile: settings.allowFileUrls,
    allowGitDaemon: settings.allowGitDaemon,
  });
  if (data.token && location.transport !== "https") {
    throw new WardenError(
      "invalid_input",
      `Credentials are only sent over https; this repository uses ${location.transport}. For ssh, install a deploy key for the Warden host instead.`,
      { errors: [{ field: "token", message: "only for https repositories" }] },
    );
  }
  const name = data.name ?? defaultName(location.display);
  const view = await writeTransaction(ctx, async (tx, audit) => {
    await loadEngagementFor(ctx, data.engagementId, tx);
    const clash = await tx
      .selectFrom("custody_repositories")
      .select("id")
      .where("engagement_id", "=", data.engagementId)
      .where("name", "=", name)
      .where("deleted_at", "is", null)
      .executeTakeFirst();
    if (clash) {
      throw new WardenError(
        "conflict",
        `This engagement already has a repository named '${name}'. Give another name (--name).`,
      );
    }
    const row = await tx
      .insertInto("custody_repositories")
      .values({
        engagement_id: data.engagementId,
        name,
        url: location.display,
        transport: location.transport,
        username: data.username ?? null,
        credentials_sealed: data.token ? ctx.runtime.secrets.seal(data.token) : null,
        sync_interval_minutes: data.syncIntervalMinutes ?? settings.defaultSyncIntervalMinutes,
        created_by: ctx.actor.label,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await ctx.runtime.enqueue?.(MIRROR_SYNC_QUEUE, { repositoryId: row.id, trigger: "manual" }, tx);
    await audit({
      action: "custody.repository.add",
      targetType: "custody_repository",
      targetId: row.id,
      summary: {
        engagementId: data.engagementId,
        name,
        url: location.display,
        transport: location.transport,
        credentials: data.token ? "sealed" : "none",
      },
    });
    return toRepositoryView(row);
  });
  return view;
}

/** The queue of mirror syncs: `{ repositoryId, trigger }`, or `{}` for the scheduled sweep. */
export const MIRROR_SYNC_QUEUE = "custody.sync";
/** The queue of delivery verifications: `{ verificationId }`. */
export const VERIFY_DELIVERY_QUEUE = "custody.verify";

/** Loads a registered repository within the actor's scope. */
export async function loadRepositoryFor(
  ctx: ServiceContext,
  repositoryId: unknown,
  db: Tx | Runtime["db"] = ctx.runtime.db,
): Promise<Selectable<CustodyRepositoriesTable>> {
  const id = parseId(repositoryId, "repositoryId");
  const row = await db
    .selectFrom("custody_repositories")
    .selectAll()
    .where("id", "=", id)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  if (!row) throw new WardenError("not_found", `No repository with id ${id}.`);
  try {
    await loadEngagementFor(ctx, row.engagement_id, db);
  } catch {
    throw new WardenError("not_found", `No repository with id ${id}.`);
  }
  return row;
}
