import type { Dashboard } from "../../api/lifecycle-types.ts";
import { stageLabel } from "../../components/stage-label.ts";
import { Link } from "../../router/link.tsx";

/** Engagements whose current gate is closed, with the controls that close it. */
export function BlockedGates({ items }: { items: Dashboard["blocked"] }) {
  if (items.length === 0) return <p className="muted">No gate is blocked.</p>;
  return (
    <EngagementControlList items={items.map((i) => ({ ...i, controls: i.blockers }))} verb="Blocked by" />
  );
}

/** Engagements with a blocking control of an earlier stage that no longer holds. */
export function RegressedControls({ items }: { items: Dashboard["regressed"] }) {
  if (items.length === 0) return <p className="muted">Every stage already passed still holds.</p>;
  return <EngagementControlList items={items} verb="Regressed since the gate:" />;
}

function EngagementControlList(props: { items: Dashboard["regressed"]; verb: string }) {
  const { items } = props;
  return (
    <ul className="item-list">
      {items.map((item) => (
        <li key={item.engagementId} className="item-list__item">
          <Link to={`/engagements/${item.engagementId}`} className="item-list__title">
            {item.name}
          </Link>
          <span className="muted"> in {stageLabel(item.stage)}</span>
          <span className="item-list__tags">
            {props.verb}{" "}
            {item.controls.map((b) => (
              <span key={b} className="badge badge--danger">
                {b}
              </span>
            ))}
          </span>
        </li>
      ))}
    </ul>
  );
}
