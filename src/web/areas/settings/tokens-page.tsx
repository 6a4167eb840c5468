import { useState } from "react";
import { api } from "../../api/api-client.ts";
import type { ApiToken, NewApiToken } from "../../api/api-types.ts";
import { useApi } from "../../api/use-api.ts";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { ErrorState } from "../../components/error-state.tsx";
import { LoadingState } from "../../components/loading-state.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { CreateTokenForm } from "./create-token-form.tsx";
import { NewTokenSecret } from "./new-token-secret.tsx";
import { TokensTable } from "./tokens-table.tsx";

/** Your API tokens for the CLI and integrations: make one (its secret is shown once), list, revoke. */
export function TokensPage() {
  const tokens = useApi<{ items: ApiToken[] }>("/api/tokens");
  const [created, setCreated] = useState<NewApiToken | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);

  return (
    <>
      <PageHeader
        level={2}
        title="API tokens"
        description={
          <>
            For the <code>warden</code> CLI and integrations: send it as <code>Authorization: Bearer …</code>.
            A token acts as you, with your role.
          </>
        }
      />
      {created && <NewTokenSecret created={created} onDone={() => setCreated(null)} />}
      <CreateTokenForm
        onCreated={(token) => {
          setCreated(token);
          tokens.reload();
        }}
      />
      <h3 className="section-title">Your tokens</h3>
      {tokens.status === "error" && <ErrorState error={tokens.error} onRetry={tokens.reload} />}
      {tokens.status === "loading" && !tokens.data && <LoadingState label="Loading tokens…" />}
      {tokens.data &&
        (tokens.data.items.length === 0 ? (
          <p className="muted">You have no API tokens.</p>
        ) : (
          <TokensTable tokens={tokens.data.items} onRevoke={setRevoking} />
        ))}
      <ConfirmDialog
        open={revoking !== null}
        title="Revoke this token?"
        message={`Anything using “${revoking?.name ?? ""}” (${revoking?.prefix ?? ""}…) stops working at once. This cannot be undone.`}
        confirmLabel="Revoke"
        tone="danger"
        onClose={() => setRevoking(null)}
        onConfirm={async () => {
          if (!revoking) return;
          await api(`/api/tokens/${encodeURIComponent(revoking.id)}`, { method: "DELETE" });
          tokens.reload();
        }}
      />
    </>
  );
}
