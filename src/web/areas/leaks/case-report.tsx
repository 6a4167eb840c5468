import { type FormEvent, useState } from "react";
import { type ApiError, api, isApiError } from "../../api/api-client.ts";
import { useApi } from "../../api/use-api.ts";
import { Alert } from "../../components/alert.tsx";
import { PdfDownloadLink } from "../../components/download-links.tsx";
import { ErrorState } from "../../components/error-state.tsx";
import { formatDateTime } from "../../components/format-date-time.ts";
import { LoadingState } from "../../components/loading-state.tsx";
import { SelectField } from "../../components/select-field.tsx";
import { TextAreaField } from "../../components/text-area-field.tsx";
import { HighlightedText } from "./highlighted-text.tsx";
import type { CaseStatus, LeakCaseView } from "./leak-types.ts";

const STATUSES: { value: CaseStatus; label: string }[] = [
  { value: "open", label: "Open" },
  { value: "investigating", label: "Investigating" },
  { value: "closed", label: "Closed" },
];

const percent = (value: number) => `${(value * 100).toFixed(value >= 0.999 ? 4 : 0)} %`;

type ProgramFinding = NonNullable<NonNullable<LeakCaseView["report"]>["program"]>;

/** A suspect of several files judged as one program: the verdict, then the file pairs behind it. */
function ProgramVerdict({ program }: { program: ProgramFinding }) {
  const what = program.title ?? `${program.kind} ${program.ref}`;
  return (
    <section aria-label="Program verdict">
      <h4>Program verdict</h4>
      <p>
        {program.named ? (
          <>
            The files as one program come from <strong>{what}</strong>, confidence{" "}
            {percent(program.confidence)}:{" "}
          </>
        ) : (
          <>No program named. Closest: {what}, </>
        )}
        {program.evidentPairs} of {program.suspectFiles} files pair with its files,{" "}
        {Math.round(program.coverage * 100)} % of the suspect explained (chance for unrelated code{" "}
        {program.chance.toExponential(1)}).
      </p>
      <table className="table table--dense">
        <thead>
          <tr>
            <th scope="col">Suspect file</th>
            <th scope="col">Stored file</th>
            <th scope="col">Score</th>
            <th scope="col">Regions</th>
          </tr>
        </thead>
        <tbody>
          {program.pairs.map((p) => (
            <tr key={`${p.suspect}|${p.sourceId}`}>
              <td>{p.suspect}</td>
              <td>{p.path}</td>
              <td>{p.score.toFixed(2)}</td>
              <td>{p.regions.length}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** One case: the named recipient and source, the evidence, the suspect with matching regions, status and notes. */
export function CaseReport({ caseId, onChanged }: { caseId: string; onChanged: () => void }) {
  const leakCase = useApi<LeakCaseView>(`/api/leaks/cases/${caseId}`);
  const [status, setStatus] = useState<CaseStatus | "">("");
  const [note, setNote] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  if (leakCase.status === "error") return <ErrorState error={leakCase.error} onRetry={leakCase.reload} />;
  if (leakCase.status === "loading") return <LoadingState label="Loading the case…" />;
  const c = leakCase.data;
  const report = c.report;

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await api(`/api/leaks/cases/${caseId}`, {
        method: "PATCH",
        body: { ...(status && status !== c.status ? { status } : {}), ...(note.trim() ? { note } : {}) },
      });
      setNote("");
      setStatus("");
      leakCase.reload();
      onChanged();
    } catch (e) {
      if (isApiError(e)) setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <article aria-label={`Leak case ${c.title}`} className="stack">
      <h3>{c.title}</h3>
      <p>
        <PdfDownloadLink path={`/api/leaks/cases/${c.id}/report.pdf`} label="Download evidence pack (PDF)" />
      </p>
      <p>
        {report?.summary ?? c.summary}{" "}
        <span className="muted">
          Opened by {c.openedBy}, {formatDateTime(c.createdAt)}.
        </span>
      </p>
      {report?.recipient && (
        <Alert tone="warning" title="Recipient named">
          The copy of “{report.recipient.distributionTitle}” shared with{" "}
          <strong>{report.recipient.label}</strong> (payload {report.recipient.payload}, confidence{" "}
          {percent(report.recipientConfidence)}).
        </Alert>
      )}
      {report?.source && (
        <p>
          Most likely source: <strong>{report.source.title ?? report.source.path}</strong> (
          {report.source.kind}, {report.source.path}), confidence {percent(report.sourceConfidence)}.
        </p>
      )}
      {report?.program && <ProgramVerdict program={report.program} />}
      {report?.suspects.map((s) => (
        <section key={s.name} aria-label={`Suspect ${s.name}`}>
          <h4>{s.name}</h4>
          {s.evidence.length > 0 && (
            <ul>
              {s.evidence.map((e) => (
                <li key={`${e.kind}-${e.detail}`}>
                  {e.kind}: {e.detail}
                </li>
              ))}
            </ul>
          )}
          <HighlightedText text={s.text} regions={s.matches[0]?.regions ?? []} />
          {s.truncated && <p className="muted">Only the beginning of the suspect is shown.</p>}
        </section>
      ))}
      {report && report.skipped.length > 0 && (
        <p className="muted">
          Not traced: {report.skipped.map((s) => `${s.name} (${s.reason})`).join(", ")}.
        </p>
      )}
      <h4>Notes</h4>
      {c.notes.length === 0 ? (
        <p className="muted">No notes yet.</p>
      ) : (
        <ul>
          {c.notes.map((n) => (
            <li key={`${n.at}-${n.by}`}>
              {formatDateTime(n.at)} — {n.by}: {n.text}
            </li>
          ))}
        </ul>
      )}
      <form className="form" onSubmit={save} aria-label="Update the case">
        <SelectField
          label="Status"
          options={STATUSES}
          value={status || c.status}
          onChange={(e) => setStatus(e.target.value as CaseStatus)}
        />
        <TextAreaField label="Add a note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
        {error && <Alert tone="error">{error.detail}</Alert>}
        <div className="form-actions">
          <button
            type="submit"
            className="button button--secondary"
            disabled={busy || ((!status || status === c.status) && !note.trim())}
          >
            Save
          </button>
        </div>
      </form>
    </article>
  );
}
