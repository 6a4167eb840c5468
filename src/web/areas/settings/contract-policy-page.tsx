import { useApi } from "../../api/use-api.ts";
import { useCurrentUser } from "../../auth/auth-context.tsx";
import { userCan } from "../../auth/permissions.ts";
import { Alert } from "../../components/alert.tsx";
import { ErrorState } from "../../components/error-state.tsx";
import { LoadingState } from "../../components/loading-state.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import type { ContractPolicy } from "./contract-policy-draft.ts";
import { ContractPolicyForm } from "./contract-policy-form.tsx";

/**
 * What the organisation requires of an outsourcing contract, control by
 * control: every internal user reads it, admins change it.
 */
export function ContractPolicyPage() {
  const user = useCurrentUser();
  const policy = useApi<ContractPolicy>("/api/settings/contract-policy");
  const canManage = userCan(user, "settings.manage");

  return (
    <>
      <PageHeader
        level={2}
        title="Contract policy"
        description="What Warden expects of an outsourcing contract when it checks the contract controls, and what it reports when a contract falls short."
      />
      <Alert tone="info" title="When the policy applies">
        <p>
          Warden checks a contract against the policy when it analyses it: on upload, when someone asks for a
          re-analysis, and when legal confirms or rejects one of its clauses. Saving a change does not check
          again the contracts already analysed; re-analyse a contract from its page to apply the policy as it
          now stands.
        </p>
        {!canManage && <p>Only an admin can change the policy.</p>}
      </Alert>
      {policy.status === "error" && <ErrorState error={policy.error} onRetry={policy.reload} />}
      {policy.status === "loading" && !policy.data && <LoadingState label="Loading the contract policy…" />}
      {policy.data && (
        <ContractPolicyForm policy={policy.data} canManage={canManage} onSaved={policy.reload} />
      )}
    </>
  );
}
