import { z } from "zod";
import { WardenError } from "../../domain/errors.ts";
import {
  exportQuestionnaireJson,
  exportQuestionnaireXlsx,
  importQuestionnaireJson,
  importQuestionnaireXlsx,
  listBuiltInQuestionnaires,
  loadBuiltInQuestionnaire,
  parseQuestionnaire,
  type Questionnaire,
} from "../../engines/questionnaire/index.ts";
import { requireInternal, requirePermission, type ServiceContext, type Tx } from "../context.ts";
import { parseId } from "../ids.ts";
import { parseInput } from "../parse-input.ts";
import { writeTransaction } from "../write.ts";

export interface TemplateView {
  id: string;
  key: string;
  version: string;
  title: string;
  builtIn: boolean;
  sections: number;
  questions: number;
  createdBy: string;
  createdAt: string;
}

export interface TemplateDetail extends TemplateView {
  definition: Questionnaire;
}

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * Stores the built-in questionnaires the first time anyone looks (idempotent: a stored key and
 * version is left alone, so several processes may race here safely).
 */
export async function ensureBuiltInTemplates(tx: Tx | ServiceContext["runtime"]["db"]): Promise<void> {
  for (const id of listBuiltInQuestionnaires()) {
    const definition = loadBuiltInQuestionnaire(id);
    await tx
      .insertInto("questionnaire_templates")
      .values({
        key: definition.id,
        version: definition.version,
        title: definition.title,
        definition: JSON.stringify(definition),
        built_in: true,
        created_by: "system",
      })
      .onConflict((oc) => oc.columns(["key", "version"]).doNothing())
      .execute();
  }
}

type TemplateRow = {
  id: string;
  key: string;
  version: string;
  title: string;
  definition: unknown;
  built_in: boolean;
  created_by: string;
  created_at: Date | string;
};

function toTemplateView(row: TemplateRow): TemplateView {
  const definition = row.definition as Questionnaire;
  return {
    id: row.id,
    key: row.key,
    version: row.version,
    title: row.title,
    builtIn: row.built_in,
    sections: definition.sections.length,
    questions: definition.sections.reduce((n, s) => n + s.questions.length, 0),
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** Every questionnaire template, the built-in ones first (seeded on first use). */
export async function listTemplates(ctx: ServiceContext): Promise<TemplateView[]> {
  requireInternal(ctx);
  await ensureBuiltInTemplates(ctx.runtime.db);
  const rows = await ctx.runtime.db
    .selectFrom("questionnaire_templates")
    .selectAll()
    .orderBy("built_in", "desc")
    .orderBy("title")
    .orderBy("created_at", "desc")
    .execute();
  return rows.map(toTemplateView);
}

/** A template with its whole definition. */
export async function getTemplate(ctx: ServiceContext, templateId: unknown): Promise<TemplateDetail> {
  requireInternal(ctx);
  const id = parseId(templateId);
  const row = await ctx.runtime.db
    .selectFrom("questionnaire_templates")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw new WardenError("not_found", `No questionnaire template with id ${id}.`);
  return { ...toTemplateView(row), definition: parseQuestionnaire(row.definition) };
}

async function storeTemplate(ctx: ServiceContext, definition: Questionnaire, how: string) {
  return writeTransaction(ctx, async (tx, audit) => {
    const clash = await tx
      .selectFrom("questionnaire_templates")
      .select("id")
      .where("key", "=", definition.id)
      .where("version", "=", definition.version)
      .executeTakeFirst();
    if (clash) {
      throw new WardenError(
        "conflict",
        `A questionnaire "${definition.id}" version ${definition.version} exists already: give the new one another version.`,
        { problems: [{ path: "version", message: "already exists" }] },
      );
    }
    const row = await tx
      .insertInto("questionnaire_templates")
      .values({
        key: definition.id,
        version: definition.version,
        title: definition.title,
        definition: JSON.stringify(definition),
        created_by: ctx.actor.label,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: `questionnaire.template.${how}`,
      targetType: "questionnaire_template",
      targetId: row.id,
      summary: { key: definition.id, version: definition.version, title: definition.title },
    });
    return toTemplateView(row);
  });
}

/**
 * Creates a template from a definition given as JSON (the builder). Every problem in the
 * definition is reported with its path and nothing is stored.
 */
export async function createTemplate(ctx: ServiceContext, input: unknown): Promise<TemplateView> {
  requirePermission(ctx, "questionnaires.write", "create questionnaires");
  const definition = importQuestionnaireJson(JSON.stringify(input ?? null));
  return storeTemplate(ctx, definition, "create");
}

/**
 * Imports a template from a JSON or XLSX file. A malformed file is refused whole, with every
 * problem and its place (path, or sheet/row/column) in `details.problems`.
 *
 * @example
 * await importTemplate(ctx, { filename: "dd.xlsx", mediaType: XLSX, bytes });
 */
export async function importTemplate(
  ctx: ServiceContext,
  file: { filename: string; mediaType: string; bytes: Uint8Array },
): Promise<TemplateView> {
  requirePermission(ctx, "questionnaires.write", "import questionnaires");
  const isXlsx = file.mediaType === XLSX_TYPE || /\.xlsx$/i.test(file.filename);
  const isJson = file.mediaType === "application/json" || /\.json$/i.test(file.filename);
  if (!isXlsx && !isJson) {
    throw new WardenError(
      "unsupported",
      `Import a questionnaire as JSON or XLSX; ${file.filename} (${file.mediaType}) is neither.`,
    );
  }
  const definition = isXlsx ? await importQuestionnaireXlsx(file.bytes) : importQuestionnaireJson(file.bytes);
  return storeTemplate(ctx, definition, "import");
}

const formatSchema = z.object({ format: z.enum(["json", "xlsx"]).default("json") });

/** A template as a file, in the same shapes the import reads. */
export async function exportTemplate(
  ctx: ServiceContext,
  templateId: unknown,
  format: unknown,
): Promise<{ filename: string; mediaType: string; bytes: Buffer }> {
  const { format: f } = parseInput(formatSchema, { format: format ?? undefined });
  const template = await getTemplate(ctx, templateId);
  const base = `${template.key}-${template.version}`.replace(/[^\w.-]/g, "_");
  if (f === "xlsx") {
    return {
      filename: `${base}.xlsx`,
      mediaType: XLSX_TYPE,
      bytes: await exportQuestionnaireXlsx(template.definition),
    };
  }
  return {
    filename: `${base}.json`,
    mediaType: "application/json",
    bytes: Buffer.from(exportQuestionnaireJson(template.definition)),
  };
}
