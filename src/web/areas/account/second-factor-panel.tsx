import { type FormEvent, useState } from "react";
import { api } from "../../api/api-client.ts";
import type { SecondFactorStatus } from "../../api/api-types.ts";
import { useApi } from "../../api/use-api.ts";
import { Alert } from "../../components/alert.tsx";
import { BusyButton } from "../../components/busy-button.tsx";
import { ErrorState } from "../../components/error-state.tsx";
import { FormProblem } from "../../components/form-problem.tsx";
import { LoadingState } from "../../components/loading-state.tsx";
import { useSubmit } from "../../components/use-submit.ts";
import { CodeField } from "./code-field.tsx";
import { RecoveryCodesList } from "./recovery-codes-list.tsx";
import { SecondFactorEnrolment } from "./second-factor-enrolment.tsx";

/** Your second factor: enrol, or with a current code get new recovery codes or turn it off. */
export function SecondFactorPanel() {
  const status = useApi<SecondFactorStatus>("/api/auth/second-factor");
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [code, setCode] = useState("");
  const submit = useSubmit();

  if (status.status === "error") return <ErrorState error={status.error} onRetry={status.reload} />;
  if (!status.data) return <LoadingState label="Loading your second factor…" />;
  const { enabled, recoveryCodesLeft, required } = status.data;

  if (recoveryCodes) {
    return <RecoveryCodesList codes={recoveryCodes} onDone={() => setRecoveryCodes(null)} />;
  }
  if (!enabled) {
    return (
      <div className="stack">
        <p>
          {required
            ? "Your organisation requires a second factor for admins."
            : "Off. With it on, signing in with your password also asks for a code from an app on your phone."}
        </p>
        <SecondFactorEnrolment onEnabled={status.reload} />
      </div>
    );
  }

  const act = (path: string) => async (event: FormEvent) => {
    event.preventDefault();
    const ok = await submit.run(async () => {
      const answer = await api<{ recoveryCodes?: string[] }>(path, {
        method: "POST",
        body: { code: code.trim() },
      });
      if (answer.recoveryCodes) setRecoveryCodes(answer.recoveryCodes);
    });
    if (ok) {
      setCode("");
      status.reload();
    }
  };

  return (
    <div className="stack">
      <Alert tone="success">
        On. {recoveryCodesLeft} of 10 recovery codes left
        {recoveryCodesLeft < 3 ? ": make new ones soon." : "."}
      </Alert>
      <form
        className="form"
        noValidate
        aria-label="Manage second factor"
        onSubmit={act("/api/auth/second-factor/recovery-codes")}
      >
        <FormProblem error={submit.error} fields={["code"]} />
        <CodeField
          label="A current code from your app"
          value={code}
          onChange={setCode}
          error={submit.error?.fieldMessage("code")}
        />
        <div className="form-actions form-actions--start">
          <BusyButton className="button button--secondary" busy={submit.busy} busyLabel="Working…">
            New recovery codes
          </BusyButton>
          {!required && (
            <BusyButton
              type="button"
              className="button button--danger-quiet"
              busy={submit.busy}
              busyLabel="Working…"
              onClick={act("/api/auth/second-factor/disable")}
            >
              Turn off
            </BusyButton>
          )}
        </div>
      </form>
    </div>
  );
}
