import { type FormEvent, useEffect, useState } from "react";
import { api } from "../../api/api-client.ts";
import type { Evidence } from "../../api/lifecycle-types.ts";
import { BusyButton } from "../../components/busy-button.tsx";
import { Dialog } from "../../components/dialog.tsx";
import { FileField } from "../../components/file-field.tsx";
import { FormActions } from "../../components/form-actions.tsx";
import { FormProblem } from "../../components/form-problem.tsx";
import { TextAreaField } from "../../components/text-area-field.tsx";
import { TextField } from "../../components/text-field.tsx";
import { useSubmit } from "../../components/use-submit.ts";
import {
  type ChecklistResult,
  type ChecklistTemplateItem,
  RESULT_LABELS,
  type SiteVisit,
} from "./site-visit-types.ts";
import { uploadEvidence } from "./upload-evidence.ts";

const FIELDS = ["visitedOn", "visitors", "checklist", "observations", "photoEvidenceIds", "file"] as const;

interface Answer {
  result: ChecklistResult | "";
  note: string;
}

function emptyAnswers(template: readonly ChecklistTemplateItem[]): Record<string, Answer> {
  return Object.fromEntries(template.map((i) => [i.id, { result: "", note: "" }]));
}

/**
 * Records a site visit (DD-3) or continues a draft: the checklist (ok, concern or n/a, a note per
 * item), observations, and photos uploaded as evidence of the engagement. "Complete visit" attests
 * DD-3 with every concern named; "Save draft" keeps it open.
 */
