import { type FormEvent, type ReactNode, useEffect, useMemo, useRef, useState } from "react";
import { api } from "../../api/api-client.ts";
import { Alert } from "../../components/alert.tsx";
import { BusyButton } from "../../components/busy-button.tsx";
import { CheckboxField } from "../../components/checkbox-field.tsx";
import { FormProblem } from "../../components/form-problem.tsx";
import { formatCountry } from "../../components/format-country.ts";
import { SectionPanel } from "../../components/section-panel.tsx";
import { SelectField } from "../../components/select-field.tsx";
import { TextField } from "../../components/text-field.tsx";
import { useSubmit } from "../../components/use-submit.ts";
import "./contract-policy.css";
import { Link } from "../../router/link.tsx";
import { CONTRACT_CONTROL_TITLES } from "../contracts/contract-controls.ts";
import {
  type ContractPolicy,
  type ContractPolicyDraft,
  draftFromPolicy,
  FLOW_DOWN_LABELS,
  type FlowDownTarget,
  newInsuranceLine,
  patchFromDraft,
  placePolicyProblems,
} from "./contract-policy-draft.ts";
import { type PolicyControl, policyInWords } from "./contract-policy-words.ts";
import { InsuranceLinesField } from "./insurance-lines-field.tsx";

const JOINT_OWNERSHIP_OPTIONS = [
  { value: "warn", label: "Is a warning" },
  { value: "fail", label: "Fails the check" },
] as const;

/**
 * The contract policy, control by control: what is in force in plain words,
 * and for admins the fields to change it and one Save for the whole policy
 * (the server takes all of it or none).
 */
