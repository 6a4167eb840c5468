import { useEffect, useState } from "react";
import { api } from "../../api/api-client.ts";
import type {
  ControlResult,
  EngagementDetail,
  Gate,
  GateBlocker,
  Remedy,
  RemedyArea,
  Stage,
} from "../../api/lifecycle-types.ts";
import { useCurrentUser } from "../../auth/auth-context.tsx";
import { userCan } from "../../auth/permissions.ts";
import { Alert } from "../../components/alert.tsx";
import { BusyButton } from "../../components/busy-button.tsx";
import { SectionPanel } from "../../components/section-panel.tsx";
import { STAGES, stageLabel } from "../../components/stage-label.ts";
import { useSubmit } from "../../components/use-submit.ts";
import { Link } from "../../router/link.tsx";
import { ControlStatusBadge } from "./control-status-badge.tsx";

function nextStage(stage: Stage): Stage | null {
  const i = STAGES.indexOf(stage);
  return i >= 0 && i < STAGES.length - 1 ? (STAGES[i + 1] ?? null) : null;
}

function readBlockers(problem: Record<string, unknown>): GateBlocker[] {
  const list = problem.blockers;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (b): b is GateBlocker =>
      b && typeof b.control === "string" && typeof b.status === "string" && Array.isArray(b.reasons),
  );
}

/** Where a remedy is carried out: another area of Warden, or a section of this page. */
function remedyHref(area: RemedyArea, controlId: string, detail: EngagementDetail): string {
  switch (area) {
    case "contracts":
      return "/contracts";
    case "custody":
      return `/custody/engagements/${detail.engagement.id}`;
    case "access":
      return "/people";
    case "leaks":
      return "/leaks";
    case "questionnaires":
      return "/questionnaires";
    case "audits":
    case "incidents":
      return "/audits";
    case "vendor":
    case "roster":
      return `/vendors/${detail.vendor.id}`;
    case "assets":
      return "#assets";
    case "milestones":
      return "#milestones";
    case "controls":
      return `#control-${controlId}`;
  }
}

/** One control that holds the gate (or regressed): its status, its reasons, and the way to fix it. */
function HoldingControl(props: {
  control: ControlResult;
  remedy: Remedy | undefined;
  detail: EngagementDetail;
}) {
  const { control: c, remedy } = props;
  const href = remedy ? remedyHref(remedy.area, c.id, props.detail) : `#control-${c.id}`;
  return (
    <li>
      <a href={`#control-${c.id}`}>
        {c.id} {c.title}
      </a>{" "}
      <ControlStatusBadge status={c.status} />: {c.reasons.join(" ")}
      {remedy && (
        <span className="blockers__fix">
          {" "}
          To clear it:{" "}
          {href.startsWith("#") ? <a href={href}>{remedy.action}</a> : <Link to={href}>{remedy.action}</Link>}
        </span>
      )}
    </li>
  );
}

/**
 * The gate of the current stage: what still holds it (live) and how to clear
 * each, and the button to advance. A refused advance shows the server's
 * blockers with their reasons. Blocking controls of stages already passed that
 * no longer hold are raised as regressions.
 */
export function GatePanel(props: {
  engagementId: string;
  stage: Stage;
  gate: Gate;
  detail: EngagementDetail;
  onAdvanced(): void;
}) {
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
            ? `Every blocking control of ${stageLabel(props.stage).toLowerCase()} holds (pass, attested, not applicable or excepted): the engagement can move to ${stageLabel(next).toLowerCase()}.`
            : `${gate.blockers.length} blocking control(s) of ${stageLabel(props.stage).toLowerCase()} do not hold (failing, not checked yet or needing review): clear them, or have an admin record an exception, to move on.`
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
                </strong>{" "}
                <ControlStatusBadge status={b.status} />: {b.reasons.join(" ")}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      {submit.error && !refused && <Alert tone="error">{submit.error.detail}</Alert>}
      {!refused && !gate.open && (
        <ul className="blockers blockers--live" aria-label="Blocking controls">
          {gate.blockers.map((b) => (
            <HoldingControl
              key={b.id}
              control={b}
              remedy={props.detail.evaluation.remedies[b.id]}
              detail={props.detail}
            />
          ))}
        </ul>
      )}
      {gate.excepted.length > 0 && (
        <p className="muted">Let through by an exception: {gate.excepted.map((c) => c.id).join(", ")}.</p>
      )}
      {props.detail.evaluation.regressions.length > 0 && (
        <Alert tone="warning" title="Regressed since the gate">
          <p>
            These blocking controls of stages already passed no longer hold. Clear them, or record an
            exception.
          </p>
          <ul className="blockers" aria-label="Regressed controls">
            {props.detail.evaluation.regressions.map((r) => (
              <HoldingControl
                key={r.id}
                control={r}
                remedy={props.detail.evaluation.remedies[r.id]}
                detail={props.detail}
              />
            ))}
          </ul>
        </Alert>
      )}
    </SectionPanel>
  );
}
