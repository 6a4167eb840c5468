import { useCallback, useState } from "react";
import { ApiError, isApiError } from "../api/api-client.ts";

export interface Submit {
  busy: boolean;
  error: ApiError | null;
  /** Runs the action; resolves true when it succeeded (the error is kept otherwise). */
  run(action: () => Promise<unknown>): Promise<boolean>;
  clear(): void;
}

/**
 * The busy flag and the server's refusal of one form's submission.
 *
 * @example
 * const submit = useSubmit();
 * const ok = await submit.run(() => api("/api/vendors", { method: "POST", body }));
 * <TextField error={submit.error?.fieldMessage("legalName")} />
 */
export function useSubmit(): Submit {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = useCallback(async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (e) {
      setError(
        isApiError(e)
          ? e
          : new ApiError({ status: 0, code: "client", detail: "The action failed. Try again." }),
      );
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  const clear = useCallback(() => setError(null), []);
  return { busy, error, run, clear };
}
