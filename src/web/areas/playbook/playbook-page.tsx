import { useState } from "react";
import type { PlaybookControl } from "../../api/lifecycle-types.ts";
import { useApi } from "../../api/use-api.ts";
import { useCurrentUser } from "../../auth/auth-context.tsx";
import { userCan } from "../../auth/permissions.ts";
import { ErrorState } from "../../components/error-state.tsx";
import { LoadingState } from "../../components/loading-state.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { SectionPanel } from "../../components/section-panel.tsx";
import { STAGES, stageLabel } from "../../components/stage-label.ts";
import { ControlStateDialog } from "./control-state-dialog.tsx";
import { PlaybookControlsTable } from "./playbook-controls-table.tsx";
import { PlaybookSettingsForm } from "./playbook-settings-form.tsx";

/** The organisation's playbook: every control (turn one off with a reason, or on again) and the settings. */
export function PlaybookPage() {
  const user = useCurrentUser();
  const controls = useApi<PlaybookControl[]>("/api/playbook/controls");
  const [changing, setChanging] = useState<PlaybookControl | null>(null);
  const canManage = userCan(user, "settings.manage");

  return (
    <>
      <PageHeader
        level={2}
        title="Playbook"
        description="The controls every engagement is checked against, stage by stage. A control turned off reports “not applicable” with your reason."
      />
      <PlaybookSettingsForm canManage={canManage} />
      {controls.status === "error" && <ErrorState error={controls.error} onRetry={controls.reload} />}
      {controls.status === "loading" && !controls.data && <LoadingState label="Loading the playbook…" />}
      {controls.data &&
        STAGES.filter((s) => s !== "closed").map((stage) => {
          const own = (controls.data ?? []).filter((c) => c.stage === stage);
          if (own.length === 0) return null;
          return (
            <SectionPanel key={stage} level={3} title={stageLabel(stage)}>
              <PlaybookControlsTable controls={own} canManage={canManage} onChange={setChanging} />
            </SectionPanel>
          );
        })}
      <ControlStateDialog
        control={changing}
        onClose={() => setChanging(null)}
        onDone={() => {
          setChanging(null);
          controls.reload();
        }}
      />
    </>
  );
}
