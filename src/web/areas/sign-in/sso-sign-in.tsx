import { useEffect, useState } from "react";
import { api } from "../../api/api-client.ts";
import { Alert } from "../../components/alert.tsx";

/** What the sign-in page says when the identity provider's answer was refused (finish-sso-sign-in.ts). */
const SSO_ERRORS: Record<string, string> = {
  no_role:
    "You have no Warden account, and none of your groups at the identity provider gives one. Ask an admin to add you to a group that maps to a Warden role.",
  email_unverified:
    "The identity provider did not confirm that it verified your email address, so Warden cannot tell which account is yours.",
  account_disabled: "Your Warden account is disabled. Ask an admin.",
  token_rejected:
    "The identity provider's answer could not be trusted, so you are not signed in. Try again; if it keeps failing, tell an admin.",
  state_unknown: "That sign-in expired or was already used. Start again.",
  state_mismatch: "That sign-in was not started in this browser. Start again.",
  provider_error: "The identity provider did not sign you in.",
  unavailable: "Single sign-on is not available right now. Try again later.",
};

/** "Sign in with <provider>" when single sign-on is configured, and why the last attempt failed. */
export function SsoSignIn({ error }: { error: string | null }) {
  const [provider, setProvider] = useState<{ enabled: boolean; name: string | null } | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    api<{ enabled: boolean; name: string | null }>("/api/auth/sso", {
      signal: controller.signal,
      expectUnauthenticated: true,
    })
      .then(setProvider)
      .catch(() => {});
    return () => controller.abort();
  }, []);
  return (
    <>
      {error && (
        <Alert tone="error" title="Single sign-on refused">
          {SSO_ERRORS[error] ?? SSO_ERRORS.unavailable}
        </Alert>
      )}
      {provider?.enabled && (
        <>
          <a className="button button--secondary button--block" href="/api/auth/sso/start">
            Sign in with {provider.name}
          </a>
          <p className="muted signin__or">or with your email and password</p>
        </>
      )}
    </>
  );
}
