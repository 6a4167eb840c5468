import { useState } from "react";
import { api } from "../../api/api-client.ts";
import type { ControlException } from "../../api/lifecycle-types.ts";
import { useCurrentUser } from "../../auth/auth-context.tsx";
import { userCan } from "../../auth/permissions.ts";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { ExpiryDate } from "../../components/expiry-date.tsx";
import { SectionPanel } from "../../components/section-panel.tsx";

/** The engagement's recorded exceptions, with who approved them and until when. */
export function ExceptionsList({
  exceptions,
  onChanged,
}: {
  exceptions: ControlException[];
  onChanged(): void;
}) {
  const user = useCurrentUser();
  const [revoking, setRevoking] = useState<ControlException | null>(null);
  if (exceptions.length === 0) return null;
  return (
    <SectionPanel
      title="Exceptions"
      description="Failing controls an admin let through, each until its expiry."
    >
      <ul className="item-list">
        {exceptions.map((x) => (
          <li key={x.id} className="item-list__item">
            <span className="item-list__title">{x.controlId}</span> {x.reason}
            {x.approvedBy && <span className="muted"> · approved by {x.approvedBy}</span>}
            <ExpiryDate date={x.expiresOn} />
            {userCan(user, "exceptions.approve") && (
              <button
                type="button"
                className="button button--danger-quiet button--small"
                onClick={() => setRevoking(x)}
              >
                Revoke
              </button>
            )}
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={revoking !== null}
        title="Revoke this exception?"
        message={`${revoking?.controlId ?? ""} will block the gate again while it fails.`}
        confirmLabel="Revoke"
        tone="danger"
        onClose={() => setRevoking(null)}
        onConfirm={async () => {
          if (!revoking) return;
          await api(`/api/exceptions/${revoking.id}`, { method: "DELETE" });
          onChanged();
        }}
      />
    </SectionPanel>
  );
}
