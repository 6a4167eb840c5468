/**
 * A report as content, before layout: what each report (audit pack, contract review,
 * delivery verification, leak case) says, in blocks that one writer lays out as a PDF.
 */
export interface ReportDocument {
  title: string;
  /** The line under the title (the vendor and engagement, the contract…). */
  subtitle?: string;
  /** ISO timestamp; printed on every page. */
  generatedAt: string;
  /** Who asked for it, as the audit log names them. */
  generatedBy: string;
  blocks: ReportBlock[];
}

export type ReportBlock =
  | { kind: "heading"; text: string }
  | { kind: "paragraph"; text: string }
  /** Label and value pairs, one a line. */
  | { kind: "fields"; rows: readonly (readonly [string, string])[] }
  /**
   * A table: column widths are shares of the text width (they need not sum to exactly 1);
   * `empty` is printed instead when there is no row.
   */
  | {
      kind: "table";
      columns: readonly { label: string; width: number }[];
      rows: readonly (readonly string[])[];
      empty: string;
    };

/** A table block from column labels and widths (`[["Control", 0.2], …]`) and its rows. */
export function tableBlock(
  columns: readonly (readonly [string, number])[],
  rows: readonly (readonly string[])[],
  empty: string,
): ReportBlock {
  return { kind: "table", columns: columns.map(([label, width]) => ({ label, width })), rows, empty };
}
