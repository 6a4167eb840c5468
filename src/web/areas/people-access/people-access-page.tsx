import { useState } from "react";
import { api, isApiError } from "../../api/api-client.ts";
import { useApi } from "../../api/use-api.ts";
import { useCurrentUser } from "../../auth/auth-context.tsx";
import { userCan } from "../../auth/permissions.ts";
import { Alert } from "../../components/alert.tsx";
import { BusyButton } from "../../components/busy-button.tsx";
import { EmptyState } from "../../components/empty-state.tsx";
import { ErrorState } from "../../components/error-state.tsx";
import { LoadingState } from "../../components/loading-state.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { SectionPanel } from "../../components/section-panel.tsx";
import { AccessMatrix } from "./access-matrix.tsx";
import type { AccessOverview } from "./access-types.ts";
import { FindingsList } from "./findings-list.tsx";
import { RunbookList } from "./runbook-list.tsx";
import "./people-access.css";

/** People & access: the roster against every system, the reconciliation findings, the offboarding runbooks. */
export function PeopleAccessPage() {
  const user = useCurrentUser();
  const overview = useApi<AccessOverview>("/api/access");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const reconcile = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await api("/api/access/reconcile", { method: "POST" });
    } catch (error) {
      setProblem(isApiError(error) ? error.detail : "The reconciliation could not be started.");
    } finally {
      setBusy(false);
      overview.reload();
    }
  };

  const actions = userCan(user, "access.write") ? (
    <BusyButton
      type="button"
      className="button button--primary"
      onClick={reconcile}
      busy={busy}
      busyLabel="Reconciling…"
    >
      Reconcile now
    </BusyButton>
  ) : undefined;

  const header = (
    <PageHeader
      title="People & access"
      description="Who holds which account in your systems, what is wrong with it, and how leavers are closed."
      actions={actions}
    />
  );
  if (overview.status === "error") {
    return (
      <>
        {header}
        <ErrorState error={overview.error} onRetry={overview.reload} />
      </>
    );
  }
  if (overview.status === "loading") {
    return (
      <>
        {header}
        <LoadingState />
      </>
    );
  }
  const data = overview.data;
  const systems = data.systems.map((s) => s.system);
  const run = data.latestSuccessfulRun;
  return (
    <>
      {header}
      {problem && <Alert tone="error">{problem}</Alert>}
      {data.lastRun?.status === "failed" && (
        <Alert tone="error" title="The last reconciliation failed">
          {data.lastRun.error} The findings below are from the last successful run.
        </Alert>
      )}
      <div className="people-access-sections">
        {systems.length === 0 ? (
          <EmptyState title="No system connected yet">
            <p>
              Add an LDAP or Active Directory connector, or upload the account CSV of a system without one, to
              reconcile accounts against the roster.
            </p>
          </EmptyState>
        ) : (
          <SectionPanel
            title="Roster × systems"
            description={
              run
                ? `Account states as read on ${run.finishedAt.slice(0, 16).replace("T", " ")} UTC.`
                : "Not reconciled yet: account states are unknown."
            }
          >
            <AccessMatrix rows={data.matrix} systems={systems} />
          </SectionPanel>
        )}
        <SectionPanel
          title="Reconciliation findings"
          description="Orphan accounts, access without NDA, leavers still enabled, groups beyond the grant."
        >
          {run ? (
            <FindingsList findings={run.findings} />
          ) : (
            <p className="muted">No reconciliation has run yet.</p>
          )}
        </SectionPanel>
        <SectionPanel
          title="Offboarding runbooks"
          description="Accounts disabled and verified, manual exit steps."
        >
          <RunbookList
            runbooks={data.runbooks}
            people={data.matrix}
            canComplete={userCan(user, "access.write")}
            onChange={overview.reload}
          />
        </SectionPanel>
      </div>
    </>
  );
}
