import { type KeyboardEvent, useRef, useState } from "react";
import type { ControlResult, EngagementDetail, PlaybookControl, Stage } from "../../api/lifecycle-types.ts";
import { useApi } from "../../api/use-api.ts";
import { ExportLinks } from "../../components/download-links.tsx";
import { SectionPanel } from "../../components/section-panel.tsx";
import { STAGES, stageLabel } from "../../components/stage-label.ts";
import { navigate } from "../../router/navigation.ts";
import { useLocation } from "../../router/use-location.ts";
import { AttestDialog } from "./attest-dialog.tsx";
import { ControlItem } from "./control-item.tsx";
import { ExceptionDialog } from "./exception-dialog.tsx";
import { UploadEvidenceDialog } from "./upload-evidence-dialog.tsx";

type ControlStage = Exclude<Stage, "closed">;
const CONTROL_STAGES = STAGES.filter((s): s is ControlStage => s !== "closed");

function failing(results: ControlResult[]): number {
  return results.filter((r) => r.status === "fail").length;
}

/** A tab per stage listing its controls; the current stage opens first. */
export function StageControls({ detail, onChanged }: { detail: EngagementDetail; onChanged(): void }) {
  const { search, pathname } = useLocation();
  const current = detail.engagement.stage === "closed" ? "termination" : detail.engagement.stage;
  const asked = search.get("stage");
  const selected: ControlStage = CONTROL_STAGES.includes(asked as ControlStage)
    ? (asked as ControlStage)
    : current;
  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({});
  const [attesting, setAttesting] = useState<ControlResult | null>(null);
  const [uploading, setUploading] = useState<ControlResult | null>(null);
  const [excepting, setExcepting] = useState<ControlResult | null>(null);
  // The framework references each control carries (the playbook, not the evaluation).
  const playbook = useApi<PlaybookControl[]>("/api/playbook/controls");
  const frameworksOf = (id: string) => playbook.data?.find((c) => c.id === id)?.frameworks;

  const select = (stage: ControlStage, focus = false) => {
    navigate(`${pathname}${stage === current ? "" : `?stage=${stage}`}`, { replace: true });
    if (focus) tabRefs.current[stage]?.focus();
  };
  const onKey = (event: KeyboardEvent) => {
    const i = CONTROL_STAGES.indexOf(selected);
    const move = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (event.key === "Home") select(CONTROL_STAGES[0] as ControlStage, true);
    else if (event.key === "End") select(CONTROL_STAGES[CONTROL_STAGES.length - 1] as ControlStage, true);
    else if (move)
      select(
        CONTROL_STAGES[(i + move + CONTROL_STAGES.length) % CONTROL_STAGES.length] as ControlStage,
        true,
      );
    else return;
    event.preventDefault();
  };

  const results = detail.evaluation.results.filter((r) => r.stage === selected);
  return (
    <SectionPanel
      title="Controls"
      description="Every playbook control by stage, with its status and the reasons for it."
      actions={
        <ExportLinks
          path={`/api/engagements/${encodeURIComponent(detail.engagement.id)}/controls/export`}
          what="the controls"
        />
      }
    >
      <div className="stage-tabs" role="tablist" aria-label="Controls by stage" onKeyDown={onKey}>
        {CONTROL_STAGES.map((stage) => {
          const own = detail.evaluation.results.filter((r) => r.stage === stage);
          const fails = failing(own);
          const isSelected = stage === selected;
          return (
            <button
              key={stage}
              ref={(el) => {
                tabRefs.current[stage] = el;
              }}
              type="button"
              role="tab"
              id={`tab-${stage}`}
              aria-selected={isSelected}
              aria-controls={`panel-${stage}`}
              tabIndex={isSelected ? 0 : -1}
              className={`stage-tabs__tab${isSelected ? " stage-tabs__tab--selected" : ""}`}
              onClick={() => select(stage)}
            >
              {stageLabel(stage)}
              {stage === current && <span className="stage-tabs__now"> (current)</span>}
              {fails > 0 && <span className="stage-tabs__fails">{fails} failing</span>}
            </button>
          );
        })}
      </div>
      <div
        role="tabpanel"
        id={`panel-${selected}`}
        aria-labelledby={`tab-${selected}`}
        className="stage-tabs__panel"
      >
        {results.length === 0 ? (
          <p className="muted">No control in this stage.</p>
        ) : (
          <ul className="controls">
            {results.map((r) => (
              <ControlItem
                key={r.id}
                result={r}
                assets={detail.assets}
                frameworks={frameworksOf(r.id)}
                onAttest={() => setAttesting(r)}
                onUpload={() => setUploading(r)}
                onException={() => setExcepting(r)}
              />
            ))}
          </ul>
        )}
      </div>
      <AttestDialog
        engagementId={detail.engagement.id}
        control={attesting}
        onClose={() => setAttesting(null)}
        onDone={() => {
          setAttesting(null);
          onChanged();
        }}
      />
      <UploadEvidenceDialog
        engagementId={detail.engagement.id}
        control={uploading}
        onClose={() => setUploading(null)}
        onDone={() => {
          setUploading(null);
          onChanged();
        }}
      />
      <ExceptionDialog
        engagementId={detail.engagement.id}
        control={excepting}
        assets={detail.assets}
        onClose={() => setExcepting(null)}
        onDone={() => {
          setExcepting(null);
          onChanged();
        }}
      />
    </SectionPanel>
  );
}
