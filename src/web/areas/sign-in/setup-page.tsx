import { type FormEvent, useEffect, useState } from "react";
import { api, isApiError } from "../../api/api-client.ts";
import { useAuth } from "../../auth/auth-context.tsx";
import { Alert } from "../../components/alert.tsx";
import { BusyButton } from "../../components/busy-button.tsx";
import { LoadingState } from "../../components/loading-state.tsx";
import { TextField } from "../../components/text-field.tsx";
import { useFormFields } from "../../components/use-form-fields.ts";
import { useSubmit } from "../../components/use-submit.ts";
import { Link } from "../../router/link.tsx";
import { NewPasswordFields, newPasswordProblems } from "./new-password-fields.tsx";
import { SignInFrame } from "./sign-in-frame.tsx";

export { MIN_PASSWORD_LENGTH } from "./new-password-fields.tsx";

/** Creates the first admin from the one-time link; on success the admin is signed in. */
export function SetupPage({ token }: { token: string | null }) {
  const { completeSetup } = useAuth();
  const [needed, setNeeded] = useState<boolean | null>(null);
  const [probeError, setProbeError] = useState<string | null>(null);
  const submit = useSubmit();
  const { draft, set, err } = useFormFields({ name: "", email: "", password: "", confirm: "" }, submit);
  const [localErrors, setLocalErrors] = useState<Partial<Record<keyof typeof draft, string>>>({});

  useEffect(() => {
    const controller = new AbortController();
    api<{ needed: boolean }>("/api/setup", { signal: controller.signal, expectUnauthenticated: true })
      .then((answer) => setNeeded(answer.needed))
      .catch((e: unknown) => {
        if (!controller.signal.aborted)
          setProbeError(isApiError(e) ? e.detail : "Warden could not be reached.");
      });
    return () => controller.abort();
  }, []);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const problems: typeof localErrors = newPasswordProblems(draft.password, draft.confirm);
    if (!draft.name.trim()) problems.name = "Enter your name.";
    if (!draft.email.trim()) problems.email = "Enter your email address.";
    setLocalErrors(problems);
    submit.clear();
    if (Object.keys(problems).length > 0) return;
    await submit.run(() =>
      completeSetup({
        token: token ?? "",
        name: draft.name.trim(),
        email: draft.email.trim(),
        password: draft.password,
      }),
    );
  };

  if (!token) {
    return (
      <SignInFrame title="Set up Warden">
        <Alert tone="error" title="The setup link is incomplete">
          Open the full link that <code>warden serve</code> printed, including its <code>?token=…</code> part.
        </Alert>
      </SignInFrame>
    );
  }
  if (probeError) {
    return (
      <SignInFrame title="Set up Warden">
        <Alert tone="error">{probeError}</Alert>
      </SignInFrame>
    );
  }
  if (needed === null) {
    return (
      <SignInFrame title="Set up Warden">
        <LoadingState />
      </SignInFrame>
    );
  }
  if (!needed) {
    return (
      <SignInFrame title="Warden is already set up">
        <p>An admin exists, so this link no longer works.</p>
        <p>
          <Link to="/login">Sign in</Link>, or ask an admin for an account.
        </p>
      </SignInFrame>
    );
  }

  const fieldError = (field: keyof typeof draft) => localErrors[field] ?? err(field);
  const error = submit.error;
  const formError =
    error && (error.fieldErrors.length === 0 || error.fieldMessage("token")) ? error.detail : null;

  return (
    <SignInFrame
      title="Create the first admin"
      intro={<p>This account manages users and settings. There is no default password: choose one now.</p>}
    >
      {formError && (
        <Alert tone="error" title="Setup failed">
          {formError}
        </Alert>
      )}
      <form className="form" onSubmit={save} noValidate>
        <TextField
          label="Full name"
          name="name"
          autoComplete="name"
          required
          autoFocus
          value={draft.name}
          onChange={set("name")}
          error={fieldError("name")}
        />
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="username"
          required
          value={draft.email}
          onChange={set("email")}
          error={fieldError("email")}
        />
        <NewPasswordFields
          password={draft.password}
          confirm={draft.confirm}
          onPassword={set("password")}
          onConfirm={set("confirm")}
          errors={{ password: fieldError("password"), confirm: fieldError("confirm") }}
        />
        <BusyButton className="button button--primary button--block" busy={submit.busy} busyLabel="Creating…">
          Create admin and sign in
        </BusyButton>
      </form>
    </SignInFrame>
  );
}
