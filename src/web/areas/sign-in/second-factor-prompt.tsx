import { type FormEvent, useState } from "react";
import { useAuth } from "../../auth/auth-context.tsx";
import { BusyButton } from "../../components/busy-button.tsx";
import { FormProblem } from "../../components/form-problem.tsx";
import { useSubmit } from "../../components/use-submit.ts";
import { CodeField } from "../account/code-field.tsx";

/** The second step of a password sign-in: the app's code, or one of the recovery codes. */
export function SecondFactorPrompt({ challenge, onRestart }: { challenge: string; onRestart(): void }) {
  const { verifySecondFactor } = useAuth();
  const [code, setCode] = useState("");
  const submit = useSubmit();
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await submit.run(() => verifySecondFactor(challenge, code.trim()));
    if (!ok) setCode("");
  };
  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label="Second factor">
      <p>Enter the 6-digit code from your authenticator app, or one of your recovery codes.</p>
      <FormProblem error={submit.error} fields={["code"]} />
      <CodeField
        label="Code"
        value={code}
        onChange={setCode}
        error={submit.error?.fieldMessage("code")}
        autoFocus
      />
      <BusyButton className="button button--primary button--block" busy={submit.busy} busyLabel="Checking…">
        Verify
      </BusyButton>
      {submit.error?.code === "unauthenticated" && submit.error.problem.reason !== "second_factor" && (
        <button type="button" className="button button--secondary button--block" onClick={onRestart}>
          Sign in again
        </button>
      )}
    </form>
  );
}
