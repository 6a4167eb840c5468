import { useCallback, useState } from "react";
import { ApiError, isApiError } from "../../api/api-client.ts";

/** The busy flag and the server's refusal of one of the contract forms. */
export function useFormSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = useCallback(async (action: () => Promise<unknown>): Promise<boolean> => {
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
  return { busy, error, run };
}
