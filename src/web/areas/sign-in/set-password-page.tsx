import { type FormEvent, useState } from "react";
import { api } from "../../api/api-client.ts";
import { Alert } from "../../components/alert.tsx";
import { BusyButton } from "../../components/busy-button.tsx";
import { useFormFields } from "../../components/use-form-fields.ts";
import { useSubmit } from "../../components/use-submit.ts";
import { Link } from "../../router/link.tsx";
import { NewPasswordFields, newPasswordProblems } from "./new-password-fields.tsx";
import { SignInFrame } from "./sign-in-frame.tsx";

/**
 * Where an invitation link lands (public): the invited person chooses their password. The
 * link's token is in the address's fragment, which the browser sends to no server but this call.
 */
export function SetPasswordPage() {
  const token = window.location.hash.replace(/^#/, "");
  const submit = useSubmit();
  const { draft, set, err } = useFormFields({ password: "", confirm: "" }, submit);
  const [localErrors, setLocalErrors] = useState<{ password?: string; confirm?: string }>({});
  const [done, setDone] = useState<string | null>(null);

  if (!token) {
    return (
      <SignInFrame title="Set your password">
        <Alert tone="error" title="The invitation link is incomplete">
          Open the full link from your invitation mail, including the part after <code>#</code>.
        </Alert>
      </SignInFrame>
    );
  }
  if (done) {
    return (
      <SignInFrame title="Your password is set">
        <p>
          Sign in as <strong>{done}</strong> with your new password.
        </p>
        <p>
          <Link to="/login">Sign in</Link>
        </p>
      </SignInFrame>
    );
  }

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const problems = newPasswordProblems(draft.password, draft.confirm);
    setLocalErrors(problems);
    submit.clear();
    if (Object.keys(problems).length > 0) return;
    await submit.run(async () => {
      const answer = await api<{ email: string }>("/api/invitations/accept", {
        method: "POST",
        body: { token, password: draft.password },
        expectUnauthenticated: true,
      });
      setDone(answer.email);
    });
  };

  const error = submit.error;
  const formError = error && !error.fieldMessage("password") ? error.detail : null;
  return (
    <SignInFrame
      title="Set your password"
      intro={<p>You were invited to Warden. Choose the password you will sign in with.</p>}
    >
      {formError && (
        <Alert tone="error" title="The password was not set">
          {formError}
        </Alert>
      )}
      <form className="form" onSubmit={save} noValidate>
        <NewPasswordFields
          autoFocus
          password={draft.password}
          confirm={draft.confirm}
          onPassword={set("password")}
          onConfirm={set("confirm")}
          errors={{
            password: localErrors.password ?? err("password"),
            confirm: localErrors.confirm ?? err("confirm"),
          }}
        />
        <BusyButton className="button button--primary" busy={submit.busy} busyLabel="Saving…">
          Set password
        </BusyButton>
      </form>
    </SignInFrame>
  );
}