export function ContractPolicyForm(props: { policy: ContractPolicy; canManage: boolean; onSaved(): void }) {
  const { policy, canManage } = props;
  const [draft, setDraft] = useState<ContractPolicyDraft>(() => draftFromPolicy(policy));
  const [saved, setSaved] = useState(false);
  // The draft as it was sent: the server's refusal names its positions (insurance lines by index).
  const [sent, setSent] = useState<ContractPolicyDraft>(draft);
  const submit = useSubmit();
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => setDraft(draftFromPolicy(policy)), [policy]);
  const words = policyInWords(policy);
  const problems = useMemo(
    () => placePolicyProblems(sent, submit.error?.fieldErrors ?? []),
    [sent, submit.error],
  );

  // After a refusal the first field to fix takes the focus (it may be far up the page).
  useEffect(() => {
    if (submit.error) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [submit.error]);

  const change = (patch: Partial<ContractPolicyDraft>) => {
    setSaved(false);
    setDraft((d) => ({ ...d, ...patch }));
  };
  const text = (
    key: "acceptedCountries" | "capAmount" | "capCurrency" | "capMonths" | "maxAuditNoticeDays",
  ) => ({
    value: draft[key],
    onChange: (e: { target: { value: string } }) => change({ [key]: e.target.value }),
    error: problems.byField[key],
    autoComplete: "off",
  });
  const toggle = (
    key:
      | "requireAssignmentDuringEngagement"
      | "requireNonCompete"
      | "requireNoSolicit"
      | "requireUncappedIpBreach"
      | "requireEscrow",
  ) => ({
    checked: draft[key],
    onChange: (e: { target: { checked: boolean } }) => change({ [key]: e.target.checked }),
  });

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSent(draft);
    const ok = await submit.run(() =>
      api("/api/settings/contract-policy", { method: "PATCH", body: patchFromDraft(draft) }),
    );
    if (ok) {
      setSaved(true);
      props.onSaved();
    }
  };

  /** A control's section: the policy in words, a note for everyone, the fields for admins. */
  const control = (id: PolicyControl, fields: ReactNode, note?: ReactNode) => (
    <SectionPanel
      key={id}
      level={3}
      title={`${id} · ${CONTRACT_CONTROL_TITLES[id] ?? id}`}
      className="policy-control"
    >
      <p className="policy-control__words">{words[id]}</p>
      {note}
      {canManage && <div className="policy-control__fields">{fields}</div>}
    </SectionPanel>
  );

  const controls = [
    control(
      "CT-1",
      <>
        <div className="policy-fields-row">
          <SelectField
            label="IP owned jointly with the vendor"
            options={JOINT_OWNERSHIP_OPTIONS}
            value={draft.jointOwnership}
            onChange={(e) =>
              change({ jointOwnership: e.target.value as ContractPolicyDraft["jointOwnership"] })
            }
            error={problems.byField.jointOwnership}
          />
        </div>
        <CheckboxField
          label="The assignment must cover everything produced during the engagement"
          {...toggle("requireAssignmentDuringEngagement")}
        />
      </>,
    ),
    control(
      "CT-3",
      <>
        <CheckboxField label="Require a non-compete clause" {...toggle("requireNonCompete")} />
        <CheckboxField
          label="Require a clause against soliciting our staff"
          {...toggle("requireNoSolicit")}
        />
      </>,
    ),
    control(
      "CT-4",
      <fieldset className="field field--group">
        <legend className="field__label">Obligations must flow down to the vendor's</legend>
        {(Object.keys(FLOW_DOWN_LABELS) as FlowDownTarget[]).map((target) => (
          <CheckboxField
            key={target}
            label={FLOW_DOWN_LABELS[target]}
            checked={draft.flowDownTo.includes(target)}
            onChange={(e) =>
              change({
                flowDownTo: e.target.checked
                  ? [...draft.flowDownTo, target]
                  : draft.flowDownTo.filter((t) => t !== target),
              })
            }
          />
        ))}
        {problems.byField.flowDownTo && <p className="field__error">{problems.byField.flowDownTo}</p>}
      </fieldset>,
    ),
    control(
      "CT-5",
      <>
        <div className="policy-fields-row">
          <TextField
            label="Minimum liability cap"
            hint="Empty: no minimum amount."
            inputMode="decimal"
            {...text("capAmount")}
          />
          <TextField label="Currency of the cap" hint="Such as USD or EUR." {...text("capCurrency")} />
          <TextField
            label="Minimum cap in months of fees"
            hint="Empty: no minimum in months."
            inputMode="numeric"
            {...text("capMonths")}
          />
        </div>
        <CheckboxField
          label="IP and confidentiality breaches must sit outside the cap"
          {...toggle("requireUncappedIpBreach")}
        />
      </>,
    ),
    control(
      "CT-6",
      <div className="policy-fields-row">
        <TextField
          label="Longest audit notice (days)"
          hint="The most notice the vendor may ask for before an audit."
          inputMode="numeric"
          {...text("maxAuditNoticeDays")}
        />
      </div>,
    ),
    control(
      "CT-8",
      <div className="policy-fields-row">
        <TextField
          label="Other accepted countries"
          hint="Two-letter codes, such as GB, IE. Empty: the home country only."
          {...text("acceptedCountries")}
        />
      </div>,
      <p className="policy-control__note">
        Home country: <strong>{formatCountry(policy.homeCountry)}</strong>. It is the organisation's, set in
        the <Link to="/settings/playbook">playbook settings</Link>.
      </p>,
    ),
    control(
      "CT-9",
      <InsuranceLinesField
        lines={draft.insurance}
        problems={problems.byField}
        onChange={(insurance) => change({ insurance })}
        newLine={() => newInsuranceLine(draft)}
      />,
    ),
    control("OG-1", <CheckboxField label="Require source-code escrow" {...toggle("requireEscrow")} />),
  ];

  if (!canManage) return <div className="policy-controls">{controls}</div>;
  return (
    <form ref={formRef} className="policy-controls" onSubmit={save} noValidate aria-label="Contract policy">
      {controls}
      <div className="policy-save">
        {saved && <Alert tone="success">Contract policy saved. Analyses from now on use it.</Alert>}
        <FormProblem error={submit.error} fields={problems.placed} title="Nothing was saved" />
        <div className="form-actions form-actions--start">
          <BusyButton className="button button--primary" busy={submit.busy} busyLabel="Saving…">
            Save policy
          </BusyButton>
        </div>
      </div>
    </form>
  );
}
