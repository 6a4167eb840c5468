import { useCallback, useState } from "react";
import type { Submit } from "./use-submit.ts";

/** The keys of a draft whose values an input edits as text. */
export type TextKey<T> = { [K in keyof T]: T[K] extends string ? K : never }[keyof T];

/** What a text input, select or text area needs: its value, its change handler and its error. */
export interface FieldBinding {
  value: string;
  onChange(e: { target: { value: string } }): void;
  error: string | undefined;
}

export interface FormFields<T> {
  /** The values as typed so far. */
  draft: T;
  /** The change handler of the input for `key`. */
  set(key: TextKey<T>): (e: { target: { value: string } }) => void;
  /** `value`, `onChange` and `error` of the field named `key`, to spread on a field component. */
  field(key: TextKey<T>): FieldBinding;
  /** Changes some values, such as a checkbox's boolean. */
  update(change: Partial<T>): void;
  /** Back to the first draft, with the server's last refusal cleared. */
  reset(): void;
  /** Closing the form: unless it is being sent, `reset()` and then `then()`. */
  discard(then: () => void): void;
  /** The server's message for `field` from the last refused submission. */
  err(field: string): string | undefined;
}

/**
 * The draft of one form, tied to the `useSubmit` that sends it.
 *
 * @example
 * const submit = useSubmit();
 * const { draft, field, reset, discard } = useFormFields({ title: "", dueDate: "" }, submit);
 * <TextField label="Milestone" {...field("title")} />
 * const close = () => discard(onClose); // Cancel, Escape and the close button
 */
export function useFormFields<T extends object>(
  initial: T,
  submit: Pick<Submit, "busy" | "error" | "clear">,
): FormFields<T> {
  // The first draft is the one reset returns to, even if the caller passes a fresh object each render.
  const [first] = useState(initial);
  const [draft, setDraft] = useState(initial);
  const { busy, error, clear } = submit;

  const set = (key: TextKey<T>) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [key]: e.target.value }));
  // Stable, so that an effect refilling the draft can depend on it.
  const update = useCallback((change: Partial<T>) => setDraft((d) => ({ ...d, ...change })), []);
  const reset = () => {
    setDraft(first);
    clear();
  };
  const discard = (then: () => void) => {
    if (busy) return;
    reset();
    then();
  };
  const err = (field: string) => error?.fieldMessage(field);
  const field = (key: TextKey<T>): FieldBinding => ({
    value: draft[key] as string,
    onChange: set(key),
    error: err(key as string),
  });
  return { draft, set, field, update, reset, discard, err };
}
