import type { FormEvent } from "react";
import { api } from "../../api/api-client.ts";
import type { Milestone } from "../../api/lifecycle-types.ts";
import { FormDialog } from "../../components/form-dialog.tsx";
import { formatMoney } from "../../components/format-money.ts";
import { TextAreaField } from "../../components/text-area-field.tsx";
import { useFormFields } from "../../components/use-form-fields.ts";
import { useSubmit } from "../../components/use-submit.ts";

/**
 * Security's decision on a delivery that no verification accepted. A rejection
 * says why. A manual acceptance is an exception to verification: it says why,
 * and its button names the amount it makes payable, as the confirmation.
 */
export function DecisionDialog(props: {
  open: boolean;
  accept: boolean;
  milestone: Milestone;
  onClose(): void;
  onDone(): void;
}) {
  const submit = useSubmit();
  const { draft, field, reset, discard } = useFormFields({ reason: "" }, submit);
  const m = props.milestone;
  const amount = formatMoney(m.amount, m.currency);
  const close = () => discard(props.onClose);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await submit.run(() =>
      api(`/api/milestones/${m.id}/decide`, {
        method: "POST",
        body: { accept: props.accept, reason: draft.reason.trim() },
      }),
    );
    if (ok) {
      reset();
      props.onDone();
    }
  };
  return (
    <FormDialog
      open={props.open}
      title={props.accept ? `Accept ${m.title} without verification` : `Reject ${m.title}`}
      onClose={close}
      submit={submit}
      fields={["reason"]}
      onSubmit={save}
      label={props.accept ? `Accept and make ${amount} payable` : "Reject delivery"}
      tone="danger"
      intro={
        props.accept && (
          <p>
            No verification from our mirror accepted this delivery. Accepting it manually is an exception: it
            is recorded with your name and reason, shown on the milestone and in the audit log, and it lets
            finance approve a payment of <strong>{amount}</strong>. Someone other than you must approve that
            payment.
          </p>
        )
      }
    >
      <TextAreaField
        label={
          props.accept ? "Why the delivery is accepted without verification" : "Why the delivery is rejected"
        }
        {...field("reason")}
      />
    </FormDialog>
  );
}
