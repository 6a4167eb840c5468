/** `path` with `format=…` added to its query. */
function withFormat(path: string, format: "csv" | "xlsx"): string {
  return `${path}${path.includes("?") ? "&" : "?"}format=${format}`;
}

/**
 * The Export control of a table: the same rows (with the filters in `path`) as CSV or XLSX.
 * The browser downloads the file; the server records the export in the audit log.
 */
export function ExportLinks({ path, what }: { path: string; what: string }) {
  return (
    <span className="export-links">
      {(["csv", "xlsx"] as const).map((format) => (
        <a
          key={format}
          className="button button--secondary button--small"
          href={withFormat(path, format)}
          download
          aria-label={`Export ${what} as ${format.toUpperCase()}`}
        >
          Export {format.toUpperCase()}
        </a>
      ))}
    </span>
  );
}

/** A link that downloads a PDF report (generated, and audit-logged, when it is followed). */
export function PdfDownloadLink({ path, label }: { path: string; label: string }) {
  return (
    <a className="button button--secondary" href={path} download>
      {label}
    </a>
  );
}
