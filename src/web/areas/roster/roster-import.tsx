import { useState } from "react";
import { api } from "../../api/api-client.ts";
import type { RosterImportResult } from "../../api/lifecycle-types.ts";
import { Alert } from "../../components/alert.tsx";
import { FileField } from "../../components/file-field.tsx";
import { SectionPanel } from "../../components/section-panel.tsx";
import { TextAreaField } from "../../components/text-area-field.tsx";
import { useSubmit } from "../../components/use-submit.ts";

const HEADER =
  "full_name,email,employer,role,start_date,end_date,nda_signed_on,nda_expires_on,noncompete_signed_on,noncompete_expires_on,training_completed_on,certifications";

/**
 * CSV import in two steps: a preview with every row's errors, then the import,
 * which writes nothing unless every row is valid.
 */
export function RosterImport({ vendorId, onImported }: { vendorId: string; onImported(): void }) {
  const [csv, setCsv] = useState("");
  const [preview, setPreview] = useState<RosterImportResult | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const submit = useSubmit();

  const send = async (commit: boolean) => {
    setDone(null);
    let result: RosterImportResult | null = null;
    const ok = await submit.run(async () => {
      result = await api<RosterImportResult>(`/api/vendors/${vendorId}/roster/import`, {
        method: "POST",
        body: { csv, commit },
      });
    });
    if (!ok || !result) return;
    const r: RosterImportResult = result;
    setPreview(r);
    if (r.committed) {
      setDone(`Imported ${r.rows.length} row(s).`);
      setPreview(null);
      setCsv("");
      onImported();
    }
  };

  const withErrors = preview?.rows.filter((r) => r.errors.length > 0) ?? [];
  return (
    <SectionPanel
      title="Import a roster CSV"
      description={
        <>
          One row per person, with the header <code className="wrap-anywhere">{HEADER}</code>. Preview first:
          nothing is written unless every row is valid.
        </>
      }
    >
      {done && <Alert tone="success">{done}</Alert>}
      {submit.error && <Alert tone="error">{submit.error.detail}</Alert>}
      <div className="form">
        <FileField
          label="CSV file"
          onFile={async (file) => {
            setPreview(null);
            setCsv(file ? await file.text() : "");
          }}
        />
        <TextAreaField
          label="Or paste the CSV"
          rows={5}
          className="input textarea textarea--mono"
          value={csv}
          onChange={(e) => {
            setPreview(null);
            setCsv(e.target.value);
          }}
        />
        <div className="form-actions form-actions--start">
          <button
            type="button"
            className="button button--secondary"
            disabled={!csv.trim() || submit.busy}
            onClick={() => send(false)}
          >
            Preview import
          </button>
          <button
            type="button"
            className="button button--primary"
            disabled={!preview?.valid || submit.busy}
            onClick={() => send(true)}
          >
            {preview?.valid ? `Import ${preview.rows.length} row(s)` : "Import"}
          </button>
        </div>
      </div>
      {preview && (
        <div className="import-preview" role="status">
          {preview.valid ? (
            <p>All {preview.rows.length} row(s) are valid.</p>
          ) : (
            <Alert
              tone="error"
              title={`${preview.errorCount} error(s) in ${withErrors.length} row(s): nothing will be written`}
            >
              Fix the rows below and preview again.
            </Alert>
          )}
          <div className="table-wrap">
            <table className="table table--dense">
              <caption className="visually-hidden">Import preview</caption>
              <thead>
                <tr>
                  <th scope="col" className="numeric">
                    Line
                  </th>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Problems</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((row) => (
                  <tr key={row.line} className={row.errors.length ? "row--invalid" : undefined}>
                    <td className="numeric">{row.line}</td>
                    <th scope="row">{row.fullName || "—"}</th>
                    <td className="table__wrap">{row.email ?? "—"}</td>
                    <td className="table__wrap">
                      {row.errors.length === 0
                        ? "OK"
                        : row.errors.map((e) => (
                            <span key={`${e.column}-${e.message}`} className="import-error">
                              <strong>{e.column}</strong>: {e.message}
                            </span>
                          ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </SectionPanel>
  );
}
