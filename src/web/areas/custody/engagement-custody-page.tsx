import { useState } from "react";
import { formatBytes } from "../../../domain/format-bytes.ts";
import { api } from "../../api/api-client.ts";
import { useApi } from "../../api/use-api.ts";
import { Alert } from "../../components/alert.tsx";
import { ErrorState } from "../../components/error-state.tsx";
import { formatDateTime } from "../../components/format-date-time.ts";
import { LoadingState } from "../../components/loading-state.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { SectionPanel } from "../../components/section-panel.tsx";
import { TextAreaField } from "../../components/text-area-field.tsx";
import { useSubmit } from "../../components/use-submit.ts";
import { Link } from "../../router/link.tsx";
import {
  type AlertView,
  type CustodyStatus,
  type DeliveryReport,
  freshnessLabel,
  type RepositoryDetail,
} from "./custody-types.ts";
import "./custody.css";

const short = (oid: string | null | undefined) => (oid ? oid.slice(0, 12) : "—");

/** One engagement's custody: each mirror's freshness, syncs and refs (preserved ones too), alerts, deliveries. */
export function EngagementCustodyPage({ id }: { id: string }) {
  const status = useApi<CustodyStatus>(`/api/engagements/${id}/custody`);
  const deliveries = useApi<DeliveryReport[]>(`/api/engagements/${id}/custody/deliveries`);
  if (status.status === "error") return <ErrorState error={status.error} onRetry={status.reload} />;
  if (!status.data) return <LoadingState />;
  const data = status.data;
  return (
    <>
      <PageHeader
        title="Code custody"
        description={`Mirrors of this engagement's repositories; a mirror older than ${data.freshnessHours} h fails OG-1.`}
        actions={
          <Link to={`/engagements/${id}`} className="button button--secondary">
            Engagement
          </Link>
        }
      />
      <div className="custody-stack">
        <AlertsPanel alerts={data.alerts} repositories={data.repositories} onChange={status.reload} />
        {data.repositories.length === 0 && (
          <Alert tone="info">
            <p>No repository registered on this engagement yet.</p>
          </Alert>
        )}
        {data.repositories.map((repo) => (
          <RepositoryPanel key={repo.id} repo={repo} />
        ))}
        <SectionPanel title="Deliveries" description="Each code delivery, verified from our mirror.">
          {deliveries.status === "error" && (
            <ErrorState error={deliveries.error} onRetry={deliveries.reload} />
          )}
          {deliveries.data && deliveries.data.length === 0 && <p>No code delivery recorded yet.</p>}
          {deliveries.data && deliveries.data.length > 0 && (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Milestone</th>
                    <th scope="col">Repository and ref</th>
                    <th scope="col">Commit</th>
                    <th scope="col">Verdict</th>
                    <th scope="col">Recorded</th>
                  </tr>
                </thead>
                <tbody>
                  {deliveries.data.map((d) => (
                    <tr key={d.id}>
                      <td>
                        <Link to={`/custody/deliveries/${d.id}`} className="table__primary">
                          {d.milestoneTitle}
                        </Link>
                      </td>
                      <td>
                        {d.repositoryName} @ {d.ref}
                      </td>
                      <td className="custody-oid">{short(d.commit)}</td>
                      <td className={d.verdict ? `custody-verdict--${d.verdict}` : undefined}>
                        {d.verdict ?? d.status}
                      </td>
                      <td>{formatDateTime(d.createdAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </SectionPanel>
      </div>
    </>
  );
}

function RepositoryPanel({ repo }: { repo: RepositoryDetail }) {
  return (
    <SectionPanel
      title={repo.name}
      description={
        <>
          {repo.url} · last successful sync {freshnessLabel(repo)} · {repo.refs.length} refs ·{" "}
          {formatBytes(repo.lastSync?.sizeBytes ?? null)}
          {repo.lastSync?.fsckOk === false && " · fsck reported problems"}
        </>
      }
    >
      <h3>Sync history</h3>
      <div className="table-wrap">
        <table className="table table--dense">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Trigger</th>
              <th scope="col">Result</th>
              <th scope="col">Ref changes</th>
              <th scope="col">Duration</th>
            </tr>
          </thead>
          <tbody>
            {repo.syncs.map((s) => (
              <tr key={s.id}>
                <td>{formatDateTime(s.startedAt)}</td>
                <td>{s.trigger}</td>
                <td>
                  {s.status}
                  {s.error && <div className="table__sub">{s.error}</div>}
                </td>
                <td>
                  {s.changes.length === 0
                    ? "none"
                    : s.changes.map((c) => (
                        <div key={`${c.ref}:${c.kind}`}>
                          {c.kind.replace("_", " ")} {c.ref}{" "}
                          <span className="custody-oid">
                            {short(c.oldOid)} → {short(c.newOid)}
                          </span>
                        </div>
                      ))}
                </td>
                <td>{s.durationMs} ms</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>Preserved refs</h3>
      {repo.preserved.length === 0 ? (
        <p>No ref was ever rewritten or deleted.</p>
      ) : (
        <ul>
          {repo.preserved.map((p) => (
            <li key={p.ref}>
              {p.originalRef} was <span className="custody-oid">{short(p.oid)}</span>, kept on{" "}
              {formatDateTime(p.preservedAt)} as <code>{p.ref}</code>
            </li>
          ))}
        </ul>
      )}
      <details>
        <summary>Current refs ({repo.refs.length})</summary>
        <ul>
          {repo.refs.map((r) => (
            <li key={r.ref}>
              {r.ref} <span className="custody-oid">{short(r.oid)}</span>
            </li>
          ))}
        </ul>
      </details>
    </SectionPanel>
  );
}

function AlertsPanel({
  alerts,
  repositories,
  onChange,
}: {
  alerts: AlertView[];
  repositories: RepositoryDetail[];
  onChange: () => void;
}) {
  if (alerts.length === 0) return null;
  const name = (id: string) => repositories.find((r) => r.id === id)?.name ?? id;
  return (
    <SectionPanel title="History rewrites" description="Force-pushes, deleted branches and moved tags.">
      <ul className="custody-alerts">
        {alerts.map((a) => (
          <li key={a.id}>
            <p>
              <strong>{name(a.repositoryId)}</strong>: {a.message} ({formatDateTime(a.createdAt)})
            </p>
            {a.acknowledgedAt ? (
              <p className="table__sub">
                Acknowledged by {a.acknowledgedBy} on {formatDateTime(a.acknowledgedAt)}: {a.acknowledgement}
              </p>
            ) : (
              <AcknowledgeForm alertId={a.id} onDone={onChange} />
            )}
          </li>
        ))}
      </ul>
    </SectionPanel>
  );
}

function AcknowledgeForm({ alertId, onDone }: { alertId: string; onDone: () => void }) {
  const [note, setNote] = useState("");
  const submit = useSubmit();
  return (
    <form
      onSubmit={async (event) => {
        event.preventDefault();
        const ok = await submit.run(() =>
          api(`/api/custody/alerts/${alertId}/acknowledge`, { method: "POST", body: { note } }),
        );
        if (ok) onDone();
      }}
    >
      <TextAreaField
        label="What was found"
        value={note}
        onChange={(event) => setNote(event.target.value)}
        error={submit.error?.fieldMessage("note")}
        rows={2}
      />
      {submit.error && !submit.error.fieldMessage("note") && (
        <Alert tone="error">
          <p>{submit.error.detail}</p>
        </Alert>
      )}
      <button type="submit" className="button button--secondary button--small" disabled={submit.busy}>
        Acknowledge
      </button>
    </form>
  );
}
