import { useState } from "react";
import { api, isApiError } from "../../api/api-client.ts";
import type { AuditVerdict } from "../../api/api-types.ts";
import { Alert } from "../../components/alert.tsx";
import { BusyButton } from "../../components/busy-button.tsx";

type State =
  | { status: "idle" }
  | { status: "checking" }
  | { status: "done"; verdict: AuditVerdict; at: Date }
  | { status: "failed"; message: string };

const timeOfDay = new Intl.DateTimeFormat(undefined, { timeStyle: "medium" });

/** Walks the whole hash chain on the server and shows the verdict, naming the first bad entry. */
export function VerifyChain() {
  const [state, setState] = useState<State>({ status: "idle" });

  const verify = async () => {
    setState({ status: "checking" });
    try {
      const verdict = await api<AuditVerdict>("/api/audit/verify");
      setState({ status: "done", verdict, at: new Date() });
    } catch (e) {
      setState({ status: "failed", message: isApiError(e) ? e.detail : "The check could not run." });
    }
  };

  return (
    <div className="verify">
      <BusyButton
        type="button"
        className="button button--secondary"
        onClick={verify}
        busy={state.status === "checking"}
        busyLabel="Verifying…"
      >
        Verify chain
      </BusyButton>
      <div className="verify__result" aria-live="polite">
        {state.status === "done" && state.verdict.ok && (
          <Alert tone="success" title="The chain is intact">
            All {state.verdict.checked} entries check out (verified at {timeOfDay.format(state.at)}).
          </Alert>
        )}
        {state.status === "done" && !state.verdict.ok && (
          <Alert tone="error" title="The chain is broken">
            <p>
              {state.verdict.problem
                ? `Entry #${state.verdict.problem.seq} (${state.verdict.problem.kind}): ${state.verdict.problem.message}`
                : "An entry does not match the chain."}
            </p>
            <p>
              Checked {state.verdict.checked} entries. Restore from a backup or investigate who changed the
              database.
            </p>
          </Alert>
        )}
        {state.status === "failed" && <Alert tone="error">{state.message}</Alert>}
      </div>
    </div>
  );
}
