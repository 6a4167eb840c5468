import { type FormEvent, useState } from "react";
import { api } from "../../api/api-client.ts";
import type { Page } from "../../api/api-types.ts";
import type { Person } from "../../api/lifecycle-types.ts";
import { useApi } from "../../api/use-api.ts";
import { Dialog } from "../../components/dialog.tsx";
import { ErrorState } from "../../components/error-state.tsx";
import { FormProblem } from "../../components/form-problem.tsx";
import { SelectField } from "../../components/select-field.tsx";
import { TextField } from "../../components/text-field.tsx";
import { useSubmit } from "../../components/use-submit.ts";

/** A vendor contact marks one of its people as leaving; the end date applies once reviewed. */
export function MarkLeaverDialog(props: {
  open: boolean;
  vendorId: string;
  onClose(): void;
  onDone(): void;
}) {
  const people = useApi<Page<Person>>(`/api/vendors/${props.vendorId}/people?status=active&limit=500`);
  const [personId, setPersonId] = useState("");
  const [endDate, setEndDate] = useState("");
  const submit = useSubmit();
  const close = () => {
    if (submit.busy) return;
    setPersonId("");
    setEndDate("");
    submit.clear();
    props.onClose();
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await submit.run(() =>
      api("/api/portal/roster-requests/leavers", { method: "POST", body: { personId, endDate } }),
    );
    if (ok) {
      setPersonId("");
      setEndDate("");
      props.onDone();
    }
  };
  const options = [
    { value: "", label: "Choose a person" },
    ...(people.data?.items ?? []).map((p) => ({ value: p.id, label: p.fullName })),
  ];
  return (
    <Dialog open={props.open} title="Mark a leaver" onClose={close}>
      {people.status === "error" && <ErrorState error={people.error} onRetry={people.reload} />}
      <FormProblem error={submit.error} fields={["personId", "endDate"]} />
      <form className="form" onSubmit={save} noValidate>
        <SelectField
          label="Person"
          options={options}
          value={personId}
          onChange={(e) => setPersonId(e.target.value)}
          error={submit.error?.fieldMessage("personId")}
        />
        <TextField
          label="Last day"
          type="date"
          required
          value={endDate}
          onChange={(e) => setEndDate(e.target.value)}
          error={submit.error?.fieldMessage("endDate")}
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
            {submit.busy ? "Sending…" : "Send for review"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
