import { useState } from "react";
import { useCurrentUser } from "../../auth/auth-context.tsx";
import { userCan } from "../../auth/permissions.ts";
import { Alert } from "../../components/alert.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { ChangePasswordForm } from "./change-password-form.tsx";
import { SecondFactorPanel } from "./second-factor-panel.tsx";
import { SignInSettingsPanel } from "./sign-in-settings-panel.tsx";

/** Settings › Sign-in & security: your password, your second factor, and (admins) the rules. */
export function AccountSecurityPage() {
  const user = useCurrentUser();
  const [changed, setChanged] = useState(false);
  return (
    <>
      <PageHeader level={2} title="Sign-in & security" description="How you prove it is you." />
      <h3 className="section-title">Second factor</h3>
      <SecondFactorPanel />
      <h3 className="section-title">Password</h3>
      {changed && <Alert tone="success">Password changed. Your other sessions have ended.</Alert>}
      <ChangePasswordForm onChanged={() => setChanged(true)} />
      {userCan(user, "settings.manage") && (
        <>
          <h3 className="section-title">Sign-in rules for everyone</h3>
          <SignInSettingsPanel />
        </>
      )}
    </>
  );
}
