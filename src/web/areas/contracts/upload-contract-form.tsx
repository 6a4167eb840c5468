import { type FormEvent, useState } from "react";
import { api } from "../../api/api-client.ts";
import type { Page } from "../../api/api-types.ts";
import { useApi } from "../../api/use-api.ts";
import { Alert } from "../../components/alert.tsx";
import { BusyButton } from "../../components/busy-button.tsx";
import { FileField } from "../../components/file-field.tsx";
import { SelectField } from "../../components/select-field.tsx";
import { TextField } from "../../components/text-field.tsx";
import { useSubmit } from "../../components/use-submit.ts";
import { type ContractKind, type ContractSummary, KIND_LABELS } from "./contract-types.ts";

interface EngagementOption {
  id: string;
  name: string;
  vendorName: string;
}

const FIELDS = ["engagementId", "kind", "title", "file"];

const ACCEPT =
  ".pdf,.docx,.txt,.md,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain";

/** Uploads a contract to an engagement; its analysis runs in the background. */
export function UploadContractForm({
  engagementId,
  onUploaded,
}: {
  /** Fixed engagement (on an engagement's page); otherwise the user chooses. */
  engagementId?: string;
  onUploaded(contract: ContractSummary): void;
}) {
  const engagements = useApi<Page<EngagementOption>>("/api/engagements?limit=200");
  const [chosen, setChosen] = useState(engagementId ?? "");
  const [kind, setKind] = useState<ContractKind>("msa");
  const [title, setTitle] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [formKey, setFormKey] = useState(0);
  const submit = useSubmit();

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const form = new FormData();
    form.set("meta", JSON.stringify({ engagementId: chosen, kind, title: title || file?.name || "" }));
    if (file) form.set("file", file);
    let created: ContractSummary | undefined;
    const ok = await submit.run(async () => {
      created = await api<ContractSummary>("/api/contracts/upload", { method: "POST", body: form });
    });
    if (ok && created) {
      setTitle("");
      setFile(null);
      setFormKey((k) => k + 1);
      onUploaded(created);
    }
  };

  const options = [
    { value: "", label: engagements.status === "loading" ? "Loading engagements…" : "Choose an engagement" },
    ...(engagements.data?.items ?? []).map((e) => ({ value: e.id, label: `${e.name} — ${e.vendorName}` })),
  ];
  const fileError = submit.error?.fieldMessage("file");

  return (
    <form className="form contract-upload" onSubmit={onSubmit} key={formKey} aria-label="Upload a contract">
      {submit.error && (
        <Alert tone="error">
          {submit.error.fieldErrors.some((f) => FIELDS.includes(f.field))
            ? "Check the highlighted fields."
            : submit.error.detail}
        </Alert>
      )}
      {!engagementId && (
        <SelectField
          label="Engagement"
          options={options}
          value={chosen}
          onChange={(e) => setChosen(e.target.value)}
          error={submit.error?.fieldMessage("engagementId")}
          required
        />
      )}
      <SelectField
        label="Kind"
        options={Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))}
        value={kind}
        onChange={(e) => setKind(e.target.value as ContractKind)}
        error={submit.error?.fieldMessage("kind")}
      />
      <TextField
        label="Title"
        hint="Defaults to the file name."
        value={title}
        maxLength={300}
        onChange={(e) => setTitle(e.target.value)}
        error={submit.error?.fieldMessage("title")}
      />
      <FileField
        label="File"
        hint="PDF with a text layer, DOCX or plain text, up to 25 MB."
        accept={ACCEPT}
        required
        error={fileError}
        onFile={setFile}
      />
      <div className="form-actions">
        <BusyButton className="button button--primary" busy={submit.busy} busyLabel="Uploading…">
          Upload and analyse
        </BusyButton>
      </div>
    </form>
  );
}
