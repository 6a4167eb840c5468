import { type FormEvent, useState } from "react";
import { api } from "../../api/api-client.ts";
import type { PlaybookControl } from "../../api/lifecycle-types.ts";
import { FormDialog } from "../../components/form-dialog.tsx";
import { TextAreaField } from "../../components/text-area-field.tsx";
import { useFormFields } from "../../components/use-form-fields.ts";
import { useSubmit } from "../../components/use-submit.ts";

/** Turns a control off (a reason is required, it shows on every engagement) or on again. */
export function ControlStateDialog(props: {
  control: PlaybookControl | null;
  onClose(): void;
  onDone(): void;
}) {
  const submit = useSubmit();
  const { draft, set, reset, err, discard } = useFormFields({ reason: "" }, submit);
  const [localError, setLocalError] = useState<string | null>(null);
  const c = props.control;
  const turningOff = c ? !c.disabled : false;

  const close = () =>
    discard(() => {
      setLocalError(null);
      props.onClose();
    });
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!c) return;
    if (turningOff && draft.reason.trim().length < 5) {
      setLocalError("Say why the control is turned off (at least 5 characters).");
      return;
    }
    setLocalError(null);
    const ok = await submit.run(() =>
      api(`/api/playbook/controls/${encodeURIComponent(c.id)}/state`, {
        method: "POST",
        body: { disabled: turningOff, ...(turningOff ? { reason: draft.reason.trim() } : {}) },
      }),
    );
    if (ok) {
      reset();
      props.onDone();
    }
  };

  return (
    <FormDialog
      open={c !== null}
      title={c ? `${turningOff ? "Turn off" : "Turn on"} ${c.id}` : ""}
      onClose={close}
      submit={submit}
      fields={["reason"]}
      onSubmit={save}
      label={turningOff ? "Turn off" : "Turn on"}
      tone={turningOff ? "danger" : "primary"}
      intro={c && <p>{c.title}</p>}
    >
      {turningOff && (
        <TextAreaField
          label="Reason"
          required
          hint="Shown on every engagement instead of the control's result."
          value={draft.reason}
          onChange={set("reason")}
          error={localError ?? err("reason")}
        />
      )}
    </FormDialog>
  );
}
