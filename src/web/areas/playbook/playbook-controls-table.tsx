import type { PlaybookControl } from "../../api/lifecycle-types.ts";
import { FrameworkReferences } from "./framework-references.tsx";

const CHECK_LABELS = { rule: "Automatic", engine: "Automatic (engine)", attestation: "Attestation" } as const;

export function PlaybookControlsTable(props: {
  controls: readonly PlaybookControl[];
  canManage: boolean;
  onChange(control: PlaybookControl): void;
}) {
  return (
    <div className="table-wrap">
      <table className="table table--dense">
        <caption className="visually-hidden">Controls</caption>
        <thead>
          <tr>
            <th scope="col">Control</th>
            <th scope="col">Check</th>
            <th scope="col">Blocking</th>
            <th scope="col" className="numeric">
              Weight
            </th>
            <th scope="col">State</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.controls.map((c) => (
            <tr key={c.id}>
              <th scope="row" className="table__wrap">
                <span className="control__id">{c.id}</span> {c.title}
                {c.custom && <span className="badge badge--neutral">Yours</span>}
                <span className="table__sub">{c.guidance}</span>
                {c.frameworks && (
                  <span className="table__sub">
                    <FrameworkReferences frameworks={c.frameworks} />
                  </span>
                )}
              </th>
              <td className="nowrap">{CHECK_LABELS[c.check.kind]}</td>
              <td>{c.blocking ? "Yes" : "No"}</td>
              <td className="numeric">{c.weight}</td>
              <td className="table__wrap">
                {c.disabled ? (
                  <>
                    <span className="status status--off">Off</span>
                    <span className="table__sub">{c.disabled.reason}</span>
                  </>
                ) : (
                  <span className="status status--on">On</span>
                )}
              </td>
              <td className="table__actions">
                {props.canManage && (
                  <button
                    type="button"
                    className={`button button--small ${c.disabled ? "button--secondary" : "button--danger-quiet"}`}
                    aria-label={`${c.disabled ? "Turn on" : "Turn off"} ${c.id}`}
                    onClick={() => props.onChange(c)}
                  >
                    {c.disabled ? "Turn on" : "Turn off"}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
