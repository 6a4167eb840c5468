import { type FormEvent, useState } from "react";
import { api } from "../../api/api-client.ts";
import type { Asset, ControlResult } from "../../api/lifecycle-types.ts";
import { Dialog } from "../../components/dialog.tsx";
import { FormProblem } from "../../components/form-problem.tsx";
import { SelectField } from "../../components/select-field.tsx";
import { TextAreaField } from "../../components/text-area-field.tsx";
import { TextField } from "../../components/text-field.tsx";
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
  const [reason, setReason] = useState("");
  const [expiresOn, setExpiresOn] = useState("");
  const [assetId, setAssetId] = useState("");
  const submit = useSubmit();
  const control = props.control;
  const crownJewels = props.assets.filter((a) => a.classification === "crown_jewel");

  const reset = () => {
    setReason("");
    setExpiresOn("");
    setAssetId("");
    submit.clear();
  };
  const close = () => {
    if (submit.busy) return;
    reset();
    props.onClose();
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!control) return;
    const ok = await submit.run(() =>
      api(`/api/engagements/${props.engagementId}/exceptions`, {
        method: "POST",
        body: { controlId: control.id, reason: reason.trim(), expiresOn, ...(assetId ? { assetId } : {}) },
      }),
    );
    if (ok) {
      reset();
      props.onDone();
    }
  };

  return (
    <Dialog
      open={control !== null}
      title={control ? `Exception for ${control.id}` : "Exception"}
      onClose={close}
    >
      <p className="muted">
        The exception is recorded in the audit log and shown on the engagement until it expires.
      </p>
      <FormProblem error={submit.error} fields={FIELDS} />
      <form className="form" onSubmit={save} noValidate>
        {control?.id === "DD-1" && crownJewels.length > 0 && (
          <SelectField
            label="Crown-jewel asset allowed offshore"
            options={[
              { value: "", label: "Choose an asset" },
              ...crownJewels.map((a) => ({ value: a.id, label: a.name })),
            ]}
            value={assetId}
            onChange={(e) => setAssetId(e.target.value)}
            error={submit.error?.fieldMessage("assetId")}
          />
        )}
        <TextAreaField
          label="Reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={submit.error?.fieldMessage("reason")}
        />
        <TextField
          label="Expires on"
          type="date"
          value={expiresOn}
          onChange={(e) => setExpiresOn(e.target.value)}
          error={submit.error?.fieldMessage("expiresOn")}
        />
        <div className="form-actions">
          <button type="button" className="button button--secondary" onClick={close} disabled={submit.busy}>
            Cancel
          </button>
          <button
            type="submit"
            className="button button--primary"
            disabled={submit.busy}
            aria-busy={submit.busy}
          >
            {submit.busy ? "Saving…" : "Record exception"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
