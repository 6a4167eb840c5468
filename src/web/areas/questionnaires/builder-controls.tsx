import { TextField } from "../../components/text-field.tsx";

/**
 * The id of a section or question in the builder. It follows the text until someone types an id
 * by hand; from then on it stays as typed.
 */
export function IdField<T extends { id: string; idFixed: boolean }>(props: {
  label: string;
  value: string;
  error: string | undefined;
  onChange(update: (item: T) => T): void;
}) {
  return (
    <TextField
      label={props.label}
      value={props.value}
      maxLength={64}
      error={props.error}
      onChange={(e) => {
        const id = e.target.value;
        props.onChange((item) => ({ ...item, id, idFixed: true }));
      }}
    />
  );
}

/** Move up, move down and remove, for one section or question (`name`: "section 2", "question 3"). */
export function ItemActions(props: {
  name: string;
  first: boolean;
  last: boolean;
  removeText: string;
  onMove(by: -1 | 1): void;
  onRemove(): void;
}) {
  return (
    <div className="builder-actions">
      <button
        type="button"
        className="button button--small"
        disabled={props.first}
        aria-label={`Move ${props.name} up`}
        onClick={() => props.onMove(-1)}
      >
        Move up
      </button>
      <button
        type="button"
        className="button button--small"
        disabled={props.last}
        aria-label={`Move ${props.name} down`}
        onClick={() => props.onMove(1)}
      >
        Move down
      </button>
      <button
        type="button"
        className="button button--small button--danger-quiet"
        aria-label={`Remove ${props.name}`}
        onClick={props.onRemove}
      >
        {props.removeText}
      </button>
    </div>
  );
}
