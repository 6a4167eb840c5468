import { type FormEvent, useState } from "react";
import type { PortalEvidence } from "../../api/portal-types.ts";
import { useApi } from "../../api/use-api.ts";
import { ErrorState } from "../../components/error-state.tsx";
import { FormDialog } from "../../components/form-dialog.tsx";
import { formatDate } from "../../components/format-date-time.ts";
import { LoadingState } from "../../components/loading-state.tsx";
import { SectionPanel } from "../../components/section-panel.tsx";
import { SelectField } from "../../components/select-field.tsx";
import { useFormFields } from "../../components/use-form-fields.ts";
import { useSubmit } from "../../components/use-submit.ts";
import { EvidenceFields, evidenceMeta } from "../engagements/evidence-fields.tsx";
import { EvidenceTable } from "../engagements/evidence-table.tsx";
import { uploadEvidence } from "../engagements/upload-evidence.ts";

const EMPTY = { engagementId: "", title: "", controls: "", effectiveOn: "", expiresOn: "" };
const FIELDS = ["engagementId", "title", "controls", "effectiveOn", "expiresOn", "file"] as const;

/** Evidence the vendor uploaded (or may see) for its engagements, and the upload form. */
export function PortalEvidencePanel({ engagements }: { engagements: { id: string; name: string }[] }) {
  const list = useApi<PortalEvidence[]>("/api/portal/evidence");
  const [open, setOpen] = useState(false);
  const submit = useSubmit();
  const { draft, field, reset, err, discard } = useFormFields(EMPTY, submit);
  const [file, setFile] = useState<File | null>(null);
  const [missingFile, setMissingFile] = useState(false);
  const close = () =>
    discard(() => {
      setFile(null);
      setMissingFile(false);
      setOpen(false);
    });
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setMissingFile(!file);
    if (!file) return;
    const ok = await submit.run(() => uploadEvidence(evidenceMeta(draft, draft.engagementId), file));
    if (ok) {
      reset();
      setFile(null);
      setOpen(false);
      list.reload();
    }
  };
  return (
    <SectionPanel
      title="Evidence"
      description="Files that show how you meet your client's controls."
      actions={
        engagements.length > 0 && (
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => setOpen(true)}
          >
            Upload evidence
          </button>
        )
      }
    >
      {list.status === "error" && <ErrorState error={list.error} onRetry={list.reload} />}
      {list.status === "loading" && !list.data && <LoadingState label="Loading evidence…" />}
      {list.data && list.data.length === 0 && <p className="muted">No evidence on file yet.</p>}
      {list.data && list.data.length > 0 && (
        <EvidenceTable
          items={list.data}
          engagement={(e) => e.engagementName ?? "Your organisation"}
          uploaded={(e) => (
            <>
              {formatDate(e.createdAt)}
              {e.source === "portal" && <span className="badge badge--neutral">by you</span>}
            </>
          )}
        />
      )}
      <FormDialog
        open={open}
        title="Upload evidence"
        onClose={close}
        submit={submit}
        fields={FIELDS}
        onSubmit={save}
        label="Upload"
        busyLabel="Uploading…"
      >
        <SelectField
          label="Engagement"
          options={[
            { value: "", label: "Choose an engagement" },
            ...engagements.map((e) => ({ value: e.id, label: e.name })),
          ]}
          {...field("engagementId")}
        />
        <EvidenceFields
          field={field}
          error={err}
          onFile={setFile}
          missingFile={missingFile}
          titleRequired
          controlsExample="KO-2, CT-7"
        />
      </FormDialog>
    </SectionPanel>
  );
}
