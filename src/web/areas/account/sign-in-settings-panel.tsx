import { api } from "../../api/api-client.ts";
import type { SignInSettings } from "../../api/api-types.ts";
import { useApi } from "../../api/use-api.ts";
import { CheckboxField } from "../../components/checkbox-field.tsx";
import { ErrorState } from "../../components/error-state.tsx";
import { FormProblem } from "../../components/form-problem.tsx";
import { LoadingState } from "../../components/loading-state.tsx";
import { useSubmit } from "../../components/use-submit.ts";

/** The organisation's sign-in rules (admins): each switch saves at once. */
export function SignInSettingsPanel() {
  const settings = useApi<SignInSettings>("/api/settings/sign-in");
  const submit = useSubmit();
  if (settings.status === "error") return <ErrorState error={settings.error} onRetry={settings.reload} />;
  if (!settings.data) return <LoadingState label="Loading the sign-in settings…" />;
  const save = (patch: Partial<SignInSettings>) =>
    submit.run(async () => {
      await api("/api/settings/sign-in", { method: "PATCH", body: patch });
      settings.reload();
    });
  return (
    <div className="stack">
      <FormProblem error={submit.error} fields={[]} />
      <CheckboxField
        label="Admins must use a second factor"
        hint="An admin without one is sent to set it up at the next password sign-in, and can do nothing else until then."
        checked={settings.data.adminSecondFactorRequired}
        disabled={submit.busy}
        onChange={(e) => save({ adminSecondFactorRequired: e.target.checked })}
      />
      <CheckboxField
        label="Internal users may sign in with a password"
        hint="Off: they sign in through single sign-on only. Admins keep their password as the way in when the identity provider is down; vendor contacts keep theirs."
        checked={settings.data.internalPasswordSignIn}
        disabled={submit.busy}
        onChange={(e) => save({ internalPasswordSignIn: e.target.checked })}
      />
    </div>
  );
}
