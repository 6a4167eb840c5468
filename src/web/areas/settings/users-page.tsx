import { useEffect, useState } from "react";
import { api, query } from "../../api/api-client.ts";
import type { Page, User } from "../../api/api-types.ts";
import { useApi } from "../../api/use-api.ts";
import { useCurrentUser } from "../../auth/auth-context.tsx";
import { Alert } from "../../components/alert.tsx";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { ErrorState } from "../../components/error-state.tsx";
import { LoadingState } from "../../components/loading-state.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { Pagination } from "../../components/pagination.tsx";
import { SearchBox } from "../../components/search-box.tsx";
import { navigate } from "../../router/navigation.ts";
import { useLocation } from "../../router/use-location.ts";
import { CreateUserDialog } from "./create-user-dialog.tsx";
import { PendingInvitations } from "./pending-invitations.tsx";
import { UsersTable } from "./users-table.tsx";

export const USERS_PAGE_SIZE = 20;

/** Admins: every account, searchable and paged (the search and page live in the address). */
export function UsersPage() {
  const me = useCurrentUser();
  const { search } = useLocation();
  const q = search.get("q") ?? "";
  const offset = Math.max(0, Number(search.get("offset")) || 0);
  const users = useApi<Page<User>>(`/api/users${query({ q, limit: USERS_PAGE_SIZE, offset })}`);
  const [creating, setCreating] = useState<"password" | "invite" | null>(null);
  const [invitations, setInvitations] = useState(0);
  const [toggling, setToggling] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    if (!notice) return;
    const timer = window.setTimeout(() => setNotice(null), 8000);
    return () => window.clearTimeout(timer);
  }, [notice]);

  // Paging adds a history entry (Back returns to the previous page); a search replaces the current one.
  const go = (next: { q?: string; offset?: number }, replace = false) =>
    navigate(`/settings/users${query({ q: next.q ?? q, offset: next.offset || undefined })}`, { replace });

  return (
    <>
      <PageHeader
        level={2}
        title="Users"
        description="Everyone who can sign in to Warden, and their role."
        actions={
          <>
            <button type="button" className="button button--primary" onClick={() => setCreating("invite")}>
              Invite
            </button>
            <button type="button" className="button" onClick={() => setCreating("password")}>
              New user with a password
            </button>
          </>
        }
      />
      {notice && <Alert tone="success">{notice}</Alert>}
      <SearchBox
        value={q}
        label="Search users by name or email"
        hideLabel
        placeholder="Search by name or email"
        onSearch={(text) => go({ q: text, offset: 0 }, true)}
      />
      {users.status === "error" && <ErrorState error={users.error} onRetry={users.reload} />}
      {users.status === "loading" && !users.data && <LoadingState label="Loading users…" />}
      {users.data && (
        <div aria-busy={users.status === "loading"}>
          {users.data.items.length === 0 ? (
            <p className="muted">{q ? `No user matches “${q}”.` : "No users yet."}</p>
          ) : (
            <UsersTable
              users={users.data.items}
              currentUserId={me.id}
              onToggle={setToggling}
              onResetSecondFactor={setResetting}
            />
          )}
          <Pagination
            total={users.data.total}
            limit={users.data.limit}
            offset={users.data.offset}
            noun="users"
            onChange={(next) => go({ offset: next })}
          />
        </div>
      )}
      <PendingInvitations reloadKey={invitations} />
      <CreateUserDialog
        open={creating !== null}
        invite={creating === "invite"}
        onClose={() => setCreating(null)}
        onCreated={(user) => {
          const invited = creating === "invite";
          setCreating(null);
          setNotice(
            invited
              ? `An invitation was mailed to ${user.email}: ${user.name} sets a password from its link.`
              : `${user.name} (${user.email}) can now sign in.`,
          );
          setInvitations((n) => n + 1);
          users.reload();
        }}
      />
      <ConfirmDialog
        open={resetting !== null}
        title="Remove this user's second factor?"
        message={`${resetting?.name ?? ""} (${resetting?.email ?? ""}) will be signed out everywhere and can sign in with the password alone, then set up a new authenticator. Do this only when you are sure it is them who lost theirs.`}
        confirmLabel="Remove second factor"
        tone="danger"
        onClose={() => setResetting(null)}
        onConfirm={async () => {
          if (!resetting) return;
          await api(`/api/users/${encodeURIComponent(resetting.id)}/second-factor/reset`, { method: "POST" });
          setNotice(`${resetting.name}'s second factor is removed.`);
          users.reload();
        }}
      />
      <ConfirmDialog
        open={toggling !== null}
        title={toggling?.disabled ? "Enable this user?" : "Disable this user?"}
        message={
          toggling?.disabled
            ? `${toggling.name} (${toggling.email}) will be able to sign in again.`
            : `${toggling?.name ?? ""} (${toggling?.email ?? ""}) will be signed out everywhere and cannot sign in until enabled again. Their API tokens stop working too.`
        }
        confirmLabel={toggling?.disabled ? "Enable" : "Disable"}
        tone={toggling?.disabled ? "primary" : "danger"}
        onClose={() => setToggling(null)}
        onConfirm={async () => {
          if (!toggling) return;
          const action = toggling.disabled ? "enable" : "disable";
          await api<User>(`/api/users/${encodeURIComponent(toggling.id)}/${action}`, { method: "POST" });
          setNotice(`${toggling.name} is ${action}d.`);
          users.reload();
        }}
      />
    </>
  );
}
