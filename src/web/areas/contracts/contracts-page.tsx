import { useEffect } from "react";
import { useApi } from "../../api/use-api.ts";
import { useCurrentUser } from "../../auth/auth-context.tsx";
import { userCan } from "../../auth/permissions.ts";
import { ExportLinks } from "../../components/download-links.tsx";
import { EmptyState } from "../../components/empty-state.tsx";
import { ErrorState } from "../../components/error-state.tsx";
import { LoadingState } from "../../components/loading-state.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { navigate } from "../../router/navigation.ts";
import { ContractPanel } from "./contract-panel.tsx";
import type { ContractListItem } from "./contract-types.ts";
import { ContractsTable } from "./contracts-table.tsx";
import { UploadContractForm } from "./upload-contract-form.tsx";
import "./contracts.css";

/** Contracts across engagements, and the upload form for legal. */
export function ContractsPage() {
  const user = useCurrentUser();
  const contracts = useApi<{ items: ContractListItem[] }>("/api/contracts");
  const pending = contracts.data?.items.some((c) => c.status === "queued" || c.status === "analysing");
  const { reload } = contracts;

  // Analyses run in the background: look again while some are still running.
  // biome-ignore lint/correctness/useExhaustiveDependencies: each new answer starts the next wait
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(reload, 1500);
    return () => clearTimeout(timer);
  }, [pending, reload, contracts.data]);

  return (
    <>
      <PageHeader
        title="Contracts"
        description="Vendor contracts, read clause by clause against the playbook (CT-1 to CT-10)."
        actions={<ExportLinks path="/api/contracts/export" what="the contracts" />}
      />
      <div className="contracts-layout">
        <ContractPanel title="All contracts">
          {contracts.status === "error" && <ErrorState error={contracts.error} onRetry={reload} />}
          {contracts.status === "loading" && !contracts.data && <LoadingState label="Loading contracts…" />}
          {contracts.data &&
            (contracts.data.items.length === 0 ? (
              <EmptyState title="No contracts yet">
                <p>
                  Upload an engagement's MSA, statements of work and NDAs: Warden finds the clauses that
                  protect your IP and what is missing.
                </p>
              </EmptyState>
            ) : (
              <ContractsTable contracts={contracts.data.items} />
            ))}
        </ContractPanel>
        {userCan(user, "contracts.write") && (
          <ContractPanel title="Upload a contract" description="The analysis runs in the background.">
            <UploadContractForm onUploaded={(c) => navigate(`/contracts/${c.id}`)} />
          </ContractPanel>
        )}
      </div>
    </>
  );
}
