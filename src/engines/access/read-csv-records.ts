import { parse } from "csv-parse/sync";
import { WardenError } from "../../domain/errors.ts";

/** A problem with one line of an import; the other lines still import. */
export interface LineError {
  line: number;
  message: string;
}

export interface CsvRecords {
  /** Header names, trimmed and lower-cased. */
  header: string[];
  rows: { line: number; fields: string[] }[];
  errors: LineError[];
}

export interface ReadCsvOptions {
  maxBytes?: number;
  maxRows?: number;
}

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
const DEFAULT_MAX_ROWS = 2_000_000;

/**
 * Reads CSV with a header row into rows tagged with their line numbers. A malformed record (bad quoting,
 * wrong field count) becomes a line error and the rest still parse; input beyond the bounds is refused.
 */
export function readCsvRecords(text: string, options: ReadCsvOptions = {}): CsvRecords {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  if (Buffer.byteLength(text, "utf8") > maxBytes) {
    throw new WardenError("too_large", `CSV larger than ${maxBytes} bytes; split it into smaller files.`);
  }
  const errors: LineError[] = [];
  const records = parse(text.replace(/^\uFEFF/, ""), {
    bom: true,
    info: true,
    skip_empty_lines: true,
    relax_column_count: false,
    skip_records_with_error: true,
    to_line: maxRows + 1,
    on_skip: (error) => {
      if (error)
        errors.push({
          line: Number(error.lines),
          message: error.message.replace(/^Invalid Record Length: /, ""),
        });
      return undefined;
    },
  }) as unknown as { info: { lines: number }; record: string[] }[];
  const [first, ...rest] = records;
  const header = (first?.record ?? []).map((name) => name.trim().toLowerCase());
  const rows = rest.map(({ info, record }) => ({ line: info.lines, fields: record }));
  return { header, rows, errors: errors.sort((a, b) => a.line - b.line) };
}
