import type { ReactNode } from "react";
import { formatBytes } from "../../../domain/format-bytes.ts";
import { formatDate } from "../../components/format-date-time.ts";

/** The fields of an evidence item the table shows (the engagement's and the portal's lists alike). */
export interface EvidenceRow {
  id: string;
  title: string;
  filename: string | null;
  size: number | null;
  controls: string[];
  effectiveOn: string | null;
  expiresOn: string | null;
}

/**
 * Evidence files as a table: title (a download link when there is a file), controls, effective
 * and expiry dates, and when it was uploaded (`uploaded`, with whatever the page adds there). With
 * `engagement`, a column says which engagement each item belongs to.
 */
export function EvidenceTable<T extends EvidenceRow>(props: {
  items: readonly T[];
  engagement?: (item: T) => string;
  uploaded(item: T): ReactNode;
}) {
  return (
    <div className="table-wrap">
      <table className="table table--dense">
        <caption className="visually-hidden">Evidence</caption>
        <thead>
          <tr>
            <th scope="col">Title</th>
            {props.engagement && <th scope="col">Engagement</th>}
            <th scope="col">Controls</th>
            <th scope="col">Effective</th>
            <th scope="col">Expires</th>
            <th scope="col">Uploaded</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((ev) => (
            <tr key={ev.id}>
              <th scope="row" className="table__wrap">
                {ev.filename ? (
                  <a href={`/api/evidence/${ev.id}/file`} download>
                    {ev.title}
                  </a>
                ) : (
                  ev.title
                )}
                {ev.filename && (
                  <span className="table__sub">
                    {ev.filename} {formatBytes(ev.size)}
                  </span>
                )}
              </th>
              {props.engagement && <td>{props.engagement(ev)}</td>}
              <td>{ev.controls.join(", ") || "—"}</td>
              <td className="nowrap">{formatDate(ev.effectiveOn)}</td>
              <td className="nowrap">{formatDate(ev.expiresOn)}</td>
              <td className="nowrap">{props.uploaded(ev)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
