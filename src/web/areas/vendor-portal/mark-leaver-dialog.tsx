import type { FormEvent } from "react";
import { api } from "../../api/api-client.ts";
import type { Page } from "../../api/api-types.ts";
import type { Person } from "../../api/lifecycle-types.ts";
import { useApi } from "../../api/use-api.ts";
import { ErrorState } from "../../components/error-state.tsx";
import { FormDialog } from "../../components/form-dialog.tsx";
import { SelectField } from "../../components/select-field.tsx";
import { TextField } from "../../components/text-field.tsx";
import { useFormFields } from "../../components/use-form-fields.ts";
import { useSubmit } from "../../components/use-submit.ts";

/** A vendor contact marks one of its people as leaving; the end date applies once reviewed. */
export function MarkLeaverDialog(props: {
  open: boolean;
  vendorId: string;
  onClose(): void;
  onDone(): void;
}) {
  const people = useApi<Page<Person>>(`/api/vendors/${props.vendorId}/people?status=active&limit=500`);
  const submit = useSubmit();
  const { draft, field, reset, discard } = useFormFields({ personId: "", endDate: "" }, submit);
  const close = () => discard(props.onClose);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await submit.run(() =>
      api("/api/portal/roster-requests/leavers", { method: "POST", body: draft }),
    );
    if (ok) {
      reset();
      props.onDone();
    }
  };
  const options = [
    { value: "", label: "Choose a person" },
    ...(people.data?.items ?? []).map((p) => ({ value: p.id, label: p.fullName })),
  ];
  return (
    <FormDialog
      open={props.open}
      title="Mark a leaver"
      onClose={close}
      submit={submit}
      fields={["personId", "endDate"]}
      onSubmit={save}
      label="Send for review"
      busyLabel="Sending…"
      intro={people.status === "error" && <ErrorState error={people.error} onRetry={people.reload} />}
    >
      <SelectField label="Person" options={options} {...field("personId")} />
      <TextField label="Last day" type="date" required {...field("endDate")} />
    </FormDialog>
  );
}
