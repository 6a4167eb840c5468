import type { AccessFindingRow } from "./access-types.ts";

/** Reconciliation findings, each with the directory entry that proves it (opened on demand). */
export function FindingsList({ findings }: { findings: readonly AccessFindingRow[] }) {
  if (findings.length === 0) return <p className="muted">No findings: every account matches the roster.</p>;
  return (
    <ul className="access-findings">
      {findings.map((finding) => (
        <li key={finding.id} className="access-finding">
          <span className={`badge badge--severity-${finding.severity}`}>{finding.severity}</span>{" "}
          <span className="badge badge--neutral">{finding.control}</span> <strong>{finding.kind}</strong>{" "}
          {finding.message}
          <details>
            <summary>
              Evidence from {finding.system} for <code>{finding.account}</code>
            </summary>
            <pre className="access-evidence">{JSON.stringify(finding.evidence, null, 2)}</pre>
          </details>
        </li>
      ))}
    </ul>
  );
}
