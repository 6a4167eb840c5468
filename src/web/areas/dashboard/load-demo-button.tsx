import { api } from "../../api/api-client.ts";
import { Alert } from "../../components/alert.tsx";
import { BusyButton } from "../../components/busy-button.tsx";
import { useSubmit } from "../../components/use-submit.ts";

/** Loads the demo workspace into an empty Warden (the server refuses once vendors exist). */
export function LoadDemoButton({ onLoaded }: { onLoaded(): void }) {
  const submit = useSubmit();
  return (
    <div className="stack">
      {submit.error && <Alert tone="error">{submit.error.detail}</Alert>}
      <BusyButton
        type="button"
        className="button button--primary"
        busy={submit.busy}
        busyLabel="Loading the demo…"
        onClick={async () => {
          if (await submit.run(() => api("/api/demo", { method: "POST" }))) onLoaded();
        }}
      >
        Load demo workspace
      </BusyButton>
    </div>
  );
}
