import { useState } from "react";
import type { User } from "../api/api-types.ts";
import { useAuth } from "../auth/auth-context.tsx";
import { ROLE_LABELS } from "../auth/role-labels.ts";

/** Who is signed in, as what, and the way out. */
export function UserMenu({ user }: { user: User }) {
  const { signOut } = useAuth();
  const [busy, setBusy] = useState(false);
  return (
    <div className="user-menu">
      <span className="user-menu__who">
        <span className="user-menu__name">{user.name}</span>
        <span className="badge">{ROLE_LABELS[user.role]}</span>
      </span>
      <button
        type="button"
        className="button button--secondary button--small"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          try {
            await signOut();
          } finally {
            setBusy(false);
          }
        }}
      >
        Sign out
      </button>
    </div>
  );
}
