import type { FormEvent } from "react";
import { api } from "../../api/api-client.ts";
import type { Asset } from "../../api/lifecycle-types.ts";
import { useCurrentUser } from "../../auth/auth-context.tsx";
import { userCan } from "../../auth/permissions.ts";
import { Alert } from "../../components/alert.tsx";
import { BusyButton } from "../../components/busy-button.tsx";
import { FormProblem } from "../../components/form-problem.tsx";
import { SectionPanel } from "../../components/section-panel.tsx";
import { SelectField } from "../../components/select-field.tsx";
import { TextField } from "../../components/text-field.tsx";
import { useFormFields } from "../../components/use-form-fields.ts";
import { useSubmit } from "../../components/use-submit.ts";
import {
  ASSET_KIND_LABELS,
  ASSET_KIND_OPTIONS,
  CLASSIFICATION_LABELS,
  CLASSIFICATION_OPTIONS,
} from "./asset-options.ts";

const EMPTY = { kind: "repository", name: "", location: "", classification: "" };
const FIELDS = ["kind", "name", "location", "classification"] as const;

/** The assets the engagement touches, each classified (DD-1 reads them), and a form to add one. */
export function AssetsPanel({
  engagementId,
  assets,
  onChanged,
}: {
  engagementId: string;
  assets: Asset[];
  onChanged(): void;
}) {
  const user = useCurrentUser();
  const canWrite = userCan(user, "engagements.write");
  const adding = useSubmit();
  const classifying = useSubmit();
  const { draft, field, reset } = useFormFields(EMPTY, adding);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await adding.run(() =>
      api(`/api/engagements/${engagementId}/assets`, {
        method: "POST",
        body: {
          kind: draft.kind,
          name: draft.name.trim(),
          ...(draft.location.trim() ? { location: draft.location.trim() } : {}),
          ...(draft.classification ? { classification: draft.classification } : {}),
        },
      }),
    );
    if (ok) {
      reset();
      onChanged();
    }
  };
  const classify = async (asset: Asset, classification: string) => {
    const ok = await classifying.run(() =>
      api(`/api/assets/${asset.id}`, { method: "PATCH", body: { classification: classification || null } }),
    );
    if (ok) onChanged();
  };

  return (
    <SectionPanel
      anchor="assets"
      title="Assets"
      description="Repositories, data sets and documents the engagement touches. Crown jewels stay home unless an admin records an exception."
    >
      {classifying.error && <Alert tone="error">{classifying.error.detail}</Alert>}
      {assets.length === 0 ? (
        <p className="muted">No assets recorded yet.</p>
      ) : (
        <div className="table-wrap">
          <table className="table table--dense">
            <caption className="visually-hidden">Assets</caption>
            <thead>
              <tr>
                <th scope="col">Asset</th>
                <th scope="col">Kind</th>
                <th scope="col">Location</th>
                <th scope="col">Classification</th>
              </tr>
            </thead>
            <tbody>
              {assets.map((a) => (
                <tr key={a.id}>
                  <th scope="row" className="table__primary">
                    {a.name}
                  </th>
                  <td>{ASSET_KIND_LABELS[a.kind] ?? a.kind}</td>
                  <td className="table__wrap">{a.location ?? "—"}</td>
                  <td>
                    {canWrite ? (
                      <>
                        <label className="visually-hidden" htmlFor={`classify-${a.id}`}>
                          Classification of {a.name}
                        </label>
                        <select
                          id={`classify-${a.id}`}
                          className={`input select select--compact${a.classification ? "" : " select--missing"}`}
                          value={a.classification ?? ""}
                          disabled={classifying.busy}
                          onChange={(e) => classify(a, e.target.value)}
                        >
                          {CLASSIFICATION_OPTIONS.map((o) => (
                            <option key={o.value} value={o.value}>
                              {o.label}
                            </option>
                          ))}
                        </select>
                      </>
                    ) : a.classification ? (
                      CLASSIFICATION_LABELS[a.classification]
                    ) : (
                      <span className="muted">Not classified</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canWrite && (
        <form className="form form--grid subform" onSubmit={add} noValidate aria-label="Add an asset">
          <FormProblem error={adding.error} fields={FIELDS} />
          <SelectField label="Asset kind" options={ASSET_KIND_OPTIONS} {...field("kind")} />
          <TextField label="Asset name" {...field("name")} />
          <TextField label="Location" placeholder="git.internal/team/repo" {...field("location")} />
          <SelectField label="Classification" options={CLASSIFICATION_OPTIONS} {...field("classification")} />
          <div className="form--grid__submit">
            <BusyButton className="button button--primary" busy={adding.busy} busyLabel="Adding…">
              Add asset
            </BusyButton>
          </div>
        </form>
      )}
    </SectionPanel>
  );
}
