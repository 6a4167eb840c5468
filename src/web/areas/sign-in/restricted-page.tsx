import type { SignInRestriction } from "../../api/api-types.ts";
import { useAuth } from "../../auth/auth-context.tsx";
import { ChangePasswordForm } from "../account/change-password-form.tsx";
import { SecondFactorEnrolment } from "../account/second-factor-enrolment.tsx";
import { SignInFrame } from "./sign-in-frame.tsx";

/**
 * What a signed-in user must do before anything else: choose their own password (an admin set
 * it) or set up a second factor (required of admins). The server refuses everything else meanwhile.
 */
export function RestrictedPage({ restriction }: { restriction: SignInRestriction }) {
  const { refresh, signOut } = useAuth();
  const done = () => void refresh();
  return (
    <SignInFrame
      title={restriction === "change_password" ? "Choose your own password" : "Set up a second factor"}
      intro={
        restriction === "change_password"
          ? "An admin set your password. Choose one only you know before you continue."
          : "Your organisation requires admins to sign in with a second factor. Set it up to continue."
      }
    >
      {restriction === "change_password" ? (
        <ChangePasswordForm onChanged={done} />
      ) : (
        <SecondFactorEnrolment onEnabled={done} />
      )}
      <button type="button" className="button button--quiet button--block" onClick={() => void signOut()}>
        Sign out
      </button>
    </SignInFrame>
  );
}
