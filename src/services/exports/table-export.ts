import { once } from "node:events";
import { PassThrough, Readable } from "node:stream";
import { z } from "zod";
import { neutraliseSpreadsheetCell } from "../../domain/spreadsheet-cell.ts";
import type { ServiceContext } from "../context.ts";
import { parseInput } from "../parse-input.ts";
import { writeTransaction } from "../write.ts";

export type ExportFormat = "csv" | "xlsx";

/** A cell as a table holds it: text, a number, a yes/no, a date (written as ISO text), or empty. */
export type ExportCell = string | number | boolean | Date | null | undefined;

export interface ExportColumn<Row> {
  header: string;
  /** Width in characters in the XLSX sheet. */
  width?: number;
  value(row: Row): ExportCell;
}

export interface TableExport<Row> {
  /** Names the table in the file name, the sheet and the audit entry (`vendors`, `audit-log`…). */
  table: string;
  columns: readonly ExportColumn<Row>[];
  /**
   * The rows, a page at a time, read through the table's own list service (which authorises
   * the caller: the first page is read before anything is recorded or sent).
   */
  pages: AsyncIterable<readonly Row[]>;
  /** What the audit entry names as the exported object. */
  target: { type: string; id: string | null };
  /** The filters applied, recorded with the export. */
  filter?: Record<string, unknown>;
}

export interface ExportFile {
  filename: string;
  contentType: string;
  body: ReadableStream<Uint8Array>;
}

const formatSchema = z.object({ format: z.enum(["csv", "xlsx"]).default("csv") });

/** The `format` query parameter: csv (the default) or xlsx; anything else is a 400 naming it. */
export function exportFormat(query: unknown): ExportFormat {
  return parseInput(formatSchema, query ?? {}).format;
}

/**
 * Exports a table as CSV or XLSX: one header row from the column definitions, then every row
 * the pages yield, streamed (a page is in memory at a time, never the whole table). Text cells
 * that a spreadsheet would take for a formula are neutralised (`neutraliseSpreadsheetCell`),
 * numbers stay numbers, dates are ISO 8601 text. The export is recorded in the audit log
 * (who exported which table, in which format, with which filters) once the first page was read,
 * so a refused caller records nothing.
 *
 * @example
 * const file = await exportTable(ctx, "xlsx", {
 *   table: "vendors", target: { type: "vendor", id: null },
 *   columns: [{ header: "Name", value: (v) => v.legalName }],
 *   pages: vendorPages(ctx),
 * });
 */
export async function exportTable<Row>(
  ctx: ServiceContext,
  format: ExportFormat,
  spec: TableExport<Row>,
): Promise<ExportFile> {
  const iterator = spec.pages[Symbol.asyncIterator]();
  const first = await iterator.next();
  await writeTransaction(ctx, async (_tx, audit) => {
    await audit({
      action: "export.table",
      targetType: spec.target.type,
      targetId: spec.target.id,
      summary: { table: spec.table, format, ...(spec.filter ? { filter: spec.filter } : {}) },
    });
  });
  async function* rows(): AsyncGenerator<readonly Row[]> {
    if (first.done) return;
    yield first.value;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  const day = ctx.runtime.now().toISOString().slice(0, 10);
  const filename = `${spec.table}-${day}.${format}`;
  if (format === "csv")
    return {
      filename,
      contentType: "text/csv; charset=utf-8",
      body: Readable.toWeb(Readable.from(csvChunks(spec.columns, rows()))) as ReadableStream<Uint8Array>,
    };
  return {
    filename,
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    body: await xlsxStream(spec.table, spec.columns, rows()),
  };
}

/** The cell as text for CSV: neutralised text, numbers as written, dates as ISO. */
function csvCell(cell: ExportCell): string {
  if (cell === null || cell === undefined) return "";
  if (cell instanceof Date) return cell.toISOString();
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : "";
  if (typeof cell === "boolean") return cell ? "yes" : "no";
  return neutraliseSpreadsheetCell(cell);
}

/** The cell for XLSX: numbers as numbers, everything else as (neutralised) text. */
function xlsxCell(cell: ExportCell): string | number | null {
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : null;
  const text = csvCell(cell);
  return text === "" ? null : text;
}

async function* csvChunks<Row>(
  columns: readonly ExportColumn<Row>[],
  pages: AsyncIterable<readonly Row[]>,
): AsyncGenerator<Buffer> {
  // csv-stringify is loaded by the first export, not by every process that can export.
  const { stringify } = await import("csv-stringify/sync");
  yield Buffer.from(stringify([columns.map((c) => c.header)]));
  for await (const page of pages) {
    if (page.length === 0) continue;
    yield Buffer.from(stringify(page.map((row) => columns.map((c) => csvCell(c.value(row))))));
  }
}

async function xlsxStream<Row>(
  table: string,
  columns: readonly ExportColumn<Row>[],
  pages: AsyncIterable<readonly Row[]>,
): Promise<ReadableStream<Uint8Array>> {
  // exceljs is loaded by the first export, not by every process that can export.
  const { default: excel } = await import("exceljs");
  const out = new PassThrough();
  const workbook = new excel.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false });
  workbook.creator = "Warden";
  const sheet = workbook.addWorksheet(table.slice(0, 31), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({ header: c.header, key: String(i), width: c.width ?? 18 }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  // Rows are written (and flushed to the stream) as the pages come, the next page read only once
  // the client has taken what is waiting; a failure ends the stream with the error, so the
  // client sees a broken download rather than a short file.
  (async () => {
    for await (const page of pages) {
      for (const row of page) sheet.addRow(columns.map((c) => xlsxCell(c.value(row)))).commit();
      // Let the zip compress what was written, then wait for a slow client.
      await new Promise((resolve) => setImmediate(resolve));
      if (out.writableNeedDrain) await Promise.race([once(out, "drain"), once(out, "close")]);
      if (out.destroyed) return;
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error as Error));
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}

/** A list service's pages, `limit` rows at a time, until its `total` is reached. */
export async function* offsetPages<Row>(
  list: (page: { limit: number; offset: number }) => Promise<{ items: Row[]; total: number }>,
  limit = 200,
): AsyncGenerator<Row[]> {
  for (let offset = 0; ; offset += limit) {
    const page = await list({ limit, offset });
    yield page.items;
    if (page.items.length < limit || offset + page.items.length >= page.total) return;
  }
}

/**
 * Exports a paged list (vendors, engagements…) with the list's own filters: every query
 * parameter but `format`, `limit` and `offset` goes to the list service, page after page.
 */
export function exportPagedList<Row>(
  ctx: ServiceContext,
  query: Record<string, string>,
  spec: Omit<TableExport<Row>, "pages" | "filter"> & {
    list(query: Record<string, string | number>): Promise<{ items: Row[]; total: number }>;
  },
): Promise<ExportFile> {
  const format = exportFormat({ format: query.format });
  const { format: _format, limit: _limit, offset: _offset, ...filter } = query;
  const { list, ...table } = spec;
  return exportTable<Row>(ctx, format, {
    ...table,
    filter,
    pages: offsetPages((page) => list({ ...filter, ...page })),
  });
}

/** An HTTP response that downloads the file. */
export function exportResponse(file: ExportFile): Response {
  return new Response(file.body, {
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.filename}"`,
      "cache-control": "no-store",
    },
  });
}
