import { type FormEvent, useEffect, useState } from "react";
import { type ApiError, api, isApiError } from "../../api/api-client.ts";
import { useAuth } from "../../auth/auth-context.tsx";
import { Alert } from "../../components/alert.tsx";
import { BusyButton } from "../../components/busy-button.tsx";
import { TextField } from "../../components/text-field.tsx";
import { SecondFactorPrompt } from "./second-factor-prompt.tsx";
import { SignInFrame } from "./sign-in-frame.tsx";
import { SsoSignIn } from "./sso-sign-in.tsx";

const timeOfDay = new Intl.DateTimeFormat(undefined, { timeStyle: "short" });

/**
 * Single sign-on when configured, email and password, then the second factor's code for accounts
 * that have one; says plainly what went wrong, including when sign-in is throttled.
 */
export function LoginPage({ sessionEnded, ssoError }: { sessionEnded: boolean; ssoError: string | null }) {
  const { signIn } = useAuth();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [setupNeeded, setSetupNeeded] = useState(false);
  const [challenge, setChallenge] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    api<{ needed: boolean }>("/api/setup", { signal: controller.signal, expectUnauthenticated: true })
      .then((answer) => setSetupNeeded(answer.needed))
      .catch(() => {});
    return () => controller.abort();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const pending = await signIn(email.trim(), password);
      if (pending) {
        setChallenge(pending.challenge);
        setPassword("");
      }
    } catch (e) {
      setError(isApiError(e) ? e : null);
      setPassword("");
    } finally {
      setBusy(false);
    }
  };

  if (challenge) {
    return (
      <SignInFrame title="Second factor">
        <SecondFactorPrompt challenge={challenge} onRestart={() => setChallenge(null)} />
      </SignInFrame>
    );
  }

  return (
    <SignInFrame title="Sign in">
      {sessionEnded && !error && (
        <Alert tone="info">Your session ended. Sign in again to continue where you were.</Alert>
      )}
      {setupNeeded && (
        <Alert tone="warning" title="No admin exists yet">
          Open the one-time setup link that <code>warden serve</code> printed when it started to create the
          first admin.
        </Alert>
      )}
      <SsoSignIn error={ssoError} />
      {error && <LoginError error={error} />}
      <form className="form" onSubmit={submit} noValidate>
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="username"
          required
          autoFocus
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={error?.fieldMessage("email")}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={error?.fieldMessage("password")}
        />
        <BusyButton className="button button--primary button--block" busy={busy} busyLabel="Signing in…">
          Sign in
        </BusyButton>
      </form>
    </SignInFrame>
  );
}

function LoginError({ error }: { error: ApiError }) {
  if (error.code === "rate_limited") {
    const until = error.retryAfterSeconds ? new Date(Date.now() + error.retryAfterSeconds * 1000) : null;
    return (
      <Alert tone="error" title="Too many attempts">
        <p>{error.detail}</p>
        {until && <p>You can try again after {timeOfDay.format(until)}.</p>}
      </Alert>
    );
  }
  if (error.fieldErrors.length > 0 && error.code === "invalid_input") {
    return <Alert tone="error">Check the highlighted fields.</Alert>;
  }
  return (
    <Alert tone="error" title={error.status === 401 ? "Not signed in" : "Sign-in failed"}>
      {error.detail}
    </Alert>
  );
}
