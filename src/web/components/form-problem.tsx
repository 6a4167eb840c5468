import type { ApiError } from "../api/api-client.ts";
import { Alert } from "./alert.tsx";

/**
 * The server's refusal of a form: the detail when no shown field carries it,
 * otherwise a pointer to the highlighted fields.
 */
export function FormProblem({
  error,
  fields,
  title,
}: {
  error: ApiError | null;
  fields: readonly string[];
  /** A heading for the message, such as "Nothing was saved" where a form saves all or nothing. */
  title?: string;
}) {
  if (!error) return null;
  const placed = error.fieldErrors.some((f) => fields.includes(f.field));
  return (
    <Alert tone="error" title={title}>
      {placed ? "Check the highlighted fields." : error.detail}
    </Alert>
  );
}
