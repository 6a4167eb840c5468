import type { Readable } from "node:stream";
import { z } from "zod";
import { WardenError } from "../../domain/errors.ts";
import {
  buildOffboardingRunbook,
  completeManualItem,
  type DisableAccountItem,
  executeRunbook,
  type OffboardingRunbook,
  openRunbookItems,
  type RunbookItemResult,
  type RunbookSubject,
} from "../../engines/access/index.ts";
import { requireInternal, requirePermission, type ServiceContext } from "../context.ts";
import { parseId } from "../ids.ts";
import { parseInput } from "../parse-input.ts";
import { insertEvidence, uploadEvidence } from "../records/evidence.ts";
import { writeTransaction } from "../write.ts";
import { openConnectors } from "./access-connectors.ts";
import { loadRosterPeople } from "./roster-people.ts";

export interface RunbookView {
  /** The stored runbook's id; null in a dry run of a runbook never stored. */
  id: string | null;
  key: string;
  subject: RunbookSubject;
  vendorId: string;
  terminationDate: string;
  status: "open" | "complete";
  items: OffboardingRunbook["items"];
  evidenceIds: Record<string, string>;
  progress: { done: number; total: number; open: number };
  updatedAt: string | null;
}

export interface OffboardResult {
  dryRun: boolean;
  /** `complete`, `manual-open` (every account verified closed, manual items open) or `incomplete`. */
  status: "complete" | "manual-open" | "incomplete";
  runbook: RunbookView;
  results: RunbookItemResult[];
}

type RunbookRow = {
  id: string;
  runbook_key: string;
  vendor_id: string;
  runbook: Record<string, unknown>;
  evidence_ids: Record<string, string>;
  status: "open" | "complete";
  updated_at: Date | string;
};

function view(runbook: OffboardingRunbook, row: RunbookRow | null, vendorId: string): RunbookView {
  const open = openRunbookItems(runbook).length;
  return {
    id: row?.id ?? null,
    key: runbook.id,
    subject: runbook.subject,
    vendorId,
    terminationDate: runbook.terminationDate,
    status: open === 0 ? "complete" : "open",
    items: runbook.items,
    evidenceIds: row?.evidence_ids ?? {},
    progress: { done: runbook.items.length - open, total: runbook.items.length, open },
    updatedAt: row ? new Date(row.updated_at).toISOString() : null,
  };
}

export function rowToRunbookView(row: RunbookRow): RunbookView {
  return view(row.runbook as unknown as OffboardingRunbook, row, row.vendor_id);
}

/**
 * Offboards a leaver (a person id) or a terminating engagement (an engagement id): builds the runbook
 * from their grants, roster accounts and the configured connectors (plus the manual items: devices
 * returned, media destruction certificate, final custody sync, exit review, with owners and due dates),
 * stores it, and runs its automatic items. Each account is disabled through its connector and read back;
 * the read-back is stored as TM-2 evidence and the item is marked done only then. A runbook already
 * stored is resumed: done items stay done, items still open are tried again, items for newly granted
 * accounts are added. With `dryRun` every change is planned from the directory's current state and
 * nothing is written, to the directory or to Warden.
 */
