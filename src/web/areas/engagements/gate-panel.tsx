import { useEffect, useState } from "react";
import { api } from "../../api/api-client.ts";
import type { Gate, GateBlocker, Stage } from "../../api/lifecycle-types.ts";
import { useCurrentUser } from "../../auth/auth-context.tsx";
import { userCan } from "../../auth/permissions.ts";
import { Alert } from "../../components/alert.tsx";
import { BusyButton } from "../../components/busy-button.tsx";
import { SectionPanel } from "../../components/section-panel.tsx";
import { STAGES, stageLabel } from "../../components/stage-label.ts";
import { useSubmit } from "../../components/use-submit.ts";

function nextStage(stage: Stage): Stage | null {
  const i = STAGES.indexOf(stage);
  return i >= 0 && i < STAGES.length - 1 ? (STAGES[i + 1] ?? null) : null;
}

function readBlockers(problem: Record<string, unknown>): GateBlocker[] {
  const list = problem.blockers;
  if (!Array.isArray(list)) return [];
  return list.filter((b): b is GateBlocker => b && typeof b.control === "string" && Array.isArray(b.reasons));
}

/**
 * The gate of the current stage: what still blocks it (live), and the button
 * to advance. A refused advance shows the server's blockers with their reasons.
 */
export function GatePanel(props: { engagementId: string; stage: Stage; gate: Gate; onAdvanced(): void }) {
  const user = useCurrentUser();
  const submit = useSubmit();
  const [moved, setMoved] = useState<string | null>(null);
  const next = nextStage(props.stage);
  const { clear } = submit;
  // A refusal describes the gate as it was: once the engagement changes, the live list takes over.
  useEffect(() => {
    void props.gate;
    clear();
  }, [props.gate, clear]);
  const refused = submit.error?.code === "gate_blocked" ? readBlockers(submit.error.problem) : null;

  const advance = async () => {
    setMoved(null);
    const ok = await submit.run(() =>
      api(`/api/engagements/${props.engagementId}/advance`, { method: "POST" }),
    );
    if (ok && next) {
      setMoved(`Moved to ${stageLabel(next)}.`);
      props.onAdvanced();
    }
  };

  const { gate } = props;
  return (
    <SectionPanel
      title={`Gate: ${stageLabel(props.stage)}`}
      className={`gate ${gate.open ? "gate--open" : "gate--blocked"}`}
      description={
        next
          ? gate.open
            ? `No blocking control of ${stageLabel(props.stage).toLowerCase()} fails: the engagement can move to ${stageLabel(next).toLowerCase()}.`
            : `${gate.blockers.length} blocking control(s) of ${stageLabel(props.stage).toLowerCase()} fail: fix them, or have an admin record an exception, to move on.`
          : "The engagement is closed."
      }
      actions={
        next &&
        userCan(user, "engagements.write") && (
          <BusyButton
            type="button"
            className="button button--primary"
            onClick={advance}
            busy={submit.busy}
            busyLabel="Checking the gate…"
          >
            {`Advance to ${stageLabel(next)}`}
          </BusyButton>
        )
      }
    >
      <p className={`gate__state gate__state--${gate.open ? "open" : "blocked"}`}>
        {gate.open ? "Gate open" : "Gate blocked"}
      </p>
      {moved && <Alert tone="success">{moved}</Alert>}
      {refused && (
        <Alert tone="error" title={`The gate of ${stageLabel(props.stage).toLowerCase()} is blocked`}>
          <ul className="blockers">
            {refused.map((b) => (
              <li key={b.control}>
                <strong>
                  {b.control} {b.title}
                </strong>
                : {b.reasons.join(" ")}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      {submit.error && !refused && <Alert tone="error">{submit.error.detail}</Alert>}
      {!refused && !gate.open && (
        <ul className="blockers blockers--live" aria-label="Blocking controls">
          {gate.blockers.map((b) => (
            <li key={b.id}>
              <a href={`#control-${b.id}`}>
                {b.id} {b.title}
              </a>
              : {b.reasons.join(" ")}
            </li>
          ))}
        </ul>
      )}
      {gate.excepted.length > 0 && (
        <p className="muted">Let through by an exception: {gate.excepted.map((c) => c.id).join(", ")}.</p>
      )}
      {gate.unchecked.length > 0 && (
        <p className="muted">
          Not checked yet (they do not block, and never count as passing):{" "}
          {gate.unchecked.map((c) => c.id).join(", ")}.
        </p>
      )}
    </SectionPanel>
  );
}
