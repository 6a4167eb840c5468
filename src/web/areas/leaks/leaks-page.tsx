import { useApi } from "../../api/use-api.ts";
import { ErrorState } from "../../components/error-state.tsx";
import { formatDateTime } from "../../components/format-date-time.ts";
import { LoadingState } from "../../components/loading-state.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { navigate } from "../../router/navigation.ts";
import { useLocation } from "../../router/use-location.ts";
import { CaseReport } from "./case-report.tsx";
import type { DistributionView, LeakCaseView } from "./leak-types.ts";
import { OpenCaseForm } from "./open-case-form.tsx";
import { ShareForm } from "./share-form.tsx";

/** Leak watch: what was shared with whom (marked per recipient), and the leak cases traced. */
export function LeaksPage() {
  const { search } = useLocation();
  const selected = search.get("case");
  const distributions = useApi<DistributionView[]>("/api/leaks/distributions");
  const cases = useApi<LeakCaseView[]>("/api/leaks/cases");
  const openCase = (id: string) => navigate(`/leaks?case=${encodeURIComponent(id)}`);

  return (
    <>
      <PageHeader
        title="Leaks"
        description="Documents and code shared with a watermark per recipient, and the cases where something got out."
      />

      <section className="section" aria-labelledby="leak-cases">
        <h2 id="leak-cases" className="section-title">
          Cases
        </h2>
        {cases.status === "error" ? (
          <ErrorState error={cases.error} onRetry={cases.reload} />
        ) : cases.status === "loading" ? (
          <LoadingState />
        ) : cases.data.length === 0 ? (
          <p className="muted">No leak cases. Paste or upload a suspect below to trace it.</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Case</th>
                  <th scope="col">Status</th>
                  <th scope="col">Finding</th>
                  <th scope="col">Opened</th>
                </tr>
              </thead>
              <tbody>
                {cases.data.map((c) => (
                  <tr key={c.id} aria-current={c.id === selected ? "true" : undefined}>
                    <td>
                      <a
                        href={`/leaks?case=${c.id}`}
                        onClick={(e) => {
                          e.preventDefault();
                          openCase(c.id);
                        }}
                      >
                        {c.title}
                      </a>
                    </td>
                    <td>{c.status}</td>
                    <td>{c.summary}</td>
                    <td>{formatDateTime(c.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {selected && <CaseReport key={selected} caseId={selected} onChanged={cases.reload} />}
      </section>

      <section className="section" aria-labelledby="leak-trace">
        <h2 id="leak-trace" className="section-title">
          Trace a suspect
        </h2>
        <OpenCaseForm
          onOpened={(id) => {
            cases.reload();
            openCase(id);
          }}
        />
      </section>

      <section className="section" aria-labelledby="leak-distributions">
        <h2 id="leak-distributions" className="section-title">
          Distributions
        </h2>
        {distributions.status === "error" ? (
          <ErrorState error={distributions.error} onRetry={distributions.reload} />
        ) : distributions.status === "loading" ? (
          <LoadingState />
        ) : distributions.data.length === 0 ? (
          <p className="muted">Nothing shared yet.</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">What</th>
                  <th scope="col">To whom</th>
                  <th scope="col">When</th>
                  <th scope="col">By</th>
                </tr>
              </thead>
              <tbody>
                {distributions.data.map((d) => (
                  <tr key={d.id}>
                    <td>
                      {d.title} <span className="muted">({d.filename})</span>
                    </td>
                    <td>
                      <ul>
                        {d.copies.map((c) => (
                          <li key={c.payload}>
                            {c.recipient}{" "}
                            <a href={`/api/leaks/distributions/${d.id}/copies/${c.payload}/file`} download>
                              marked copy
                            </a>
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td>{formatDateTime(d.createdAt)}</td>
                    <td>{d.sharedBy}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h3>Share a document</h3>
        <ShareForm onShared={distributions.reload} />
      </section>
    </>
  );
}
