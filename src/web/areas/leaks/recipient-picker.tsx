import type { Page } from "../../api/api-types.ts";
import type { Person } from "../../api/lifecycle-types.ts";
import { useApi } from "../../api/use-api.ts";
import { CheckboxField } from "../../components/checkbox-field.tsx";
import { ErrorState } from "../../components/error-state.tsx";

interface PickerProps {
  selected: readonly string[];
  onChange(ids: string[]): void;
}

/** Who gets a marked copy: the active people on the engagement's vendor roster, ticked one by one. */
export function RecipientPicker({
  vendorId,
  error,
  ...picker
}: PickerProps & { vendorId: string | null; error?: string | undefined }) {
  return (
    <fieldset className={`field field--group${error ? " field--invalid" : ""}`}>
      <legend className="field__label">Recipients</legend>
      {error && <p className="field__error">{error}</p>}
      {vendorId ? (
        <RosterChecklist vendorId={vendorId} {...picker} />
      ) : (
        <p className="field__hint">Choose an engagement: its vendor's active roster is listed here.</p>
      )}
    </fieldset>
  );
}

function RosterChecklist({ vendorId, selected, onChange }: PickerProps & { vendorId: string }) {
  const people = useApi<Page<Person>>(`/api/vendors/${vendorId}/people?status=active&limit=500`);
  if (people.status === "error") return <ErrorState error={people.error} onRetry={people.reload} />;
  if (people.status === "loading") return <p className="field__hint">Loading the roster…</p>;
  if (people.data.items.length === 0)
    return <p className="field__hint">No active person on this vendor's roster: add people there first.</p>;
  const toggle = (id: string, on: boolean) =>
    onChange(on ? [...selected, id] : selected.filter((p) => p !== id));
  return (
    <>
      <p className="field__hint">Each person gets a copy marked for them alone.</p>
      {people.data.items.map((p) => (
        <CheckboxField
          key={p.id}
          label={p.email ? `${p.fullName} (${p.email})` : p.fullName}
          checked={selected.includes(p.id)}
          onChange={(e) => toggle(p.id, e.target.checked)}
        />
      ))}
    </>
  );
}
