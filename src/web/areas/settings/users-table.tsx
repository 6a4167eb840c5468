import type { User } from "../../api/api-types.ts";
import { ROLE_LABELS } from "../../auth/role-labels.ts";
import { formatDate } from "../../components/format-date-time.ts";

export interface UsersTableProps {
  users: readonly User[];
  currentUserId: string;
  onToggle(user: User): void;
  onResetSecondFactor(user: User): void;
}

export function UsersTable({ users, currentUserId, onToggle, onResetSecondFactor }: UsersTableProps) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Users</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Created</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <th scope="row" className="table__primary">
                {user.name}
                {user.id === currentUserId && <span className="muted"> (you)</span>}
              </th>
              <td className="table__wrap">{user.email}</td>
              <td>{ROLE_LABELS[user.role]}</td>
              <td>
                <span className={`status ${user.disabled ? "status--off" : "status--on"}`}>
                  {user.disabled ? "Disabled" : "Active"}
                </span>
                {user.secondFactor && <span className="muted"> · second factor</span>}
                {user.mustChangePassword && <span className="muted"> · must change password</span>}
              </td>
              <td>{formatDate(user.createdAt)}</td>
              <td className="table__actions">
                {user.secondFactor && user.id !== currentUserId && (
                  <button
                    type="button"
                    className="button button--small button--secondary"
                    onClick={() => onResetSecondFactor(user)}
                    aria-label={`Remove ${user.name}'s second factor`}
                  >
                    Reset second factor
                  </button>
                )}
                {user.id !== currentUserId && (
                  <button
                    type="button"
                    className={`button button--small ${user.disabled ? "button--secondary" : "button--danger-quiet"}`}
                    onClick={() => onToggle(user)}
                    aria-label={`${user.disabled ? "Enable" : "Disable"} ${user.name}`}
                  >
                    {user.disabled ? "Enable" : "Disable"}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
