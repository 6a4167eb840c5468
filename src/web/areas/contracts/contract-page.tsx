import { useCallback, useEffect, useState } from "react";
import { api } from "../../api/api-client.ts";
import { useApi } from "../../api/use-api.ts";
import { useCurrentUser } from "../../auth/auth-context.tsx";
import { userCan } from "../../auth/permissions.ts";
import { Alert } from "../../components/alert.tsx";
import { ExportLinks, PdfDownloadLink } from "../../components/download-links.tsx";
import { ErrorState } from "../../components/error-state.tsx";
import { formatDateTime } from "../../components/format-date-time.ts";
import { LoadingState } from "../../components/loading-state.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { Link } from "../../router/link.tsx";
import { ClauseList } from "./clause-list.tsx";
import { ContractChecklist } from "./contract-checklist.tsx";
import { ContractPanel } from "./contract-panel.tsx";
import { ContractStatusBadge } from "./contract-status-badge.tsx";
import { ContractText } from "./contract-text.tsx";
import { type ContractDetail, KIND_LABELS } from "./contract-types.ts";
import { ReviewFindingForm } from "./review-finding-form.tsx";
import "./contracts.css";
import { useSubmit } from "../../components/use-submit.ts";

/**
 * One contract, side by side: the extracted text with its clauses highlighted
 * (and a keyboard-navigable list of them), and the checklist of controls with
 * what is missing; legal records decisions under the checklist.
 */
export function ContractPage({ id }: { id: string }) {
  const user = useCurrentUser();
  const contract = useApi<ContractDetail>(`/api/contracts/${id}`);
  const [active, setActive] = useState<number | null>(null);
  const reanalyse = useSubmit();
  const { reload } = contract;
  const running = contract.data?.status === "queued" || contract.data?.status === "analysing";

  // biome-ignore lint/correctness/useExhaustiveDependencies: each new answer starts the next wait
  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(reload, 1000);
    return () => clearTimeout(timer);
  }, [running, reload, contract.data]);

  const select = useCallback((position: number) => {
    setActive(position);
    const mark = document.getElementById(`clause-${position}`);
    mark?.scrollIntoView({ block: "center", behavior: "smooth" });
  }, []);

  if (contract.status === "error" && !contract.data) {
    return <ErrorState error={contract.error} onRetry={reload} />;
  }
  if (!contract.data) return <LoadingState label="Loading the contract…" />;
  const c = contract.data;

  return (
    <>
      <p className="contract-breadcrumb">
        <Link to="/contracts">Contracts</Link> /{" "}
        <Link to={`/engagements/${c.engagement.id}`}>{c.engagement.name}</Link>
      </p>
      <PageHeader
        title={c.title}
        description={
          <>
            {KIND_LABELS[c.kind]} with {c.engagement.vendorName} ({c.engagement.vendorCountry}) ·{" "}
            <a href={`/api/contracts/${c.id}/file`} download>
              {c.filename}
            </a>
            {c.pages ? ` · ${c.pages} pages` : ""}
            {c.analysedAt ? ` · analysed ${formatDateTime(c.analysedAt)}` : ""}
          </>
        }
        actions={
          <>
            <ContractStatusBadge status={c.status} />
            <PdfDownloadLink path={`/api/contracts/${c.id}/report.pdf`} label="Download review (PDF)" />
            <ExportLinks path={`/api/contracts/${c.id}/findings/export`} what="the contract's findings" />
            {userCan(user, "contracts.write") && (
              <button
                type="button"
                className="button button--secondary button--small"
                disabled={reanalyse.busy || running}
                onClick={() =>
                  void reanalyse
                    .run(() => api(`/api/contracts/${c.id}/reanalyse`, { method: "POST" }))
                    .then(reload)
                }
              >
                Re-analyse
              </button>
            )}
          </>
        }
      />
      {reanalyse.error && <Alert tone="error">{reanalyse.error.detail}</Alert>}
      {running && <LoadingState label="The contract is being analysed…" />}
      {c.status === "failed" && (
        <Alert tone="error" title="The contract could not be analysed">
          <p>{c.failureReason}</p>
        </Alert>
      )}
      {c.status === "analysed" && c.text !== null && (
        <div className="contract-view">
          <ContractPanel
            title="Contract text"
            description={`${c.clauses.length} clauses found. Choose one to show it in the text.`}
            className="contract-view__text"
          >
            <ClauseList clauses={c.clauses} active={active} onSelect={select} />
            <ContractText text={c.text} clauses={c.clauses} active={active} onSelect={select} />
          </ContractPanel>
          <div className="contract-view__side">
            <ContractPanel title="Checklist" description="Each control as this contract answers it.">
              <ContractChecklist
                checks={c.checks}
                clauses={c.clauses}
                missing={c.missingClauseTypes}
                onSelectClause={select}
              />
            </ContractPanel>
            {userCan(user, "contracts.review") && (
              <ContractPanel
                title="Legal review"
                description="Confirm or override a finding; your decision survives re-analysis."
              >
                <ReviewFindingForm
                  contractId={c.id}
                  checks={c.checks}
                  clauses={c.clauses}
                  onReviewed={reload}
                />
              </ContractPanel>
            )}
          </div>
        </div>
      )}
    </>
  );
}