export async function offboard(
  ctx: ServiceContext,
  target: unknown,
  options: { dryRun?: boolean } = {},
): Promise<OffboardResult> {
  requirePermission(ctx, "access.write", "offboard people");
  const id = parseId(target, "target");
  const dryRun = options.dryRun === true;
  const db = ctx.runtime.db;
  const today = ctx.runtime.now().toISOString().slice(0, 10);
  const connectors = await openConnectors(ctx.runtime);
  const systems = connectors.map((c) => c.system);
  const capabilities = connectors.map((c) => ({
    system: c.system,
    canDisable: c.canDisable,
    disableMethod: c.disableMethod,
  }));

  let built: OffboardingRunbook;
  let vendorId: string;
  let engagementId: string | null = null;
  let personId: string | null = null;
  const engagement = await db
    .selectFrom("engagements")
    .selectAll()
    .where("id", "=", id)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  if (engagement) {
    const members = await db
      .selectFrom("engagement_people")
      .select("person_id")
      .where("engagement_id", "=", id)
      .execute();
    const people = await loadRosterPeople(db, {
      systems,
      personIds: members.map((m) => m.person_id),
      engagementId: id,
    });
    vendorId = engagement.vendor_id;
    engagementId = id;
    built = buildOffboardingRunbook({
      subject: { kind: "engagement", engagementId: id, name: engagement.name },
      people: people.map((p) => p.person),
      connectors: capabilities,
      terminationPlan: { date: engagement.end_date ?? today },
    });
  } else {
    const [person] = await loadRosterPeople(db, { systems, personIds: [id] });
    if (!person) throw new WardenError("not_found", `No person or engagement with id ${id}.`);
    vendorId = person.vendorId;
    personId = id;
    built = buildOffboardingRunbook({
      subject: { kind: "person", personId: id },
      people: [person.person],
      connectors: capabilities,
      terminationPlan: { date: person.person.end ?? today },
    });
  }

  const existing = (await db
    .selectFrom("access_runbooks")
    .selectAll()
    .where("runbook_key", "=", built.id)
    .executeTakeFirst()) as RunbookRow | undefined;
  let current: OffboardingRunbook = built;
  if (existing) {
    const stored = existing.runbook as unknown as OffboardingRunbook;
    const known = new Set(stored.items.map((item) => item.id));
    current = { ...stored, items: [...stored.items, ...built.items.filter((item) => !known.has(item.id))] };
  }
  let row: RunbookRow | null = existing ?? null;
  if (!dryRun) {
    row = await writeTransaction(ctx, async (tx, audit) => {
      const values = {
        runbook: JSON.stringify(current),
        status: openRunbookItems(current).length === 0 ? ("complete" as const) : ("open" as const),
      };
      const saved = (await tx
        .insertInto("access_runbooks")
        .values({
          runbook_key: current.id,
          subject_kind: current.subject.kind,
          person_id: personId,
          engagement_id: engagementId,
          vendor_id: vendorId,
          created_by: ctx.actor.label,
          ...values,
        })
        .onConflict((oc) =>
          oc.column("runbook_key").doUpdateSet({ ...values, updated_at: ctx.runtime.now() }),
        )
        .returningAll()
        .executeTakeFirstOrThrow()) as RunbookRow;
      await audit({
        action: existing ? "access.offboarding.resume" : "access.offboarding.create",
        targetType: "access_runbook",
        targetId: saved.id,
        summary: { subject: current.subject, items: current.items.length },
      });
      return saved;
    });
  }

  const runbookRowId = row?.id ?? null;
  const outcome = await executeRunbook(current, {
    connectors,
    dryRun,
    now: () => ctx.runtime.now(),
    onItem: async (result, now) => {
      if (dryRun || runbookRowId === null) return;
      if (result.outcome !== "done" && result.outcome !== "failed") return;
      row = await persistItem(ctx, runbookRowId, now, result, { vendorId, engagementId });
    },
  });
  return {
    dryRun,
    status: outcome.status,
    runbook: view(dryRun ? current : outcome.runbook, row, vendorId),
    results: outcome.results,
  };
}

/** Saves the runbook after one item; a verified disable also becomes an evidence row (its read-back). */
async function persistItem(
  ctx: ServiceContext,
  runbookRowId: string,
  runbook: OffboardingRunbook,
  result: RunbookItemResult,
  owner: { vendorId: string; engagementId: string | null },
): Promise<RunbookRow> {
  const item =
    result.outcome === "done"
      ? (runbook.items.find((one) => one.id === result.itemId) as DisableAccountItem)
      : null;
  const blob = item
    ? await ctx.runtime.blobs.put(
        Buffer.from(
          JSON.stringify(
            {
              runbook: runbook.id,
              item: item.id,
              personId: item.personId,
              system: item.system,
              account: item.account,
              evidence: item.evidence,
            },
            null,
            2,
          ),
        ),
      )
    : null;
  return writeTransaction(ctx, async (tx, audit) => {
    const previous = await tx
      .selectFrom("access_runbooks")
      .select("evidence_ids")
      .where("id", "=", runbookRowId)
      .executeTakeFirstOrThrow();
    const evidenceIds = { ...previous.evidence_ids };
    if (item && blob) {
      const evidence = await insertEvidence(
        ctx,
        tx,
        audit,
        {
          vendorId: owner.vendorId,
          engagementId: owner.engagementId,
          title: `Directory read-back: ${item.account} on ${item.system} disabled`,
          effectiveOn: ctx.runtime.now().toISOString().slice(0, 10),
          controls: ["TM-2"],
          internal: true,
        },
        {
          sha256: blob.sha256,
          size: blob.size,
          filename: `read-back-${item.system}-${item.account}.json`.replace(/[^\w.-]/g, "_"),
          mediaType: "application/json",
        },
      );
      evidenceIds[item.id] = evidence.id;
    }
    const saved = (await tx
      .updateTable("access_runbooks")
      .set({
        runbook: JSON.stringify(runbook),
        evidence_ids: JSON.stringify(evidenceIds),
        status: openRunbookItems(runbook).length === 0 ? "complete" : "open",
        updated_at: ctx.runtime.now(),
      })
      .where("id", "=", runbookRowId)
      .returningAll()
      .executeTakeFirstOrThrow()) as RunbookRow;
    await audit({
      action:
        result.outcome === "done" ? "access.offboarding.account_disabled" : "access.offboarding.item_failed",
      targetType: "access_runbook",
      targetId: runbookRowId,
      summary:
        result.outcome === "done"
          ? { item: result.itemId, evidenceId: evidenceIds[result.itemId] ?? null }
          : { item: result.itemId, error: result.outcome === "failed" ? result.error : null },
    });
    return saved;
  });
}

