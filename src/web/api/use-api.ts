import { useCallback, useEffect, useState } from "react";
import { ApiError, api, isApiError } from "./api-client.ts";

export type ApiData<T> =
  | { status: "loading"; data: T | undefined; error: null; reload(): void }
  | { status: "ready"; data: T; error: null; reload(): void }
  | { status: "error"; data: T | undefined; error: ApiError; reload(): void };

/**
 * Loads a GET endpoint and keeps it fresh when `path` changes; stale answers
 * from an earlier path are dropped. While a new path loads, the previous data
 * stays available (so lists do not flash empty between pages).
 *
 * @example
 * const users = useApi<Page<User>>(`/api/users${query({ q, offset })}`);
 * if (users.status === "error") return <ErrorState error={users.error} onRetry={users.reload} />;
 */
export function useApi<T>(path: string): ApiData<T> {
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<{ data: T | undefined; error: ApiError | null; loading: boolean }>({
    data: undefined,
    error: null,
    loading: true,
  });

  useEffect(() => {
    void version;
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    api<T>(path, { signal: controller.signal })
      .then((data) => setState({ data, error: null, loading: false }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        const apiError = isApiError(error)
          ? error
          : new ApiError({ status: 0, code: "client", detail: "The answer could not be read." });
        setState((s) => ({ data: s.data, error: apiError, loading: false }));
      });
    return () => controller.abort();
  }, [path, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);

  if (state.error) return { status: "error", data: state.data, error: state.error, reload };
  if (state.loading || state.data === undefined) {
    return { status: "loading", data: state.data, error: null, reload };
  }
  return { status: "ready", data: state.data, error: null, reload };
}
