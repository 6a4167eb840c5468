import type { FormEvent, ReactNode } from "react";
import { Dialog } from "./dialog.tsx";
import { FormActions, type FormActionsProps } from "./form-actions.tsx";
import { FormProblem } from "./form-problem.tsx";
import type { Submit } from "./use-submit.ts";

export interface FormDialogProps
  extends Pick<FormActionsProps, "label" | "busyLabel" | "tone" | "disabled" | "onConfirm"> {
  open: boolean;
  title: string;
  onClose(): void;
  /** The submission whose busy flag and refusal the dialog shows. */
  submit: Pick<Submit, "busy" | "error">;
  /** The fields the form shows, so that a refusal naming one of them points there. */
  fields: readonly string[];
  onSubmit(event: FormEvent): void;
  /** What the dialog says above the form. */
  intro?: ReactNode;
  /** The problem's heading, such as "Nothing was saved". */
  problemTitle?: string;
  /** More buttons, placed between Cancel and the main button. */
  actions?: ReactNode;
  /** The form's fields. */
  children: ReactNode;
}

/**
 * A dialog holding one form: what it is about, the server's refusal, the fields,
 * then Cancel and the button that submits.
 *
 * @example
 * <FormDialog open={open} title="Add a milestone" onClose={close} submit={submit} fields={FIELDS}
 *   onSubmit={save} label="Add milestone">
 *   <TextField label="Milestone" {...field("title")} />
 * </FormDialog>
 */
export function FormDialog({
  open,
  title,
  onClose,
  submit,
  fields,
  onSubmit,
  intro,
  problemTitle,
  actions,
  children,
  ...buttons
}: FormDialogProps) {
  return (
    <Dialog open={open} title={title} onClose={onClose}>
      {intro}
      <FormProblem error={submit.error} fields={fields} {...(problemTitle ? { title: problemTitle } : {})} />
      <form className="form" onSubmit={onSubmit} noValidate>
        {children}
        <FormActions busy={submit.busy} onCancel={onClose} {...buttons}>
          {actions}
        </FormActions>
      </form>
    </Dialog>
  );
}
