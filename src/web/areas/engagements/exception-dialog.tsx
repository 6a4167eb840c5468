import type { FormEvent } from "react";
import { api } from "../../api/api-client.ts";
import type { Asset, ControlResult } from "../../api/lifecycle-types.ts";
import { FormDialog } from "../../components/form-dialog.tsx";
import { SelectField } from "../../components/select-field.tsx";
import { TextAreaField } from "../../components/text-area-field.tsx";
import { TextField } from "../../components/text-field.tsx";
import { useFormFields } from "../../components/use-form-fields.ts";
import { useSubmit } from "../../components/use-submit.ts";

const FIELDS = ["reason", "expiresOn", "assetId"] as const;

/** An admin's exception: the gate lets a failing control through until the expiry (audit-logged). */
export function ExceptionDialog(props: {
  engagementId: string;
  control: ControlResult | null;
  assets: Asset[];
  onClose(): void;
  onDone(): void;
}) {
  const submit = useSubmit();
  const { draft, field, reset, discard } = useFormFields({ reason: "", expiresOn: "", assetId: "" }, submit);
  const control = props.control;
  const crownJewels = props.assets.filter((a) => a.classification === "crown_jewel");

  const close = () => discard(props.onClose);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!control) return;
    const ok = await submit.run(() =>
      api(`/api/engagements/${props.engagementId}/exceptions`, {
        method: "POST",
        body: {
          controlId: control.id,
          reason: draft.reason.trim(),
          expiresOn: draft.expiresOn,
          ...(draft.assetId ? { assetId: draft.assetId } : {}),
        },
      }),
    );
    if (ok) {
      reset();
      props.onDone();
    }
  };

  return (
    <FormDialog
      open={control !== null}
      title={control ? `Exception for ${control.id}` : "Exception"}
      onClose={close}
      submit={submit}
      fields={FIELDS}
      onSubmit={save}
      label="Record exception"
      intro={
        <p className="muted">
          The exception is recorded in the audit log and shown on the engagement until it expires.
        </p>
      }
    >
      {control?.id === "DD-1" && crownJewels.length > 0 && (
        <SelectField
          label="Crown-jewel asset allowed offshore"
          options={[
            { value: "", label: "Choose an asset" },
            ...crownJewels.map((a) => ({ value: a.id, label: a.name })),
          ]}
          {...field("assetId")}
        />
      )}
      <TextAreaField label="Reason" {...field("reason")} />
      <TextField label="Expires on" type="date" {...field("expiresOn")} />
    </FormDialog>
  );
}
