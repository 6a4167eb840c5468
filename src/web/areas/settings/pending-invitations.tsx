import { useState } from "react";
import { api, isApiError } from "../../api/api-client.ts";
import type { PendingInvitation } from "../../api/api-types.ts";
import { useApi } from "../../api/use-api.ts";
import { Alert } from "../../components/alert.tsx";
import { ErrorState } from "../../components/error-state.tsx";
import { formatDateTime } from "../../components/format-date-time.ts";

/** Invited people who have not set their password yet; an admin can mail them a new link. */
export function PendingInvitations({ reloadKey }: { reloadKey: number }) {
  const pending = useApi<{ items: PendingInvitation[] }>(`/api/invitations?r=${reloadKey}`);
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);

  if (pending.status === "error") return <ErrorState error={pending.error} onRetry={pending.reload} />;
  const items = pending.data?.items ?? [];
  if (items.length === 0) return null;

  const resend = async (invitation: PendingInvitation) => {
    try {
      await api(`/api/users/${encodeURIComponent(invitation.userId)}/invitation`, { method: "POST" });
      setMessage({
        tone: "success",
        text: `A new link was mailed to ${invitation.email}; the old one no longer works.`,
      });
      pending.reload();
    } catch (e) {
      setMessage({ tone: "error", text: isApiError(e) ? e.detail : "The invitation was not sent." });
    }
  };

  return (
    <section aria-labelledby="pending-invitations">
      <h3 className="section-title" id="pending-invitations">
        Pending invitations
      </h3>
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Link</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.userId}>
              <td>{i.name}</td>
              <td>{i.email}</td>
              <td>{i.role}</td>
              <td>
                {i.expired
                  ? `Expired ${formatDateTime(i.expiresAt)}`
                  : `Works until ${formatDateTime(i.expiresAt)}`}
              </td>
              <td>
                <button type="button" className="button" onClick={() => resend(i)}>
                  Re-send
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
