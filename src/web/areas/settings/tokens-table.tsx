import type { ApiToken } from "../../api/api-types.ts";
import { formatDate, formatDateTime } from "../../components/format-date-time.ts";

function tokenState(token: ApiToken): { label: string; live: boolean } {
  if (token.revoked) return { label: "Revoked", live: false };
  if (token.expiresAt && new Date(token.expiresAt).getTime() <= Date.now())
    return { label: "Expired", live: false };
  return { label: "Active", live: true };
}

export function TokensTable({
  tokens,
  onRevoke,
}: {
  tokens: readonly ApiToken[];
  onRevoke(token: ApiToken): void;
}) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Your API tokens</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Starts with</th>
            <th scope="col">Created</th>
            <th scope="col">Expires</th>
            <th scope="col">Last used</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => {
            const state = tokenState(token);
            return (
              <tr key={token.id}>
                <th scope="row" className="table__primary">
                  {token.name}
                </th>
                <td>
                  <code>{token.prefix}…</code>
                </td>
                <td>{formatDate(token.createdAt)}</td>
                <td>{token.expiresAt ? formatDate(token.expiresAt) : "Never"}</td>
                <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : "Never"}</td>
                <td>
                  <span className={`status ${state.live ? "status--on" : "status--off"}`}>{state.label}</span>
                </td>
                <td className="table__actions">
                  {state.live && (
                    <button
                      type="button"
                      className="button button--small button--danger-quiet"
                      onClick={() => onRevoke(token)}
                      aria-label={`Revoke ${token.name}`}
                    >
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