export function SiteVisitDialog(props: {
  engagementId: string;
  template: readonly ChecklistTemplateItem[];
  /** The draft to continue, or "new"; null closes the dialog. */
  visit: SiteVisit | "new" | null;
  evidence: readonly Evidence[];
  onClose(): void;
  onDone(): void;
}) {
  const { visit, template } = props;
  const [visitedOn, setVisitedOn] = useState("");
  const [visitors, setVisitors] = useState("");
  const [answers, setAnswers] = useState<Record<string, Answer>>(() => emptyAnswers(template));
  const [observations, setObservations] = useState("");
  const [photos, setPhotos] = useState<string[]>([]);
  const [uploadedNames, setUploadedNames] = useState<Record<string, string>>({});
  const [photo, setPhoto] = useState<File | null>(null);
  const submit = useSubmit();
  const upload = useSubmit();

  useEffect(() => {
    if (visit === null) return;
    const draft = visit === "new" ? null : visit;
    setVisitedOn(draft?.visitedOn ?? new Date().toISOString().slice(0, 10));
    setVisitors(draft?.visitors ?? "");
    const filled = emptyAnswers(template);
    for (const c of draft?.checklist ?? []) filled[c.item] = { result: c.result, note: c.note ?? "" };
    setAnswers(filled);
    setObservations(draft?.observations ?? "");
    setPhotos(draft?.photoEvidenceIds ?? []);
    setPhoto(null);
    submit.clear();
    upload.clear();
  }, [visit, template, submit.clear, upload.clear]);
  const photoName = (id: string) =>
    uploadedNames[id] ?? props.evidence.find((e) => e.id === id)?.filename ?? "photo";

  const close = () => {
    if (submit.busy || upload.busy) return;
    props.onClose();
  };
  const answer = (id: string, change: Partial<Answer>) =>
    setAnswers((a) => ({ ...a, [id]: { ...(a[id] ?? { result: "", note: "" }), ...change } }));

  const addPhoto = async () => {
    if (!photo) return;
    const file = photo;
    await upload.run(async () => {
      const evidence = await uploadEvidence(
        { title: `Site visit photo: ${file.name}`, engagementId: props.engagementId, controls: ["DD-3"] },
        file,
      );
      setUploadedNames((n) => ({ ...n, [evidence.id]: file.name }));
      setPhotos((p) => [...p, evidence.id]);
      setPhoto(null);
    });
  };

  const save = (complete: boolean) => async (event?: FormEvent) => {
    event?.preventDefault();
    if (visit === null) return;
    const body = {
      visitedOn,
      visitors: visitors.trim(),
      checklist: template
        .filter((i) => answers[i.id]?.result)
        .map((i) => {
          const a = answers[i.id] as Answer;
          return { item: i.id, result: a.result, ...(a.note.trim() ? { note: a.note.trim() } : {}) };
        }),
      observations,
      photoEvidenceIds: photos,
      complete,
    };
    const ok = await submit.run(() =>
      visit === "new"
        ? api(`/api/engagements/${props.engagementId}/site-visits`, { method: "POST", body })
        : api(`/api/site-visits/${visit.id}`, { method: "PUT", body }),
    );
    if (ok) props.onDone();
  };

  return (
    <Dialog
      open={visit !== null}
      title={visit === "new" || visit === null ? "Record a site visit" : "Continue the site visit"}
      onClose={close}
    >
      <FormProblem error={submit.error} fields={FIELDS} />
      <form className="form site-visit-form" onSubmit={save(true)} noValidate>
        <div className="form-row">
          <TextField
            label="Visited on"
            type="date"
            value={visitedOn}
            onChange={(e) => setVisitedOn(e.target.value)}
            error={submit.error?.fieldMessage("visitedOn")}
          />
          <TextField
            label="Visitors"
            hint="Who went, as they should appear in the record."
            value={visitors}
            onChange={(e) => setVisitors(e.target.value)}
            error={submit.error?.fieldMessage("visitors")}
          />
        </div>
        <h3 className="site-visit-form__heading">Checklist</h3>
        <p className="muted">
          Items marked “casual treatment of clients' IP” are the signs DD-3 asks about. Every item needs a
          result before the visit can be completed.
        </p>
        {template.map((item) => {
          const a = answers[item.id] ?? { result: "", note: "" };
          return (
            <fieldset key={item.id} className="field site-visit-item">
              <legend className="field__label">{item.text}</legend>
              {item.casualIp && <span className="badge badge--neutral">Casual treatment of clients' IP</span>}
              <div className="site-visit-item__results">
                {(Object.keys(RESULT_LABELS) as ChecklistResult[]).map((r) => (
                  <label key={r} className="site-visit-item__result">
                    <input
                      type="radio"
                      name={`visit-${item.id}`}
                      value={r}
                      checked={a.result === r}
                      onChange={() => answer(item.id, { result: r })}
                    />{" "}
                    {RESULT_LABELS[r]}
                  </label>
                ))}
              </div>
              <TextField
                label={`Note on “${item.text}”`}
                className="site-visit-item__note"
                value={a.note}
                onChange={(e) => answer(item.id, { note: e.target.value })}
              />
            </fieldset>
          );
        })}
        <TextAreaField
          label="Observations"
          value={observations}
          onChange={(e) => setObservations(e.target.value)}
          error={submit.error?.fieldMessage("observations")}
        />
        <h3 className="site-visit-form__heading">Photos</h3>
        {photos.length === 0 ? (
          <p className="muted">No photo yet.</p>
        ) : (
          <ul className="site-visit-photos">
            {photos.map((id) => (
              <li key={id}>
                <a href={`/api/evidence/${id}/file`}>{photoName(id)}</a>{" "}
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={() => setPhotos((list) => list.filter((x) => x !== id))}
                >
                  Remove {photoName(id)}
                </button>
              </li>
            ))}
          </ul>
        )}
        <FormProblem error={upload.error} fields={[]} />
        <FileField
          label="Photo (PNG or JPEG, kept as evidence of the engagement for DD-3)"
          onFile={setPhoto}
        />
        <div className="form-actions form-actions--start">
          <BusyButton
            type="button"
            className="button button--secondary"
            onClick={() => void addPhoto()}
            disabled={!photo}
            busy={upload.busy}
            busyLabel="Uploading…"
          >
            Add photo
          </BusyButton>
        </div>
        <FormActions busy={submit.busy} onCancel={close} label="Complete visit" disabled={upload.busy}>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void save(false)()}
            disabled={submit.busy || upload.busy}
          >
            Save draft
          </button>
        </FormActions>
      </form>
    </Dialog>
  );
}
