import { useCurrentUser } from "../../auth/auth-context.tsx";
import { userCan } from "../../auth/permissions.ts";
import { Redirect } from "../../router/redirect.tsx";
import { DashboardPage } from "./dashboard-page.tsx";

/** "/" is the dashboard for internal roles and the portal for vendor contacts. */
export function HomeRoute() {
  const user = useCurrentUser();
  return userCan(user, "internal.read") ? <DashboardPage /> : <Redirect to="/portal" />;
}
