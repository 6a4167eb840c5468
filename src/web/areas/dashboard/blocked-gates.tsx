import type { Dashboard } from "../../api/lifecycle-types.ts";
import { stageLabel } from "../../components/stage-label.ts";
import { Link } from "../../router/link.tsx";

/** Engagements whose current gate is closed, with the controls that close it. */
export function BlockedGates({ items }: { items: Dashboard["blocked"] }) {
  if (items.length === 0) return <p className="muted">No gate is blocked.</p>;
  return (
    <ul className="item-list">
      {items.map((item) => (
        <li key={item.engagementId} className="item-list__item">
          <Link to={`/engagements/${item.engagementId}`} className="item-list__title">
            {item.name}
          </Link>
          <span className="muted"> in {stageLabel(item.stage)}</span>
          <span className="item-list__tags">
            Blocked by{" "}
            {item.blockers.map((b) => (
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
