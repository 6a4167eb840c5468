import type { ApiError } from "../api/api-client.ts";
import { Alert } from "./alert.tsx";

/** A failed load: what the server said, and a way to try again. */
export function ErrorState({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const title =
    error.status === 403 ? "Not allowed" : error.status === 0 ? "Warden is unreachable" : "Could not load";
  return (
    <Alert tone="error" title={title}>
      <p>{error.detail}</p>
      {onRetry && error.status !== 403 && (
        <button type="button" className="button button--secondary button--small" onClick={onRetry}>
          Try again
        </button>
      )}
    </Alert>
  );
}
