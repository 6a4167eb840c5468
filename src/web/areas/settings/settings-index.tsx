import { useCurrentUser } from "../../auth/auth-context.tsx";
import { Redirect } from "../../router/redirect.tsx";
import { settingsSectionsFor } from "./settings-sections.ts";

/** /settings opens the first section this user may see. */
export function SettingsIndex() {
  const user = useCurrentUser();
  const first = settingsSectionsFor(user)[0];
  return <Redirect to={first?.to ?? "/"} />;
}
