import { type FormEvent, useState } from "react";
import { api } from "../../api/api-client.ts";
import type { SecondFactorEnrolment as Enrolment } from "../../api/api-types.ts";
import { BusyButton } from "../../components/busy-button.tsx";
import { FormProblem } from "../../components/form-problem.tsx";
import { useSubmit } from "../../components/use-submit.ts";
import { CodeField } from "./code-field.tsx";
import { RecoveryCodesList } from "./recovery-codes-list.tsx";

/**
 * Enrols an authenticator app: a new secret as a QR code and as text, then one code from the app
 * turns it on and the recovery codes are shown once.
 */
export function SecondFactorEnrolment({ onEnabled }: { onEnabled(): void }) {
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [code, setCode] = useState("");
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const start = useSubmit();
  const confirm = useSubmit();

  if (recoveryCodes) return <RecoveryCodesList codes={recoveryCodes} onDone={onEnabled} />;

  if (!enrolment) {
    return (
      <div className="stack">
        <FormProblem error={start.error} fields={[]} />
        <BusyButton
          type="button"
          className="button button--primary"
          busy={start.busy}
          busyLabel="Preparing…"
          onClick={() =>
            start.run(async () =>
              setEnrolment(await api<Enrolment>("/api/auth/second-factor/enrolment", { method: "POST" })),
            )
          }
        >
          Set up an authenticator app
        </BusyButton>
      </div>
    );
  }

  const onConfirm = async (event: FormEvent) => {
    event.preventDefault();
    await confirm.run(async () => {
      const answer = await api<{ recoveryCodes: string[] }>("/api/auth/second-factor/confirm", {
        method: "POST",
        body: { code: code.trim() },
      });
      setRecoveryCodes(answer.recoveryCodes);
    });
  };

  return (
    <div className="stack">
      <p>
        Scan this code with your authenticator app (or type the key below), then enter the 6 digits it shows.
      </p>
      <img src={enrolment.qrCode} alt="QR code of the authenticator key" width={200} height={200} />
      <p>
        Key: <code data-testid="totp-secret">{enrolment.secret}</code>
      </p>
      <form className="form" onSubmit={onConfirm} noValidate aria-label="Confirm authenticator">
        <FormProblem error={confirm.error} fields={["code"]} />
        <CodeField
          label="Code from the app"
          value={code}
          onChange={setCode}
          error={confirm.error?.fieldMessage("code")}
        />
        <BusyButton className="button button--primary" busy={confirm.busy} busyLabel="Checking…">
          Turn on
        </BusyButton>
      </form>
    </div>
  );
}
