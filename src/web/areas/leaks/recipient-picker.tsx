import type { ShareRecipient } from "../../../services/leaks/share-eligibility.ts";
import { useApi } from "../../api/use-api.ts";
import { CheckboxField } from "../../components/checkbox-field.tsx";
import { ErrorState } from "../../components/error-state.tsx";

interface PickerProps {
  selected: readonly string[];
  onChange(ids: string[]): void;
}

/**
 * Who gets a marked copy: the people on the engagement's vendor roster today,
 * ticked one by one. Someone without a valid NDA is listed but cannot be
 * ticked, and the reason is given (an admin's exception is the only way round).
 */
export function RecipientPicker({
  engagementId,
  error,
  ...picker
}: PickerProps & { engagementId: string | null; error?: string | undefined }) {
  return (
    <fieldset className={`field field--group${error ? " field--invalid" : ""}`}>
      <legend className="field__label">Recipients</legend>
      {error && <p className="field__error">{error}</p>}
      {engagementId ? (
        <RosterChecklist engagementId={engagementId} {...picker} />
      ) : (
        <p className="field__hint">Choose an engagement: its vendor's active roster is listed here.</p>
      )}
    </fieldset>
  );
}

function RosterChecklist({ engagementId, selected, onChange }: PickerProps & { engagementId: string }) {
  const people = useApi<ShareRecipient[]>(`/api/engagements/${engagementId}/share-recipients`);
  if (people.status === "error") return <ErrorState error={people.error} onRetry={people.reload} />;
  if (people.status === "loading") return <p className="field__hint">Loading the roster…</p>;
  const active = people.data.filter((p) => p.active);
  if (active.length === 0)
    return <p className="field__hint">No active person on this vendor's roster: add people there first.</p>;
  const toggle = (id: string, on: boolean) =>
    onChange(on ? [...selected, id] : selected.filter((p) => p !== id));
  return (
    <>
      <p className="field__hint">
        Each person gets a copy marked for them alone. Only people with a valid NDA today can receive one.
      </p>
      {active.map((p) => (
        <CheckboxField
          key={p.personId}
          label={p.email ? `${p.fullName} (${p.email})` : p.fullName}
          checked={selected.includes(p.personId)}
          disabled={!p.eligible}
          hint={p.reason ? (p.eligible ? p.reason : `Not eligible: ${p.reason}.`) : undefined}
          onChange={(e) => toggle(p.personId, e.target.checked)}
        />
      ))}
    </>
  );
}
