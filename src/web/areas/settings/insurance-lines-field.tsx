import { useEffect, useRef, useState } from "react";
import { SelectField } from "../../components/select-field.tsx";
import { TextField } from "../../components/text-field.tsx";
import {
  INSURANCE_LABELS,
  INSURANCE_TYPES,
  type InsuranceLineDraft,
  type InsuranceType,
} from "./contract-policy-draft.ts";

const TYPE_OPTIONS = INSURANCE_TYPES.map((value) => ({ value, label: INSURANCE_LABELS[value] }));

/**
 * The insurance lines a contract must require (CT-9): each a type, a minimum
 * amount (empty for any) and its currency; lines are added and removed here.
 * A new line's type takes the focus; a removed line hands it to "Add a line".
 */
export function InsuranceLinesField(props: {
  lines: InsuranceLineDraft[];
  problems: Record<string, string>;
  onChange(lines: InsuranceLineDraft[]): void;
  newLine(): InsuranceLineDraft;
}) {
  const listRef = useRef<HTMLDivElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const [focus, setFocus] = useState<{ key: number } | "add" | null>(null);

  useEffect(() => {
    if (focus === null) return;
    if (focus === "add") addRef.current?.focus();
    else listRef.current?.querySelector<HTMLElement>(`[data-line="${focus.key}"] select`)?.focus();
    setFocus(null);
  }, [focus]);

  const update = (key: number, change: Partial<InsuranceLineDraft>) =>
    props.onChange(props.lines.map((line) => (line.key === key ? { ...line, ...change } : line)));

  return (
    <div className="insurance-lines" ref={listRef}>
      <p className="field__hint">
        A minimum left empty accepts any amount; currencies are three-letter codes such as USD or EUR.
      </p>
      {props.lines.length === 0 && <p className="muted">No insurance line is required.</p>}
      {props.lines.map((line, i) => {
        const label = INSURANCE_LABELS[line.type];
        return (
          <fieldset key={line.key} className="insurance-line" data-line={line.key}>
            <legend className="insurance-line__legend">Insurance line {i + 1}</legend>
            <SelectField
              label="Type"
              options={TYPE_OPTIONS}
              value={line.type}
              onChange={(e) => update(line.key, { type: e.target.value as InsuranceType })}
              error={props.problems[`insurance.${line.key}.type`]}
            />
            <TextField
              label="Minimum amount"
              inputMode="decimal"
              autoComplete="off"
              value={line.amount}
              onChange={(e) => update(line.key, { amount: e.target.value })}
              error={props.problems[`insurance.${line.key}.amount`]}
            />
            <TextField
              label="Currency"
              autoComplete="off"
              className="insurance-line__currency"
              value={line.currency}
              onChange={(e) => update(line.key, { currency: e.target.value })}
              error={props.problems[`insurance.${line.key}.currency`]}
            />
            <div className="insurance-line__remove">
              <button
                type="button"
                className="button button--small button--danger-quiet"
                aria-label={`Remove insurance line ${i + 1} (${label})`}
                onClick={() => {
                  props.onChange(props.lines.filter((l) => l.key !== line.key));
                  setFocus("add");
                }}
              >
                Remove
              </button>
            </div>
          </fieldset>
        );
      })}
      <div>
        <button
          ref={addRef}
          type="button"
          className="button button--secondary button--small"
          onClick={() => {
            const line = props.newLine();
            props.onChange([...props.lines, line]);
            setFocus({ key: line.key });
          }}
        >
          Add an insurance line
        </button>
      </div>
    </div>
  );
}
