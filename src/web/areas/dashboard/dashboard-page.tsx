import { useCurrentUser } from "../../auth/auth-context.tsx";
import { userCan } from "../../auth/permissions.ts";
import { EmptyState } from "../../components/empty-state.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { Link } from "../../router/link.tsx";

const UPCOMING = [
  "Engagements by stage",
  "A vendors × stage risk heat map",
  "What expires or falls due in the next 30 days: NDAs, certifications, insurance, attestations",
  "Roster turnover over time",
] as const;

export function DashboardPage() {
  const user = useCurrentUser();
  const firstName = user.name.split(/\s+/)[0] ?? user.name;
  return (
    <>
      <PageHeader
        title="Dashboard"
        description={`Welcome, ${firstName}. The state of your vendor engagements at a glance.`}
      />
      <EmptyState
        title="Nothing to show yet"
        upcoming={UPCOMING}
        action={
          userCan(user, "users.manage") ? (
            <Link to="/settings/users" className="button button--primary">
              Add your team's accounts
            </Link>
          ) : undefined
        }
      >
        <p>
          There are no vendors or engagements in Warden yet, so there is nothing to summarise. Once there are,
          this page will show:
        </p>
      </EmptyState>
    </>
  );
}
