import type { Stage } from "../../api/lifecycle-types.ts";
import { STAGES, stageLabel } from "../../components/stage-label.ts";

/** The stage machine as steps: done, current, to come. */
export function StageProgress({ stage }: { stage: Stage }) {
  const at = STAGES.indexOf(stage);
  return (
    <ol className="stage-progress" aria-label="Stages">
      {STAGES.map((s, i) => {
        const state = i < at ? "done" : i === at ? "current" : "todo";
        return (
          <li
            key={s}
            className={`stage-progress__step stage-progress__step--${state}`}
            aria-current={state === "current" ? "step" : undefined}
          >
            <span className="stage-progress__marker" aria-hidden="true">
              {state === "done" ? "✓" : i + 1}
            </span>
            <span>{stageLabel(s)}</span>
            {state === "done" && <span className="visually-hidden"> (done)</span>}
          </li>
        );
      })}
    </ol>
  );
}
