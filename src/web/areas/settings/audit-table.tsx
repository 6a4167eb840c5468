import type { AuditEntry } from "../../api/api-types.ts";
import { formatDateTime } from "../../components/format-date-time.ts";

function describeSummary(summary: Record<string, unknown>): string {
  const parts = Object.entries(summary).map(([key, value]) => {
    const text = typeof value === "string" ? value : JSON.stringify(value);
    return `${key}: ${text}`;
  });
  return parts.join(" · ");
}

export function AuditTable({ entries }: { entries: readonly AuditEntry[] }) {
  return (
    <div className="table-wrap">
      <table className="table table--dense">
        <caption className="visually-hidden">Audit log entries</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Action</th>
            <th scope="col">Target</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.seq}>
              <td className="numeric">{entry.seq}</td>
              <td className="nowrap">{formatDateTime(entry.at)}</td>
              <td className="table__wrap">{entry.actor}</td>
              <td>
                <code>{entry.action}</code>
              </td>
              <td className="table__wrap">
                {entry.targetType}
                {entry.targetId && (
                  <span className={entry.targetName ? undefined : "muted"} title={entry.targetId}>
                    {" "}
                    {entry.targetName ?? entry.targetId.slice(0, 8)}
                  </span>
                )}
              </td>
              <td className="table__wrap table__details">{describeSummary(entry.summary)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
