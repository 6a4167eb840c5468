import { api } from "../../api/api-client.ts";
import { Alert } from "../../components/alert.tsx";
import { useSubmit } from "../../components/use-submit.ts";

/** Loads the demo workspace into an empty Warden (the server refuses once vendors exist). */
export function LoadDemoButton({ onLoaded }: { onLoaded(): void }) {
  const submit = useSubmit();
  return (
    <div className="stack">
      {submit.error && <Alert tone="error">{submit.error.detail}</Alert>}
      <button
        type="button"
        className="button button--primary"
        disabled={submit.busy}
        aria-busy={submit.busy}
        onClick={async () => {
          if (await submit.run(() => api("/api/demo", { method: "POST" }))) onLoaded();
        }}
      >
        {submit.busy ? "Loading the demo…" : "Load demo workspace"}
      </button>
    </div>
  );
}
