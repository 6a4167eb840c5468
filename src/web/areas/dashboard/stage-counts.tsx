import type { Stage } from "../../api/lifecycle-types.ts";
import { STAGES, stageLabel } from "../../components/stage-label.ts";
import { Link } from "../../router/link.tsx";

/** One tile per stage with its number of engagements; each opens the filtered list. */
export function StageCounts({ counts }: { counts: Record<Stage, number> }) {
  return (
    <ul className="stage-counts">
      {STAGES.map((stage) => (
        <li key={stage}>
          <Link to={`/engagements?stage=${stage}`} className="stage-counts__tile">
            <span className="stage-counts__count">{counts[stage] ?? 0}</span>
            <span className="stage-counts__label">{stageLabel(stage)}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