const completeSchema = z.object({
  evidenceId: z.string().uuid().nullish(),
  note: z.string().trim().max(2000).optional(),
});

/** Manual items whose completion must carry a file (the certificate, the proof of a manual disable). */
const NEEDS_EVIDENCE = new Set(["media-destruction-certificate", "disable-account-manually"]);

/**
 * Marks a manual item of a runbook done, with who and when, and its evidence: an evidence id already
 * uploaded, or a file uploaded here (stored as evidence for the item's control). The certificate of
 * media destruction and a manual disable need a file; automatic items close only by read-back.
 */
export async function completeOffboardingItem(
  ctx: ServiceContext,
  runbookId: unknown,
  itemId: unknown,
  input: unknown,
  file: { bytes: Uint8Array | Readable; filename: string; mediaType: string } | null = null,
): Promise<RunbookView> {
  requirePermission(ctx, "access.write", "complete offboarding items");
  const id = parseId(runbookId, "runbookId");
  const item = parseInput(z.object({ itemId: z.string().min(1).max(2000) }), { itemId }).itemId;
  const data = parseInput(completeSchema, input ?? {});
  const row = await ctx.runtime.db
    .selectFrom("access_runbooks")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw new WardenError("not_found", `No offboarding runbook with id ${id}.`);
  const runbook = row.runbook as unknown as OffboardingRunbook;
  const target = runbook.items.find((one) => one.id === item);
  if (!target) throw new WardenError("not_found", `Runbook ${id} has no item ${item}.`);
  let evidenceId = data.evidenceId ?? null;
  if (file) {
    const uploaded = await uploadEvidence(
      ctx,
      {
        title: target.kind === "manual" ? target.title : `Offboarding ${target.id}`,
        vendorId: row.vendor_id,
        engagementId: row.engagement_id,
        controls: [target.control],
      },
      file,
    );
    evidenceId = uploaded.id;
  }
  if (evidenceId) {
    const evidence = await ctx.runtime.db
      .selectFrom("evidence")
      .select(["id", "vendor_id"])
      .where("id", "=", evidenceId)
      .where("deleted_at", "is", null)
      .executeTakeFirst();
    if (!evidence || evidence.vendor_id !== row.vendor_id) {
      throw new WardenError("invalid_input", "evidenceId: no such evidence for this vendor.", {
        field: "evidenceId",
      });
    }
  } else if (target.kind === "manual" && NEEDS_EVIDENCE.has(target.action)) {
    throw new WardenError(
      "invalid_input",
      `"${target.title}" needs its proof: upload the file (or give the evidenceId of one already uploaded).`,
      { field: "evidenceId" },
    );
  }
  const updated = completeManualItem(runbook, item, {
    by: ctx.actor.label,
    at: ctx.runtime.now().toISOString(),
    evidence: { evidenceId, note: data.note ?? null },
  });
  return writeTransaction(ctx, async (tx, audit) => {
    const saved = (await tx
      .updateTable("access_runbooks")
      .set({
        runbook: JSON.stringify(updated),
        status: openRunbookItems(updated).length === 0 ? "complete" : "open",
        updated_at: ctx.runtime.now(),
      })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow()) as RunbookRow;
    await audit({
      action: "access.offboarding.item_completed",
      targetType: "access_runbook",
      targetId: id,
      summary: { item, evidenceId },
    });
    return rowToRunbookView(saved);
  });
}

/** Stored runbooks, newest first (optionally one engagement's, including its people's). */
export async function listRunbooks(
  ctx: ServiceContext,
  filter: { engagementId?: unknown } = {},
): Promise<RunbookView[]> {
  requireInternal(ctx);
  let query = ctx.runtime.db.selectFrom("access_runbooks").selectAll();
  if (filter.engagementId !== undefined) {
    const engagementId = parseId(filter.engagementId, "engagementId");
    query = query.where((eb) =>
      eb.or([
        eb("engagement_id", "=", engagementId),
        eb(
          "person_id",
          "in",
          eb.selectFrom("engagement_people").select("person_id").where("engagement_id", "=", engagementId),
        ),
      ]),
    );
  }
  const rows = (await query.orderBy("updated_at", "desc").limit(500).execute()) as RunbookRow[];
  return rows.map(rowToRunbookView);
}

export async function getRunbook(ctx: ServiceContext, runbookId: unknown): Promise<RunbookView> {
  requireInternal(ctx);
  const id = parseId(runbookId, "runbookId");
  const row = (await ctx.runtime.db
    .selectFrom("access_runbooks")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst()) as RunbookRow | undefined;
  if (!row) throw new WardenError("not_found", `No offboarding runbook with id ${id}.`);
  return rowToRunbookView(row);
}
