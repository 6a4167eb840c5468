import { type FormEvent, useEffect, useState } from "react";
import { type ApiError, api, isApiError } from "../../api/api-client.ts";
import { useAuth } from "../../auth/auth-context.tsx";
import { Alert } from "../../components/alert.tsx";
import { LoadingState } from "../../components/loading-state.tsx";
import { TextField } from "../../components/text-field.tsx";
import { Link } from "../../router/link.tsx";
import { SignInFrame } from "./sign-in-frame.tsx";

export const MIN_PASSWORD_LENGTH = 12;

/** Creates the first admin from the one-time link; on success the admin is signed in. */
export function SetupPage({ token }: { token: string | null }) {
  const { completeSetup } = useAuth();
  const [needed, setNeeded] = useState<boolean | null>(null);
  const [probeError, setProbeError] = useState<string | null>(null);
  const [form, setForm] = useState({ name: "", email: "", password: "", confirm: "" });
  const [localErrors, setLocalErrors] = useState<Partial<Record<keyof typeof form, string>>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

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

  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: typeof localErrors = {};
    if (!form.name.trim()) problems.name = "Enter your name.";
    if (!form.email.trim()) problems.email = "Enter your email address.";
    if (form.password.length < MIN_PASSWORD_LENGTH) {
      problems.password = `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
    }
    if (form.confirm !== form.password) problems.confirm = "The two passwords differ.";
    setLocalErrors(problems);
    setError(null);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    try {
      await completeSetup({
        token: token ?? "",
        name: form.name.trim(),
        email: form.email.trim(),
        password: form.password,
      });
    } catch (e) {
      setError(isApiError(e) ? e : null);
    } finally {
      setBusy(false);
    }
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

  const fieldError = (field: keyof typeof form) => localErrors[field] ?? error?.fieldMessage(field);
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
      <form className="form" onSubmit={submit} noValidate>
        <TextField
          label="Full name"
          name="name"
          autoComplete="name"
          required
          autoFocus
          value={form.name}
          onChange={set("name")}
          error={fieldError("name")}
        />
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="username"
          required
          value={form.email}
          onChange={set("email")}
          error={fieldError("email")}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={MIN_PASSWORD_LENGTH}
          hint={`At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words make a strong one.`}
          value={form.password}
          onChange={set("password")}
          error={fieldError("password")}
        />
        <TextField
          label="Repeat the password"
          name="confirm"
          type="password"
          autoComplete="new-password"
          required
          value={form.confirm}
          onChange={set("confirm")}
          error={fieldError("confirm")}
        />
        <button
          type="submit"
          className="button button--primary button--block"
          disabled={busy}
          aria-busy={busy}
        >
          {busy ? "Creating…" : "Create admin and sign in"}
        </button>
      </form>
    </SignInFrame>
  );
}
